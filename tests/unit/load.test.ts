import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadStories, loadStoryFile, loadStoryFileSync, scanStories } from '../../src/io/load.js';

describe('loadStories', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-load-'));
    await mkdir(path.join(dir, 'stories/2018/img'), { recursive: true });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('should read every story below the folder, sorted, with its digest, and list other files as assets', async () => {
    await writeFile(path.join(dir, 'stories/2018/b.md'), 'B');
    await writeFile(path.join(dir, 'stories/a.md'), 'A');
    await writeFile(path.join(dir, 'stories/2018/img/photo.jpg'), 'JPEG');
    const loaded = await loadStories('stories', dir);
    expect(loaded.stories.map((story) => [story.source, story.displayPath, story.text])).toEqual([
      ['2018/b.md', 'stories/2018/b.md', 'B'],
      ['a.md', 'stories/a.md', 'A'],
    ]);
    expect(loaded.stories[1]?.digest).toBe('559aead08264d5795d3909718cdd05abd49572e84fe55590eef31a88a08fdffd');
    expect(loaded.assets.map((asset) => asset.source)).toEqual(['2018/img/photo.jpg']);
  });

  it('should remove a UTF-8 byte-order mark', async () => {
    await writeFile(path.join(dir, 'stories/bom.md'), '\uFEFF---\ntitle: x\n---\n');
    expect((await loadStories('stories', dir)).stories[0]?.text.startsWith('---')).toBe(true);
  });

  it('should report a file that is not UTF-8 and go on with the others', async () => {
    await writeFile(path.join(dir, 'stories/latin1.md'), Buffer.from([0x43, 0x61, 0x66, 0xe9]));
    await writeFile(path.join(dir, 'stories/fine.md'), 'fine');
    const loaded = await loadStories('stories', dir);
    expect(loaded.stories.map((story) => story.source)).toEqual(['fine.md']);
    expect(loaded.messages.map((message) => `${message.file} ${message.ruleId}`)).toEqual(['stories/latin1.md unreadable-file']);
  });

  it('should skip dot-files and never follow symbolic links out of the folder', async () => {
    await writeFile(path.join(dir, 'secret.md'), 'outside');
    await symlink(path.join(dir, 'secret.md'), path.join(dir, 'stories/link.md'));
    await mkdir(path.join(dir, 'outside-dir'));
    await writeFile(path.join(dir, 'outside-dir/x.md'), 'outside');
    await symlink(path.join(dir, 'outside-dir'), path.join(dir, 'stories/linked-dir'));
    await mkdir(path.join(dir, 'stories/.git'));
    await writeFile(path.join(dir, 'stories/.git/HEAD.md'), 'x');
    await writeFile(path.join(dir, 'stories/.draft.md'), 'x');
    const loaded = await loadStories('stories', dir);
    expect(loaded.stories).toEqual([]);
    expect(loaded.assets).toEqual([]);
  });
});

describe('loadStoryFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-load-one-'));
    await mkdir(path.join(dir, 'stories/2018/05'), { recursive: true });
    await mkdir(path.join(dir, 'outside/05'), { recursive: true });
    await writeFile(path.join(dir, 'outside/a.md'), 'SECRET OUTSIDE');
    await writeFile(path.join(dir, 'outside/05/a.md'), 'SECRET OUTSIDE');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('should refuse a story whose folder was swapped for a symbolic link, at any depth, and read none of it', async () => {
    const root = path.join(dir, 'stories');
    await writeFile(path.join(root, '2018/05/a.md'), 'inside');
    expect(await loadStoryFile(root, '2018/05/a.md', dir)).toMatchObject({ text: 'inside' });
    await rm(path.join(root, '2018/05'), { recursive: true });
    await symlink(path.join(dir, 'outside'), path.join(root, '2018/05'));
    await symlink(path.join(dir, 'outside'), path.join(root, 'top'));
    for (const source of ['2018/05/a.md', '2018/05/05/a.md', 'top/a.md', 'top/05/a.md']) {
      for (const loaded of [await loadStoryFile(root, source, dir), loadStoryFileSync(root, source, dir)]) {
        expect(loaded, source).not.toHaveProperty('text');
        expect('message' in loaded && loaded.message.reason, source).toMatch(/symbolic link/);
        expect('message' in loaded && loaded.message.ruleId, source).toBe('unreadable-file');
      }
    }
  });
});

describe('scanStories', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-scan-'));
    await mkdir(path.join(dir, 'stories/2018'), { recursive: true });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('should warn of a named pipe named like a story and of a story named in upper case, and skip both', async () => {
    await writeFile(path.join(dir, 'stories/a.md'), 'A');
    await writeFile(path.join(dir, 'stories/2018/SHOUT.MD'), 'B');
    execFileSync('mkfifo', [path.join(dir, 'stories/pipe.md')]);
    execFileSync('mkfifo', [path.join(dir, 'stories/.hidden.md')]);
    const scan = await scanStories('stories', dir);
    expect(scan.stories.map((story) => story.source)).toEqual(['a.md']);
    expect(scan.messages.map((message) => [message.ruleId, message.fatal, `${message.file}:${String(message)}`])).toEqual([
      ['skipped-file', false, 'stories/2018/SHOUT.MD:1:1: Not a story: only names ending in ".md", in lower case, are stories; expected "SHOUT.md" (rename the file)'],
      ['skipped-file', false, 'stories/pipe.md:1:1: Not a story: a named pipe is not a file to read; expected a regular file'],
    ]);
  });
});
