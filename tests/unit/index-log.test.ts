import { existsSync } from 'node:fs';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCacheIndex, writeBuildCache, type BuildCache, type CacheIndex, type CachedStory } from '../../src/store/build-cache.js';
import { indexLogPath } from '../../src/store/index-log.js';

const code = 'code-1';
const config = '{"title":"x"}';
const stories = new Map<string, CachedStory>(Array.from({ length: 40 }, (_, n) => [`s${n}.md`, { digest: `d${n}`, result: { messages: [] } }]));

/** A build's cache of `count` pages, stories `s0.md`… with their stamps, made at `time`. */
function cacheOf(time: number, change: (cache: BuildCache) => Partial<BuildCache> = () => ({})): BuildCache {
  const base: BuildCache = {
    code,
    config,
    out: '/site/dist',
    published: `plain:${time}`,
    writtenAt: time,
    stamps: new Map([...stories].map(([source, story], n) => [source, { size: n, mtimeMs: n, ctimeMs: n, ino: n, digest: story.digest }])),
    pages: new Map(Array.from({ length: 60 }, (_, n) => [`p${n}/index.html`, { reads: `r${n}`, bytes: `b${n}` }])),
    assets: new Map([['media/a.jpg', '1:2:3:4']]),
    own: { stamp: '[]', print: '[]' },
    messages: [],
    counts: { stories: 40, pages: 60, feeds: 1 },
    schedule: { window: { from: Number.NEGATIVE_INFINITY, until: Number.POSITIVE_INFINITY } },
    stories,
    frameChecksum: 'frame-1',
    readFields: {},
  };
  return { ...base, ...change(base) };
}

/** The index as plain data, whatever its log: what a build reads of it. */
function plain(index: (Omit<CacheIndex, 'shardChecksums' | 'log'> & { readonly log?: unknown; readonly shardChecksums?: unknown; readonly stories?: unknown }) | undefined) {
  if (!index) return undefined;
  const { log: _log, stamps, pages, assets, shardChecksums: _shards, stories: _stories, ...rest } = index;
  return { ...rest, stamps: [...stamps].sort(), pages: [...pages].sort(), assets: [...assets].sort() };
}

