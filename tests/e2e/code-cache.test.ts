import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureStory, parseFixture } from '../support/fixture-site.js';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../bin/wiredesk.js');

/** Build `cwd` with the real CLI and these flags; what it printed. */
async function build(cwd: string, ...flags: string[]): Promise<string> {
  const { stdout, stderr } = await run(process.execPath, [bin, 'build', ...flags], { cwd, timeout: 60_000 });
  return `${stdout}${stderr}`;
}

/** Every file under `dir`, by path, with its bytes. */
async function files(dir: string): Promise<Map<string, string>> {
  const names = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
  return new Map(
    await Promise.all(names.map(async (entry) => [path.relative(dir, path.join(entry.parentPath, entry.name)), await readFile(path.join(entry.parentPath, entry.name), 'base64')] as const)),
  );
}

describe("the code cache in the site's cache folder", () => {
  let dir = '';
  const codeCache = () => path.join(dir, '.wiredesk-cache', 'code-cache.bin');
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-code-cache-'));
    for (const [file, text] of parseFixture(fixtureStory('a', 20) + fixtureStory('b', 21, '', 'See [a](a.md).'))) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    }
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('should be kept by the first build, used by the next, and change no byte of the output', async () => {
    await build(dir);
    expect((await stat(codeCache())).size).toBeGreaterThan(0);
    await writeFile(path.join(dir, 'stories/a.md'), (await readFile(path.join(dir, 'stories/a.md'), 'utf8')).replace('Story A', 'Story A, updated'));
    const printed = await build(dir);
    expect(printed).toContain('Built 2 stories');
    expect(printed).not.toMatch(/warning|experimental/i);
    const withCode = await files(path.join(dir, 'dist'));
    await build(dir, '--no-cache', '--out', 'fresh');
    expect(await files(path.join(dir, 'fresh'))).toEqual(withCode);
  });

  it('should not be kept with --no-cache, nor without a cache folder', async () => {
    await build(dir, '--no-cache');
    expect(existsSync(path.join(dir, '.wiredesk-cache'))).toBe(false);
    await build(dir);
    await rm(codeCache());
    await build(dir, '--no-cache');
    expect(existsSync(codeCache())).toBe(false);
  });
});
