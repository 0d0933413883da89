import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCorpus, writeCorpus } from '../../bench/corpus.js';
import { build } from '../../src/commands/build.js';
import { memoryLogger } from '../../src/report/logger.js';
import { defaultTuning } from '../../src/tuning.js';
import { siteMaker } from '../support/fixture-site.js';

const site = siteMaker();
/** Spill the bodies of any archive, however small. */
const spillAlways = { ...defaultTuning, bodySpillFrom: 1 };

/** Every file below `dir` with its bytes, by relative path. */
async function tree(dir: string): Promise<Map<string, string>> {
  const entries = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
  const files = entries.map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name))).sort();
  return new Map(await Promise.all(files.map(async (file) => [file, await readFile(path.join(dir, file), 'utf8')] as const)));
}

describe('spilling story bodies to a file (huge archives)', () => {
  it('should build byte for byte the same site, write a cache that later builds reuse, and leave no file behind', async () => {
    const built = await site('');
    await writeCorpus(built.dir, generateCorpus({ stories: 60, seed: 5 }));
    const quiet = () => ({ cwd: built.dir, logger: memoryLogger(), threads: 1 });
    expect((await build({ ...quiet(), out: 'plain', cache: false })).ok).toBe(true);
    const spilled = await build({ ...quiet(), out: 'spilled' }, spillAlways);
    expect(spilled.ok).toBe(true);
    expect(spilled.work?.bodiesSpilled).toBe(true);
    expect(await tree(path.join(built.dir, 'spilled'))).toEqual(await tree(path.join(built.dir, 'plain')));
    expect((await readdir(path.join(built.dir, '.wiredesk-cache'))).filter((name) => name.endsWith('.spill'))).toEqual([]);
    // The cache written from spilled bodies holds the bodies: an edit reuses every other story,
    // reading their cached heads only (the edited story's body is spilled), and the cache it writes holds them again.
    const stories = (await readdir(path.join(built.dir, 'stories'), { recursive: true })).filter((name) => name.endsWith('.md')).sort();
    for (const story of [stories[0] ?? '', stories[30] ?? '']) {
      await built.write(`stories/${story}`, `${await readFile(path.join(built.dir, 'stories', story), 'utf8')}\nOne more line.\n`);
      const edited = await build({ ...quiet(), out: 'spilled' }, spillAlways);
      expect(edited.work).toMatchObject({ bodiesSpilled: true, storiesReused: 59, storiesModelled: 1 });
      expect((await build({ ...quiet(), out: 'plain', cache: false })).ok).toBe(true);
      expect(await tree(path.join(built.dir, 'spilled'))).toEqual(await tree(path.join(built.dir, 'plain')));
    }
    expect((await readdir(path.join(built.dir, '.wiredesk-cache'))).filter((name) => name.endsWith('.spill'))).toEqual([]);
  });

  it('should spill the cached bodies too when every page renders (the cache restored without the output folder)', async () => {
    const built = await site('');
    await writeCorpus(built.dir, generateCorpus({ stories: 40, seed: 7 }));
    const quiet = () => ({ cwd: built.dir, logger: memoryLogger(), threads: 1 });
    expect((await build({ ...quiet(), out: 'plain', cache: false })).ok).toBe(true);
    expect((await build({ ...quiet(), out: 'spilled' }, spillAlways)).ok).toBe(true);
    await rm(path.join(built.dir, 'spilled'), { recursive: true, force: true });
    const restored = await build({ ...quiet(), out: 'spilled' }, spillAlways);
    expect(restored.work).toMatchObject({ bodiesSpilled: true, storiesReused: 40, storiesModelled: 0 });
    expect(await tree(path.join(built.dir, 'spilled'))).toEqual(await tree(path.join(built.dir, 'plain')));
    expect((await readdir(path.join(built.dir, '.wiredesk-cache'))).filter((name) => name.endsWith('.spill'))).toEqual([]);
  });
});
