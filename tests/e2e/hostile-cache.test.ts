import { execFile, execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureStory, parseFixture } from '../support/fixture-site.js';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../bin/wiredesk.js');

/**
 * Build with the real CLI, killed after 20 s: a build that hangs on a cache file, or reads one
 * without end, fails the test instead of hanging it (a good build of two stories takes a second).
 */
async function build(cwd: string): Promise<string> {
  const { stdout, stderr } = await run(process.execPath, [bin, 'build'], { cwd, timeout: 20_000, killSignal: 'SIGKILL' });
  return `${stdout}${stderr}`;
}

// Something in `.wiredesk-cache/` that is not a cache file the build wrote: a named pipe (which
// blocks whoever opens it), a link to an endless device, a link to a file elsewhere. The build
// takes none of them as a cache, never waits on one, never writes through one.
describe('a build whose cache folder holds other things than cache files', () => {
  let dir = '';
  const cache = (file: string) => path.join(dir, '.wiredesk-cache', file);
  const fifo = (file: string) => execFileSync('mkfifo', [cache(file)]);

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-hostile-cache-'));
    for (const [file, text] of parseFixture(fixtureStory('a', 20) + fixtureStory('b', 21, '', 'See [a](a.md).'))) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    }
    await build(dir);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('should rebuild without the cache when its files are named pipes', async () => {
    await writeFile(path.join(dir, 'stories/a.md'), (await readFile(path.join(dir, 'stories/a.md'), 'utf8')).replace('Story A', 'Story A, updated'));
    for (const file of ['index.bin', 'code.json', 'frame.bin', 'stories-00.bin', 'manifest.json']) {
      await rm(cache(file), { force: true });
      fifo(file);
    }
    const printed = await build(dir);
    expect(printed).toMatch(/Built 2 stories/);
    expect(await readFile(path.join(dir, 'dist/2018/05/20/a/index.html'), 'utf8')).toContain('Story A, updated');
  });

  it('should rebuild without the cache when its files are links to an endless device', async () => {
    for (const file of ['index.bin', 'code.json']) {
      await rm(cache(file), { force: true });
      await symlink('/dev/zero', cache(file));
    }
    const printed = await build(dir);
    expect(printed).toMatch(/Built 2 stories/);
  });

  it('should neither read nor write through a link in the cache folder', async () => {
    const elsewhere = path.join(dir, 'elsewhere');
    await cp(path.join(dir, '.wiredesk-cache'), elsewhere, { recursive: true });
    for (const file of ['index.bin', 'stories-00.bin', 'manifest.json', 'code.json']) {
      await rm(cache(file), { force: true });
      await symlink(path.join(elsewhere, file), cache(file));
    }
    const before = await Promise.all(['index.bin', 'manifest.json'].map((file) => readFile(path.join(elsewhere, file))));
    // The index behind the link vouches for these very stories: trusted, it would make this build a no-op.
    await writeFile(path.join(dir, 'stories/a.md'), (await readFile(path.join(dir, 'stories/a.md'), 'utf8')).replace('Story A', 'Story A, again'));
    const printed = await build(dir);
    expect(printed).toMatch(/Built 2 stories/);
    expect(await readFile(path.join(dir, 'dist/2018/05/20/a/index.html'), 'utf8')).toContain('Story A, again');
    const after = await Promise.all(['index.bin', 'manifest.json'].map((file) => readFile(path.join(elsewhere, file))));
    expect(after).toEqual(before);
  });
});

// The cache folder itself is not a folder of the site's own: a link of that name (a commit can
// carry one, though the folder is git-ignored) or a file. The build neither reads nor writes a
// cache there, builds the site without one, and says why in one line.
describe('a build whose cache folder is not a folder of its own', () => {
  let dir = '';
  /** Build with the real CLI, as `build` above does, keeping what it printed to each stream apart. */
  const buildApart = async (args: readonly string[] = []) => {
    const { stdout, stderr } = await run(process.execPath, [bin, 'build', ...args], { cwd: dir, timeout: 20_000, killSignal: 'SIGKILL' });
    return { stdout, stderr };
  };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-cache-folder-'));
    for (const [file, text] of parseFixture(fixtureStory('a', 20) + fixtureStory('b', 21, '', 'See [a](a.md).'))) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    }
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('should build without a cache, write nothing where a link of its name leads, and say so', async () => {
    const elsewhere = path.join(dir, 'elsewhere');
    await mkdir(elsewhere);
    await symlink(elsewhere, path.join(dir, '.wiredesk-cache'));
    const first = await buildApart();
    expect(first.stdout).toMatch(/Built 2 stories/);
    expect(first.stderr).toMatch(/^The cache folder "\.wiredesk-cache" is a symbolic link, .*remove it/m);
    expect(first.stderr.trim().split('\n')).toHaveLength(1);
    // A second build would find a cache there had the first one kept it: it builds every story again.
    await writeFile(path.join(dir, 'stories/a.md'), (await readFile(path.join(dir, 'stories/a.md'), 'utf8')).replace('Story A', 'Story A, updated'));
    expect((await buildApart()).stdout).toMatch(/Built 2 stories/);
    expect(await readdir(elsewhere)).toEqual([]);
    expect(await readFile(path.join(dir, 'dist/2018/05/20/a/index.html'), 'utf8')).toContain('Story A, updated');
  });

  it('should never read a cache where a link of its name leads', async () => {
    await buildApart();
    const elsewhere = path.join(dir, 'elsewhere');
    await rename(path.join(dir, '.wiredesk-cache'), elsewhere);
    await symlink(elsewhere, path.join(dir, '.wiredesk-cache'));
    const before = await readFile(path.join(elsewhere, 'index.bin'));
    const { stdout } = await buildApart();
    // Trusted, the index there would make this build a no-op, with no file written.
    expect(stdout).toMatch(/Built 2 stories .*: [1-9]\d* files written/);
    expect(await readFile(path.join(elsewhere, 'index.bin'))).toEqual(before);
  });

  it('should build without a cache when a file has its name, and leave the file as it is', async () => {
    await writeFile(path.join(dir, '.wiredesk-cache'), 'not a folder\n');
    const { stdout, stderr } = await buildApart();
    expect(stdout).toMatch(/Built 2 stories/);
    expect(stderr).toMatch(/^The cache folder "\.wiredesk-cache" is a file, not a folder: .*remove it/m);
    expect(await readFile(path.join(dir, '.wiredesk-cache'), 'utf8')).toBe('not a folder\n');
  });

  it('should say nothing of the cache folder with --no-cache', async () => {
    await symlink(path.join(dir, 'elsewhere'), path.join(dir, '.wiredesk-cache'));
    const { stdout, stderr } = await buildApart(['--no-cache']);
    expect(stdout).toMatch(/Built 2 stories/);
    expect(stderr).toBe('');
  });
});
