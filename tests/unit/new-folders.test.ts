import { EventEmitter } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ignoredByWatch } from '../../src/dev/watch.js';
import { sweepNewFolders, type FolderWatcher } from '../../src/watch/new-folders.js';

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A stand-in for chokidar's watcher: it knows what `known` lists, and reports a folder with `appear`. */
function fakeWatcher(known: Record<string, string[]>): FolderWatcher & { appear(folder: string): void; readonly asked: number } {
  const events = new EventEmitter();
  let asked = 0;
  return {
    on: (event, listener) => events.on(event, listener),
    getWatched: () => {
      asked++;
      return known;
    },
    appear: (folder) => events.emit('addDir', folder),
    get asked() {
      return asked;
    },
  };
}

/** A stories folder with `files` written (paths relative to it). */
async function storiesWith(files: readonly string[]): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-sweep-'));
  made.push(root);
  for (const file of files) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), '---\ntitle: A\n---\n');
  }
  return root;
}

describe('looking through a folder that appeared under the watch', () => {
  it('should report each file of the new folder, and of its subfolders, that the watcher does not know', async () => {
    const root = await storiesWith(['2026/12/known.md', '2026/12/missed.md', '2026/12/07/deeper.md']);
    const month = path.join(root, '2026/12');
    const watcher = fakeWatcher({ [month]: ['known.md', '07'] });
    const added: string[] = [];
    const stop = sweepNewFolders(watcher, ignoredByWatch, (file) => added.push(file), [5]);
    watcher.appear(path.join(root, '2026'));
    await vi.waitFor(() => expect(watcher.asked).toBe(1), { interval: 5 });
    stop();
    expect(added.sort()).toEqual([path.join(month, '07/deeper.md'), path.join(month, 'missed.md')]);
  });

  it('should look again at each delay, and report a missed file once', async () => {
    const root = await storiesWith(['new/a.md']);
    const watcher = fakeWatcher({});
    const added: string[] = [];
    const stop = sweepNewFolders(watcher, ignoredByWatch, (file) => added.push(file), [5, 400]);
    watcher.appear(path.join(root, 'new'));
    await vi.waitFor(() => expect(watcher.asked).toBe(1), { interval: 5 });
    await writeFile(path.join(root, 'new/b.md'), 'late');
    await vi.waitFor(() => expect(watcher.asked).toBe(2), { timeout: 2_000 });
    stop();
    expect(added).toEqual([path.join(root, 'new/a.md'), path.join(root, 'new/b.md')]);
  });

  it('should report nothing once the watcher knows every file', async () => {
    const root = await storiesWith(['new/a.md']);
    const known: Record<string, string[]> = {};
    const watcher = fakeWatcher(known);
    const added: string[] = [];
    const stop = sweepNewFolders(watcher, ignoredByWatch, (file) => added.push(file), [5, 400]);
    watcher.appear(path.join(root, 'new'));
    await vi.waitFor(() => expect(watcher.asked).toBe(1), { interval: 5 });
    expect(added).toEqual([path.join(root, 'new/a.md')]);
    known[path.join(root, 'new')] = ['a.md'];
    await vi.waitFor(() => expect(watcher.asked).toBe(2), { timeout: 2_000 });
    stop();
    expect(added).toEqual([path.join(root, 'new/a.md')]);
  });

  it('should leave alone what the watch ignores: dot-files, editors’ backups and the files of an ignored folder', async () => {
    const root = await storiesWith(['new/.draft.md', 'new/story.md~', 'new/.git/HEAD', 'new/node_modules/x/index.md']);
    const watcher = fakeWatcher({});
    const added: string[] = [];
    const stop = sweepNewFolders(watcher, ignoredByWatch, (file) => added.push(file), [5]);
    watcher.appear(path.join(root, 'new'));
    watcher.appear(path.join(root, 'new/.git'));
    await vi.waitFor(() => expect(watcher.asked).toBe(1), { interval: 5 });
    stop();
    expect(added).toEqual([]);
  });

  it('should look no more once stopped, nor at a folder gone meanwhile', async () => {
    const root = await storiesWith(['new/a.md', 'gone/b.md']);
    const watcher = fakeWatcher({});
    const added: string[] = [];
    const stop = sweepNewFolders(watcher, ignoredByWatch, (file) => added.push(file), [40]);
    watcher.appear(path.join(root, 'new'));
    watcher.appear(path.join(root, 'gone'));
    await rm(path.join(root, 'gone'), { recursive: true });
    stop();
    await sleep(80);
    expect(added).toEqual([]);
    const later = sweepNewFolders(watcher, ignoredByWatch, (file) => added.push(file), [5]);
    watcher.appear(path.join(root, 'gone'));
    await vi.waitFor(() => expect(watcher.asked).toBe(1), { interval: 5 });
    later();
    expect(added).toEqual([]);
  });
});