describe('the log of changes beside the cache index', () => {
  let dir: string;
  const indexFile = () => path.join(dir, 'index.bin');
  const read = () => readCacheIndex(dir, code, config);
  /** Write `cache` as a build that read the index there now would. */
  const publish = async (cache: BuildCache) => {
    const index = await read();
    await writeBuildCache(dir, cache, index && { index, stories });
  };
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-index-log-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('should log what a publish changed, leave the whole index as it was, and read back what a whole index would say', async () => {
    await writeBuildCache(dir, cacheOf(1));
    const whole = await readFile(indexFile());
    const second = cacheOf(2, ({ stamps, pages, assets }) => ({
      stamps: new Map(stamps).set('new.md', { size: 1, mtimeMs: 2, ctimeMs: 3, ino: 4, digest: 'dn' }),
      pages: new Map([...pages].filter(([file]) => file !== 'p3/index.html')).set('p5/index.html', { reads: 'r5b', bytes: 'b5b', listCount: true }),
      assets: new Map(assets).set('media/b.jpg', '5:6:7:8'),
    }));
    await publish(second);
    const third = cacheOf(3, ({ stamps, pages }) => ({
      stamps: new Map([...stamps].filter(([source]) => source !== 's1.md')).set('s2.md', { size: 9, mtimeMs: 9, ctimeMs: 9, ino: 2, digest: 'd2b' }),
      pages: new Map([...pages].filter(([file]) => file !== 'p3/index.html')),
      assets: new Map(),
      published: undefined,
      frameChecksum: undefined,
    }));
    await publish(third);
    expect(await readFile(indexFile())).toEqual(whole);
    const logged = await read();
    expect(logged?.log?.entries).toBe(4 + 6);
    expect(plain(logged)).toEqual(plain(third));
    // The same index, written whole by a build that read none.
    await writeBuildCache(dir, third);
    expect(existsSync(indexLogPath(indexFile()))).toBe(false);
    expect(plain(await read())).toEqual(plain(logged));
  });

  it('should keep the shards the last change vouches for', async () => {
    await writeBuildCache(dir, cacheOf(1));
    const first = await read();
    await publish(cacheOf(2, () => ({ stories: new Map(stories).set('s7.md', { digest: 'd7b', result: { messages: [] } }) })));
    const second = await read();
    expect(second?.log?.size).toBeGreaterThan(0);
    expect(second?.shardChecksums).not.toEqual(first?.shardChecksums);
    expect(second?.shardChecksums.filter((checksum, shard) => checksum !== first?.shardChecksums[shard])).toHaveLength(1);
  });

  it('should not apply a change cut short by a kill or damaged, and write the index whole on the next publish', async () => {
    await writeBuildCache(dir, cacheOf(1));
    await publish(cacheOf(2));
    const before = plain(await read());
    const log = indexLogPath(indexFile());
    const good = await readFile(log);
    await publish(cacheOf(3));
    const both = await readFile(log);
    // Cut short.
    await writeFile(log, both.subarray(0, both.length - 3));
    expect(plain(await read())).toEqual(before);
    // Damaged: one byte of the last change's payload flipped.
    const damaged = Buffer.from(both);
    damaged[both.length - 2] = (damaged[both.length - 2] ?? 0) ^ 0xff;
    await writeFile(log, damaged);
    expect(plain(await read())).toEqual(before);
    expect((await read())?.log?.size).toBe(good.length);
    // The next publish cannot append after a change it did not read: it writes the index whole.
    await publish(cacheOf(4));
    expect(existsSync(log)).toBe(false);
    expect((await read())?.writtenAt).toBe(4);
  });

  it('should ignore changes that follow another whole index (a build killed between writing it and removing the log)', async () => {
    await writeBuildCache(dir, cacheOf(1));
    await publish(cacheOf(2, ({ pages }) => ({ pages: new Map(pages).set('extra/index.html', { reads: 'x', bytes: 'y' }) })));
    const lines = await readFile(indexLogPath(indexFile()));
    await writeBuildCache(dir, cacheOf(3));
    await writeFile(indexLogPath(indexFile()), lines);
    const index = await read();
    expect(index?.pages.has('extra/index.html')).toBe(false);
    expect(index?.writtenAt).toBe(3);
  });

  it('should end the log at a change appended by a build that read another log', async () => {
    await writeBuildCache(dir, cacheOf(1));
    const first = await read();
    await publish(cacheOf(2));
    // A second build that read the index before the first appended: its change does not start where the log ended.
    const log = indexLogPath(indexFile());
    const appended = await readFile(log);
    await rm(log);
    if (!first) throw new Error('no index');
    await writeBuildCache(
      dir,
      cacheOf(3, ({ pages }) => ({ pages: new Map(pages).set('late/index.html', { reads: 'l', bytes: 'l' }) })),
      { index: first, stories },
    );
    const late = await readFile(log);
    await writeFile(log, Buffer.concat([appended, late]));
    const index = await read();
    expect(index?.writtenAt).toBe(2);
    expect(index?.pages.has('late/index.html')).toBe(false);
  });

  it('should fold the log into a whole index once it tells a sixteenth of its entries, and 2,000 at least', async () => {
    await writeBuildCache(dir, cacheOf(1));
    const many = (time: number) => cacheOf(time, () => ({ pages: new Map(Array.from({ length: 1_200 }, (_, n) => [`p${n}/index.html`, { reads: `r${time}`, bytes: 'b' }])) }));
    await publish(many(2));
    expect((await read())?.log?.entries).toBe(1_200);
    await publish(many(3));
    expect(existsSync(indexLogPath(indexFile()))).toBe(false);
    expect(plain(await read())).toEqual(plain(many(3)));
    await appendFile(indexLogPath(indexFile()), 'garbage');
    expect((await read())?.writtenAt).toBe(3);
  });
});
