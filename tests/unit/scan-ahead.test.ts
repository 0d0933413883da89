import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isHidden, scanStories } from '../../src/io/load.js';
import { packScan, unpackScan } from '../../src/io/scan-ahead.js';

describe('a stories folder scan crossing threads', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-scan-ahead-'));
    await mkdir(path.join(dir, 'stories/2018/img'), { recursive: true });
    await mkdir(path.join(dir, 'stories/.git'), { recursive: true });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('should arrive as the scan made on this thread: stories with their stamps, assets, and the warnings of files skipped', async () => {
    await writeFile(path.join(dir, 'stories/2018/b.md'), 'B');
    await writeFile(path.join(dir, 'stories/a.md'), 'AAAA');
    await writeFile(path.join(dir, 'stories/2018/img/photo.jpg'), 'JPEG');
    await writeFile(path.join(dir, 'stories/Shouting.MD'), 'loud');
    await writeFile(path.join(dir, 'stories/.git/HEAD.md'), 'hidden');
    await writeFile(path.join(dir, 'stories/.draft.md'), 'hidden');
    await symlink(path.join(dir, 'stories/a.md'), path.join(dir, 'stories/link.md'));
    const scan = await scanStories('stories', dir);
    expect(scan.stories.map((story) => story.source)).toEqual(['2018/b.md', 'a.md', 'link.md']);
    expect(scan.messages.map((message) => `${message.file} ${message.ruleId}`)).toEqual(['stories/Shouting.MD skipped-file']);
    // What a thread receives is a structured clone of what the other posted.
    const received = unpackScan(structuredClone(packScan(scan)));
    expect(received).toEqual(scan);
    expect(received.stories.map((story) => Object.keys(story))).toEqual(scan.stories.map((story) => Object.keys(story)));
    expect(received.stories[1]?.size).toBe(4);
  });
});

describe('isHidden', () => {
  it('should tell a path with a dot-file or dot-folder in it, at any depth', () => {
    expect(['.draft.md', '.git/HEAD', '2018/.hidden/a.md', 'a/b/.c.md'].map(isHidden)).toEqual([true, true, true, true]);
    expect(['a.md', '2018/a.b.md', 'x./y.md', ''].map(isHidden)).toEqual([false, false, false, false]);
  });
});
