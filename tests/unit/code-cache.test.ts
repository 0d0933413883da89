import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadBundle } from '../../src/boot/cached-bundle.js';
import { codeCacheGrown, codeCacheToKeep, decodeCodeCache, encodeCodeCache, readCodeCache, writeCodeCache, type CodeCache } from '../../src/boot/code-cache.js';
import { codeCacheFile } from '../../src/boot/run.js';
import { cacheDir } from '../../src/store/build-cache.js';

/** A bundle of two CommonJS files: the entry requires the other, a module the host serves, and one of Node's. */
async function writeBundle(dir: string, answer: number): Promise<string> {
  await writeFile(
    path.join(dir, 'cli.cjs'),
    "const part = require('./part-x1.cjs');\nconst host = require('host:greeting');\nconst path = require('node:path');\nexports.answer = () => part.answer();\nexports.greeting = host.greeting;\nexports.base = path.basename(__filename);\n",
  );
  await writeFile(path.join(dir, 'part-x1.cjs'), `exports.answer = function answer() { return ${answer}; };\n`);
  return path.join(dir, 'cli.cjs');
}

type Answers = { answer(): number; greeting: string; base: string };

describe('the code cache file', () => {
  const cache: CodeCache = {
    files: new Map([
      ['cli.cjs', { sourceBytes: 120, sourceCrc: 7, data: Buffer.from('compiled cli') }],
      ['part-x1.cjs', { sourceBytes: 64, sourceCrc: 9, data: Buffer.from('compiled part') }],
    ]),
    bytecodeBytes: 5_000_000,
    checks: 2,
  };

  it('should give back the compiled code of each file, with the text it was compiled from and the bytecode V8 held', () => {
    expect(decodeCodeCache(Buffer.concat(encodeCodeCache(cache, 42)), 42)).toEqual(cache);
  });

  it('should be kept again when a run compiled a quarter more than the run that kept it, not for less', () => {
    expect(codeCacheGrown(cache, 6_000_000)).toBe(false);
    expect(codeCacheGrown(cache, 6_500_000)).toBe(true);
  });

  it("should stop measuring V8's code once three runs like the one that kept it found no growth, a lighter run not counting, unless a file is compiled anew", () => {
    const compiled = new Map([['cli.cjs', { sourceBytes: 1, sourceCrc: 2, data: Buffer.from('new code') }]]);
    let measured = 0;
    const run = (stale: boolean, bytes: number) => ({
      stale,
      bytecodeBytes: () => {
        measured++;
        return bytes;
      },
      compiled: () => compiled,
    });
    const fresh: CodeCache = { ...cache, checks: 0 };
    const once = codeCacheToKeep(fresh, run(false, 5_100_000));
    const twice = once && codeCacheToKeep(once, run(false, 5_100_000));
    const settled = twice && codeCacheToKeep(twice, run(false, 5_100_000));
    expect([once?.checks, twice?.checks, settled?.checks, settled?.files]).toEqual([1, 2, 3, cache.files]);
    expect(measured).toBe(3);
    expect(codeCacheToKeep(fresh, run(false, 1_000_000))).toBeUndefined();
    expect(measured).toBe(4);
    expect(settled && codeCacheToKeep(settled, run(false, 9_000_000))).toBeUndefined();
    expect(measured).toBe(4);
    expect(settled && codeCacheToKeep(settled, run(true, 5_000_000))).toEqual({ files: compiled, bytecodeBytes: 5_000_000, checks: 0 });
    expect(codeCacheToKeep(fresh, run(false, 6_500_000))).toEqual({ files: compiled, bytecodeBytes: 6_500_000, checks: 0 });
  });

  it('should hold nothing for another V8 (its version or flags), nor when cut short or not a cache', () => {
    const bytes = Buffer.concat(encodeCodeCache(cache, 42));
    expect(decodeCodeCache(bytes, 43).files.size).toBe(0);
    expect(decodeCodeCache(bytes.subarray(0, bytes.length - 3), 42).files.size).toBe(0);
    expect(decodeCodeCache(Buffer.from('not a cache at all'), 42).files.size).toBe(0);
  });

  it('should leave out the code whose bytes changed, and keep the others', () => {
    const bytes = Buffer.concat(encodeCodeCache(cache, 42));
    const at = bytes.indexOf('compiled part');
    bytes[at] = 'C'.charCodeAt(0);
    expect([...decodeCodeCache(bytes, 42).files.keys()]).toEqual(['cli.cjs']);
  });
});

describe('loading the CommonJS bundle with the code cache', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-code-cache-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));
  const host = new Map([['host:greeting', { greeting: 'hello' }]]);

  it('should run the bundle with its requires, then take the code compiled for it at the next start', async () => {
    const entry = await writeBundle(dir, 41);
    const first = loadBundle(entry, new Map(), host);
    const answers = first.exports as Answers;
    expect([answers.answer(), answers.greeting, answers.base]).toEqual([41, 'hello', 'cli.cjs']);
    expect(first.stale()).toBe(true);
    const file = path.join(dir, 'code-cache.bin');
    writeCodeCache(file, { files: first.compiled(), bytecodeBytes: 0, checks: 0 });
    const second = loadBundle(entry, readCodeCache(file).files, host);
    expect((second.exports as Answers).answer()).toBe(41);
    expect(second.stale()).toBe(false);
  });

  it('should compile a file anew when its text changed, even to one of the same length', async () => {
    const entry = await writeBundle(dir, 41);
    const first = loadBundle(entry, new Map(), host);
    (first.exports as Answers).answer();
    const compiled = first.compiled();
    // V8 compares only the length of the text: the same length with other code must not run the old code.
    await writeBundle(dir, 42);
    const second = loadBundle(entry, compiled, host);
    expect((second.exports as Answers).answer()).toBe(42);
    expect(second.stale()).toBe(true);
  });
});

describe('where the code cache is kept', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-code-cache-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("should be in the site's cache folder when it is there, and nowhere with --no-cache", async () => {
    expect(codeCacheFile(dir, ['build'])).toBeUndefined();
    await mkdir(cacheDir(dir));
    expect(codeCacheFile(dir, ['build'])).toBe(path.join(cacheDir(dir), 'code-cache.bin'));
    expect(codeCacheFile(dir, ['build', '--no-cache'])).toBeUndefined();
  });

  it('should be nowhere when the cache folder is a link, and never read through a link of its name', async () => {
    await mkdir(path.join(dir, 'elsewhere'));
    await symlink(path.join(dir, 'elsewhere'), cacheDir(dir));
    expect(codeCacheFile(dir, ['build'])).toBeUndefined();
    const kept = path.join(dir, 'kept.bin');
    writeCodeCache(kept, { files: new Map([['cli.cjs', { sourceBytes: 1, sourceCrc: 2, data: Buffer.from('code') }]]), bytecodeBytes: 0, checks: 0 });
    await symlink(kept, path.join(dir, 'linked.bin'));
    expect(readCodeCache(path.join(dir, 'linked.bin')).files.size).toBe(0);
    expect(readCodeCache(kept).files.size).toBe(1);
    expect((await readFile(kept)).length).toBeGreaterThan(0);
  });
});
