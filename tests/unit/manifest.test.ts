import { describe, expect, it } from 'vitest';
import { changesOutput, combinedManifest, type BuildManifest } from '../../src/deploy/manifest.js';

const manifest = (files: Partial<BuildManifest>): BuildManifest => ({ added: [], changed: [], removed: [], unchanged: 0, ...files });

describe('combining the manifests of builds not deployed yet', () => {
  it('should upload what either build wrote and remove what either removed, the later build winning', () => {
    const earlier = manifest({ added: ['new.html', 'gone-again.html'], changed: ['index.html', 'dropped.html'], removed: ['old.html', 'back.html'] });
    const later = manifest({ added: ['back.html', 'newer.html'], changed: ['index.html', 'feed.xml'], removed: ['gone-again.html', 'dropped.html'], unchanged: 9 });
    expect(combinedManifest(earlier, later)).toEqual({
      added: ['back.html', 'new.html', 'newer.html'],
      changed: ['feed.xml', 'index.html'],
      removed: ['dropped.html', 'gone-again.html', 'old.html'],
      unchanged: 9,
    });
  });

  it('should keep a file added by the earlier build and changed by the later one as added', () => {
    expect(combinedManifest(manifest({ added: ['a.html'] }), manifest({ changed: ['a.html'] }))).toMatchObject({ added: ['a.html'], changed: [] });
  });

  it('should tell a manifest that changes nothing', () => {
    expect(changesOutput(manifest({ unchanged: 40 }))).toBe(false);
    expect(changesOutput(manifest({ removed: ['x.html'] }))).toBe(true);
  });
});
