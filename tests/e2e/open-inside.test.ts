import { closeSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, realpath, rename, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPinnedFolderIntact, openInside, openInsideSync, pinFolder, relativeInside } from '../../src/io/open-inside.js';

const secret = 'SECRET-OUTSIDE';

/** Read a file through both openers; the text, or the error code when it is refused. */
async function readBoth(root: Parameters<typeof openInside>[0], relative: string): Promise<[string, string]> {
  const viaAsync = await openInside(root, relative).then(
    async ({ handle }) => (await handle.readFile().finally(() => handle.close())).toString('utf8'),
    (error: NodeJS.ErrnoException) => `refused ${error.code ?? '?'}`,
  );
  let viaSync: string;
  try {
    const fd = openInsideSync(root, relative);
    try {
      viaSync = readFileSync(fd, 'utf8');
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    viaSync = `refused ${(error as NodeJS.ErrnoException).code ?? '?'}`;
  }
  return [viaAsync, viaSync];
}

describe('openInside', () => {
  let dir: string;
  let root: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-open-inside-'));
    root = path.join(dir, 'stories');
    await mkdir(path.join(root, '2018/05'), { recursive: true });
    await mkdir(path.join(dir, 'outside/sub'), { recursive: true });
    await writeFile(path.join(root, '2018/05/a.md'), 'inside');
    await writeFile(path.join(root, 'top.md'), 'top');
    for (const name of ['a.md', 'secret.txt', 'sub/a.md']) await writeFile(path.join(dir, 'outside', name), secret);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('should read a regular file below the folder, at any depth', async () => {
    expect(await readBoth(root, '2018/05/a.md')).toEqual(['inside', 'inside']);
    expect(await readBoth(root, 'top.md')).toEqual(['top', 'top']);
    expect(await readBoth(pinFolder(root), '2018/05/a.md')).toEqual(['inside', 'inside']);
  });

  it('should follow no symbolic link, wherever it is in the path and wherever it points', async () => {
    await symlink(path.join(dir, 'outside'), path.join(root, 'linked'));
    await symlink(path.join(dir, 'outside'), path.join(root, '2018/linked'));
    await symlink(path.join(dir, 'outside/a.md'), path.join(root, 'file-link.md'));
    await symlink(path.join(root, '2018'), path.join(root, 'inner-link'));
    await symlink(path.join(root, 'top.md'), path.join(root, 'inner-file-link.md'));
    await symlink('../../outside', path.join(root, '2018/relative-link'));
    await symlink(path.join(dir, 'nowhere'), path.join(root, 'dangling'));
    const linked = [
      'linked/a.md',
      'linked/secret.txt',
      'linked/sub/a.md',
      '2018/linked/a.md',
      '2018/linked/sub/a.md',
      'file-link.md',
      'inner-link/05/a.md',
      'inner-file-link.md',
      '2018/relative-link/a.md',
      '2018/relative-link/sub/a.md',
      'dangling',
      'dangling/a.md',
    ];
    for (const relative of linked) expect(await readBoth(root, relative), relative).toEqual(['refused ELOOP', 'refused ELOOP']);
  });

  it('should refuse any path that is not plain below the folder', async () => {
    const spellings = ['../outside/a.md', '2018/../../outside/a.md', './top.md', '2018//05/a.md', '', '/etc/passwd', 'top.md/', '2018/05/a.md\0'];
    for (const relative of spellings) expect(await readBoth(root, relative), relative).toEqual(['refused EINVAL', 'refused EINVAL']);
    expect(relativeInside(root, path.join(dir, 'outside/a.md'))).toBeUndefined();
    expect(relativeInside(root, root)).toBeUndefined();
    expect(relativeInside(root, path.join(root, '2018/05/a.md'))).toBe('2018/05/a.md');
  });

  it('should refuse folders and missing files', async () => {
    expect(await readBoth(root, '2018')).toEqual(['refused EISDIR', 'refused EISDIR']);
    expect(await readBoth(root, 'missing.md')).toEqual(['refused ENOENT', 'refused ENOENT']);
    expect(await readBoth(root, 'missing/a.md')).toEqual(['refused ENOENT', 'refused ENOENT']);
  });

  it('should refuse every file once the pinned folder itself was swapped for a link', async () => {
    const pinned = pinFolder(root);
    expect(isPinnedFolderIntact(pinned)).toBe(true);
    await rename(root, path.join(dir, 'moved'));
    await symlink(path.join(dir, 'outside'), root);
    expect(isPinnedFolderIntact(pinned)).toBe(false);
    for (const relative of ['a.md', 'secret.txt', 'sub/a.md']) expect(await readBoth(pinned, relative), relative).toEqual(['refused ELOOP', 'refused ELOOP']);
  });

  it("should keep serving through a folder path that was a link when pinned, the site owner's own", async () => {
    await symlink(root, path.join(dir, 'owner-link'));
    const pinned = pinFolder(path.join(dir, 'owner-link'));
    expect(pinned.real).toBe(await realpath(root));
    expect(await readBoth(pinned, '2018/05/a.md')).toEqual(['inside', 'inside']);
    expect(relativeInside(pinned, path.join(dir, 'owner-link', 'top.md'))).toBe('top.md');
  });

  it('should never read outside while a folder flips between itself and a link to outside (Linux: the kernel says where a file is)', async () => {
    // Elsewhere only path checks are possible, and a thread swapping as fast as it can outruns them.
    if (process.platform !== 'linux') return;
    await mkdir(path.join(root, 'desk'));
    await writeFile(path.join(root, 'desk/a.md'), 'inside');
    // Another thread swaps the folder for a link and back as fast as it can, until told to stop.
    const stop = new Int32Array(new SharedArrayBuffer(4));
    const flipper = new Worker(
      `const { renameSync, symlinkSync, unlinkSync } = require('node:fs');
       const { workerData: { desk, kept, outside, stop } } = require('node:worker_threads');
       let flips = 0;
       while (Atomics.load(stop, 0) === 0) {
         renameSync(desk, kept); symlinkSync(outside, desk); unlinkSync(desk); renameSync(kept, desk); flips++;
       }
       require('node:worker_threads').parentPort.postMessage(flips);`,
      { eval: true, workerData: { desk: path.join(root, 'desk'), kept: path.join(root, 'desk-kept'), outside: path.join(dir, 'outside'), stop } },
    );
    const flips = new Promise<number>((resolve) => flipper.once('message', resolve));
    const outcomes = new Map<string, number>();
    try {
      for (let read = 0; read < 4000; read++) {
        const [viaAsync, viaSync] = await readBoth(root, 'desk/a.md');
        for (const outcome of [viaAsync, viaSync]) outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }
    } finally {
      Atomics.store(stop, 0, 1);
    }
    expect(await flips).toBeGreaterThan(0);
    await flipper.terminate();
    expect([...outcomes.keys()].filter((outcome) => outcome.includes(secret))).toEqual([]);
    expect(outcomes.get('inside') ?? 0).toBeGreaterThan(0);
  });
});
