import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outputRefusal, type GuardedSite } from '../../src/output/output-guard.js';
import { treesFolder } from '../../src/output/output-trees.js';
import { writeSite as writeAnySite } from '../../src/output/write.js';

/** These tests are of the swap layout (`output.swap: true`): the output a link to one of two trees. */
const writeSite = (...[pages, assets, out, options]: Parameters<typeof writeAnySite>) => writeAnySite(pages, assets, out, { ...options, layout: 'swap' });

describe('outputRefusal', () => {
  let root: string;
  let cwd: string;
  let site: GuardedSite;
  const refusal = (out: string, options: { stories?: string; config?: string; force?: boolean } = {}) =>
    outputRefusal(path.resolve(cwd, out), { ...site, stories: path.resolve(cwd, options.stories ?? 'stories'), config: path.resolve(cwd, options.config ?? 'site.yaml') }, options.force);

  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-guard-'));
    cwd = path.join(root, 'site');
    await mkdir(path.join(cwd, 'stories'), { recursive: true });
    await writeFile(path.join(cwd, 'stories/a.md'), 'story');
    await writeFile(path.join(cwd, 'site.yaml'), 'title: T\n');
    site = { cwd, stories: path.join(cwd, 'stories'), config: path.join(cwd, 'site.yaml'), cache: path.join(cwd, '.wiredesk-cache') };
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('should let a build write into a missing or empty folder, or into the link a build of it made', async () => {
    expect(refusal('dist')).toBeUndefined();
    expect(refusal('a/b')).toBeUndefined();
    expect(refusal('../outside')).toBeUndefined();
    await mkdir(path.join(cwd, 'empty'));
    expect(refusal('empty')).toBeUndefined();
    await writeSite([{ path: '', render: () => 'home' }], [], path.join(cwd, 'dist'));
    expect(refusal('dist')).toBeUndefined();
  });

  it('should refuse the stories folder, a folder inside it and one that contains it, naming both paths, even with force', () => {
    expect(refusal('stories')).toBe('Refusing to build into "stories": it is the stories folder "stories"; choose another --out');
    expect(refusal('stories/x', { force: true })).toBe('Refusing to build into "stories/x": it is inside the stories folder "stories"; choose another --out');
    expect(refusal('news', { stories: 'news/wire' })).toBe('Refusing to build into "news": it contains the stories folder "news/wire"; choose another --out');
    expect(refusal('dist', { stories: 'dist' })).toMatch(/^Refusing to build into "dist": it is the stories folder "dist"/);
  });

  it('should refuse the site folder and any folder above it', () => {
    expect(refusal('.')).toBe('Refusing to build into ".": it is the site folder "."; choose another --out');
    expect(refusal('..', { force: true })).toBe('Refusing to build into "..": it contains the stories folder "stories"; choose another --out');
    expect(refusal('conf', { config: 'conf/site.yaml', stories: 'news' })).toBe('Refusing to build into "conf": it is the folder of the settings file "conf"; choose another --out');
  });

  it('should refuse the folders reserved to the site’s own files and the cache, whether they exist or not', () => {
    expect(refusal('pages')).toBe('Refusing to build into "pages": it is the `pages` folder "pages"; choose another --out');
    expect(refusal('static/site')).toBe('Refusing to build into "static/site": it is inside the `static` folder "static"; choose another --out');
    expect(refusal('templates')).toMatch(/it is the `templates` folder "templates"/);
    expect(refusal('.wiredesk-cache')).toBe('Refusing to build into ".wiredesk-cache": it is the cache folder ".wiredesk-cache"; choose another --out');
    expect(refusal('.wiredesk-cache/out')).toMatch(/it is inside the cache folder/);
  });

  it('should refuse an output whose trees folder would be one of the site’s folders', () => {
    expect(refusal('dist', { stories: '.dist.trees' })).toBe('Refusing to build into "dist": its trees folder ".dist.trees" is the stories folder ".dist.trees"; choose another --out');
  });

  it('should see through links: a link to the stories folder is the stories folder', async () => {
    await symlink('stories', path.join(cwd, 'news'));
    expect(refusal('news/x')).toMatch(/^Refusing to build into "news\/x": it is inside the stories folder/);
    expect(refusal('stories', { stories: 'news' })).toMatch(/^Refusing to build into "stories": it is the stories folder "news"/);
  });

  it('should refuse a file, and a non-empty folder or a link that wiredesk did not make unless forced', async () => {
    expect(refusal('site.yaml', { force: true })).toBe('Refusing to build into "site.yaml": it is a file, not a folder; choose another --out');
    await mkdir(path.join(cwd, 'docs'));
    await writeFile(path.join(cwd, 'docs/notes.txt'), 'mine');
    expect(refusal('docs')).toBe(
      'Refusing to build into "docs": it is a folder that wiredesk did not write (neither ".docs.wiredesk" nor ".docs.trees" holds a build of it); choose another --out, or pass --force to replace it',
    );
    expect(refusal('docs', { force: true })).toBeUndefined();
    await symlink('docs', path.join(cwd, 'site'));
    expect(refusal('site')).toMatch(/^Refusing to build into "site": it is a folder that wiredesk did not write/);
  });

  it('should refuse the trees of another output, and any folder in them', async () => {
    await writeSite([{ path: '', render: () => 'home' }], [], path.join(cwd, 'dist'));
    expect(refusal('.dist.trees', { force: true })).toBe('Refusing to build into ".dist.trees": it is the trees folder ".dist.trees" of another output; choose another --out');
    expect(refusal('.dist.trees/a')).toMatch(/^Refusing to build into ".dist.trees\/a": it is inside the trees folder ".dist.trees" of another output/);
    expect(refusal('dist/x')).toMatch(/^Refusing to build into "dist\/x": it is inside the trees folder ".dist.trees" of another output/);
  });

  it('should refuse a trees folder that wiredesk did not make, even with force', async () => {
    await mkdir(path.join(treesFolder(path.join(cwd, 'dist')), 'a'), { recursive: true });
    await writeFile(path.join(treesFolder(path.join(cwd, 'dist')), 'a/mine.txt'), 'mine');
    expect(refusal('dist', { force: true })).toBe(
      'Refusing to build into "dist": its trees folder ".dist.trees" is there and was not made by wiredesk; choose another --out, or move that folder away',
    );
  });
});
