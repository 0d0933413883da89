import { execFileSync } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCacheFolder } from '../../src/store/cache-folder.js';

describe('openCacheFolder', () => {
  let dir = '';
  const cache = () => path.join(dir, '.wiredesk-cache');
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-cache-folder-unit-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('should make the folder when it is missing, and use it', async () => {
    expect(openCacheFolder(cache())).toEqual({ usable: true, dir: cache() });
    expect((await lstat(cache())).isDirectory()).toBe(true);
  });

  it('should use a folder that is there', async () => {
    await mkdir(cache());
    expect(openCacheFolder(cache())).toEqual({ usable: true, dir: cache() });
  });

  it('should refuse a link to a folder, and make nothing where it leads', async () => {
    await mkdir(path.join(dir, 'elsewhere'));
    await symlink(path.join(dir, 'elsewhere'), cache());
    const folder = openCacheFolder(cache());
    expect(folder.usable).toBe(false);
    expect(folder.usable === false && folder.warning).toMatch(/^The cache folder "\.wiredesk-cache" is a symbolic link, .* remove it \(rm "\.wiredesk-cache"\)/);
    expect(await readdir(path.join(dir, 'elsewhere'))).toEqual([]);
  });

  it('should refuse a link that leads nowhere, without making what it names', async () => {
    await symlink(path.join(dir, 'missing'), cache());
    expect(openCacheFolder(cache()).usable).toBe(false);
    await expect(lstat(path.join(dir, 'missing'))).rejects.toThrow();
  });

  it('should refuse a named pipe of its name, saying what it is', () => {
    execFileSync('mkfifo', [cache()]);
    const folder = openCacheFolder(cache());
    expect(folder.usable === false && folder.warning).toMatch(/is a named pipe, not a folder: this build runs without a cache/);
  });
});
