import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCachedStories, readCacheIndex, readSiteFrame, shardCountFor, shardOf, writeBuildCache, writeSiteFrame, type BuildCache, type CachedStory } from '../../src/store/build-cache.js';
import type { SiteFrame } from '../../src/incremental/site-frame.js';
import { storedArticleOf, storedPlaceOf } from '../../src/store/lazy-article.js';
import { storyFixture } from '../support/view-fixtures.js';

describe('the build cache', () => {
  let dir: string;
  const cache: BuildCache = {
    code: 'code-1',
    config: '{"title":"x"}',
    out: '/site/dist',
    writtenAt: 1_700_000_000_000,
    stamps: new Map([['a.md', { size: 10, mtimeMs: 1, ctimeMs: 1, ino: 7, digest: 'd1' }]]),
    pages: new Map([['index.html', { reads: 'r', bytes: 'b' }]]),
    assets: new Map(),
    own: { stamp: '[]', print: '[]' },
    messages: [{ reason: 'Unknown field', ruleId: 'unknown-field', file: 'stories/a.md', line: 3, column: 1 }],
    counts: { stories: 1, pages: 9, feeds: 1 },
    schedule: { window: { from: Number.NEGATIVE_INFINITY, until: Number.POSITIVE_INFINITY } },
    stories: new Map([['a.md', { digest: 'd1', result: { messages: [] } }]]),
    readFields: { list: { teasers: ['byline', 'title'], stamps: [], counts: ['sections'] }, sitemap: { teasers: [], stamps: ['path'], counts: [] } },
  };
  const { stories, ...indexPart } = cache;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-cachefile-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('should read back what it wrote for the same code and settings', async () => {
    await writeBuildCache(dir, cache);
    const index = await readCacheIndex(dir, 'code-1', '{"title":"x"}');
    expect(index).toMatchObject(indexPart);
    expect(index && (await readCachedStories(dir, index))).toEqual(stories);
  });

  it('should not trust a cache written by other code or for other settings', async () => {
    await writeBuildCache(dir, cache);
    expect(await readCacheIndex(dir, 'code-2', '{"title":"x"}')).toBeUndefined();
    expect(await readCacheIndex(dir, 'code-1', '{"title":"y"}')).toBeUndefined();
  });

  it('should detect a corrupt or truncated cache and ignore it', async () => {
    await writeBuildCache(dir, cache);
    const file = path.join(dir, 'index.bin');
    const bytes = await readFile(file);
    bytes[bytes.length - 5] = (bytes[bytes.length - 5] ?? 0) ^ 0xff;
    await writeFile(file, bytes);
    expect(await readCacheIndex(dir, 'code-1', '{"title":"x"}')).toBeUndefined();
    await writeFile(file, bytes.subarray(0, 120));
    expect(await readCacheIndex(dir, 'code-1', '{"title":"x"}')).toBeUndefined();
    await writeFile(file, 'garbage');
    expect(await readCacheIndex(dir, 'code-1', '{"title":"x"}')).toBeUndefined();
  });

  it('should not use stories from another build than the index vouches for', async () => {
    await writeBuildCache(dir, cache);
    const index = await readCacheIndex(dir, 'code-1', '{"title":"x"}');
    await writeBuildCache(path.join(dir, 'other'), { ...cache, stories: new Map() });
    const shard = `stories-${String(shardOf('a.md')).padStart(2, '0')}.bin`;
    await writeFile(path.join(dir, shard), await readFile(path.join(dir, 'other', shard)));
    expect(index && (await readCachedStories(dir, index))).toBeUndefined();
  });

  it('should read the site frame the index vouches for, and no other', async () => {
    const frame = (shape: string): SiteFrame => ({ shape, live: [], withdrawn: [], sections: [], topics: [], tags: [], usedAssets: [], schedule: cache.schedule, messages: [] });
    const frameChecksum = await writeSiteFrame(dir, frame('shape-1'));
    await writeBuildCache(dir, { ...cache, frameChecksum });
    const index = await readCacheIndex(dir, 'code-1', '{"title":"x"}');
    if (!index) throw new Error('no index');
    expect((await readSiteFrame(dir, index))?.shape).toBe('shape-1');
    // The next build wrote its frame and was killed before its index: the old index vouches for none.
    await writeSiteFrame(dir, frame('shape-2'));
    expect(await readSiteFrame(dir, index)).toBeUndefined();
    await writeBuildCache(dir, { ...cache, frameChecksum: undefined });
    const without = await readCacheIndex(dir, 'code-1', '{"title":"x"}');
    expect(without && (await readSiteFrame(dir, without))).toBeUndefined();
  });

  it('should rewrite only the shards whose stories changed', async () => {
    const many = new Map<string, CachedStory>(Array.from({ length: 100 }, (_, n) => [`s${n}.md`, { digest: `d${n}`, result: { messages: [] } }]));
    await writeBuildCache(dir, { ...cache, stories: many });
    const index = await readCacheIndex(dir, 'code-1', '{"title":"x"}');
    if (!index) throw new Error('no index');
    const changed = new Map(many).set('s7.md', { digest: 'new', result: { messages: [] } });
    await writeBuildCache(dir, { ...cache, stories: changed }, { index, stories: many });
    const next = await readCacheIndex(dir, 'code-1', '{"title":"x"}');
    const differing = next?.shardChecksums.filter((checksum, shard) => checksum !== index.shardChecksums[shard]);
    expect(differing).toHaveLength(1);
    expect(next && (await readCachedStories(dir, next))).toEqual(changed);
    // A story removed: its shard alone is written again, without it.
    const fewer = new Map(changed);
    fewer.delete('s42.md');
    if (!next) throw new Error('no index');
    await writeBuildCache(dir, { ...cache, stories: fewer }, { index: next, stories: changed });
    const last = await readCacheIndex(dir, 'code-1', '{"title":"x"}');
    expect(last?.shardChecksums.filter((checksum, shard) => checksum !== next.shardChecksums[shard])).toHaveLength(1);
    expect(last && (await readCachedStories(dir, last))).toEqual(fewer);
  });

  it('should hand out lazy articles that read as written, and write them back as they were read', async () => {
    const { linkedIds: _linked, relatedIds: _related, ...article } = storyFixture('a', { section: { name: 'World', slug: 'world' } });
    // A story file kept in the same shard as a.md.
    const neighbour = Array.from({ length: 500 }, (_, n) => `b${n}.md`).find((source) => shardOf(source) === shardOf('a.md')) ?? '';
    const withArticle = new Map<string, CachedStory>([
      ['a.md', { digest: 'd1', result: { article, messages: [] }, shape: 's1' }],
      [neighbour, { digest: 'd2', result: { messages: [] } }],
    ]);
    await writeBuildCache(dir, { ...cache, stories: withArticle });
    const index = await readCacheIndex(dir, 'code-1', '{"title":"x"}');
    if (!index) throw new Error('no index');
    const lazy = await readCachedStories(dir, index, { lazy: true });
    const read = lazy?.get('a.md')?.result.article;
    // Its other fields are kept as the bytes they were written as.
    expect(read && Buffer.from(storedArticleOf(read).rest).equals(Buffer.from(storedArticleOf(article).rest))).toBe(true);
    expect(lazy).toEqual(withArticle);
    // Another story changed in the same shard: the lazy one is written from its bytes, and reads the same.
    const next = new Map(lazy).set(neighbour, { digest: 'd3', result: { messages: [] } });
    await writeBuildCache(dir, { ...cache, stories: next }, lazy && { index, stories: lazy });
    const again = await readCacheIndex(dir, 'code-1', '{"title":"x"}');
    expect(again && (await readCachedStories(dir, again))).toEqual(new Map(withArticle).set(neighbour, { digest: 'd3', result: { messages: [] } }));
    expect(again?.shardChecksums[shardOf('a.md')]).not.toBe(index.shardChecksums[shardOf('a.md')]);
  });

  it('should rewrite a shard without reading the entries of its unchanged stories one by one, and refuse to carry a damaged one', async () => {
    const sameShard = Array.from({ length: 2000 }, (_, n) => `s${n}.md`).filter((source) => shardOf(source) === shardOf('s0.md'));
    const written = new Map<string, CachedStory>(
      sameShard.slice(0, 4).map((source, n) => {
        const { linkedIds: _linked, relatedIds: _related, ...article } = storyFixture(`story-${n}`, { title: `Story ${n}` });
        return [source, { digest: `d${n}`, result: { article, messages: [] }, shape: `s${n}` }];
      }),
    );
    await writeBuildCache(dir, { ...cache, stories: written });
    const index = await readCacheIndex(dir, 'code-1', '{"title":"x"}');
    const lazy = index && (await readCachedStories(dir, index, { lazy: true }));
    if (!index || !lazy) throw new Error('no cache');
    const [first = '', second = ''] = sameShard;
    const next = new Map(lazy).set(first, { digest: 'changed', result: { messages: [] } });
    await writeBuildCache(dir, { ...cache, stories: next }, { index, stories: lazy });
    // The stories kept were copied from the shard's body: their other fields are still unread, and read as written.
    expect(storedPlaceOf(lazy.get(second)?.result.article ?? storyFixture('x'))).toBeDefined();
    const again = await readCacheIndex(dir, 'code-1', '{"title":"x"}');
    const reread = again && (await readCachedStories(dir, again));
    expect(reread).toEqual(new Map(written).set(first, { digest: 'changed', result: { messages: [] } }));
    // A byte of a kept story's entry damaged since it was read: the shard is not written with it.
    const file = path.join(dir, `stories-${String(shardOf(first)).padStart(2, '0')}.bin`);
    const relazy = again && (await readCachedStories(dir, again, { lazy: true }));
    if (!again || !relazy) throw new Error('no cache');
    const bytes = await readFile(file);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    await writeFile(file, bytes);
    await expect(writeBuildCache(dir, { ...cache, stories: new Map(relazy).set(first, { digest: 'again', result: { messages: [] } }) }, { index: again, stories: relazy })).rejects.toThrow(/damaged/);
  });

  it('should keep about 400 stories a shard, from 32 shards, and keep the last number while it is within a factor of two', () => {
    expect(shardCountFor(0)).toBe(32);
    expect(shardCountFor(12_800)).toBe(32);
    expect(shardCountFor(12_801)).toBe(64);
    expect(shardCountFor(100_000)).toBe(256);
    // An archive that grows by a story, or by half, keeps its shards; one that doubled past them is kept in more.
    expect(shardCountFor(12_801, 32)).toBe(32);
    expect(shardCountFor(25_600, 32)).toBe(32);
    expect(shardCountFor(25_601, 32)).toBe(128);
    expect(shardCountFor(60_000, 512)).toBe(512);
    expect(shardCountFor(20_000, 512)).toBe(64);
    // A number no cache is written with is not kept.
    expect(shardCountFor(100, 48)).toBe(32);
  });

  it('should move a growing archive into more shards, carrying its lazy articles over and removing the old shards once the index vouches for the new', async () => {
    const articles = new Map<string, CachedStory>(
      Array.from({ length: 3 }, (_, n) => {
        const { linkedIds: _linked, relatedIds: _related, ...article } = storyFixture(`story-${n}`, { title: `Story ${n}` });
        return [`a${n}.md`, { digest: `d${n}`, result: { article, messages: [] }, shape: `s${n}` }];
      }),
    );
    await writeBuildCache(dir, { ...cache, stories: articles });
    const index = await readCacheIndex(dir, 'code-1', '{"title":"x"}');
    const lazy = index && (await readCachedStories(dir, index, { lazy: true }));
    if (!index || !lazy) throw new Error('no cache');
    expect(index.shardChecksums).toHaveLength(32);
    // The archive grew past 25,600 stories: 128 shards, each story's article written from the 32 shards' bytes.
    const grown = new Map(lazy);
    for (let n = 0; n < 25_601; n++) grown.set(`s${n}.md`, { digest: `d${n}`, result: { messages: [] } });
    await writeBuildCache(dir, { ...cache, stories: grown }, { index, stories: lazy });
    const next = await readCacheIndex(dir, 'code-1', '{"title":"x"}');
    if (!next) throw new Error('no index');
    expect(next.shardChecksums).toHaveLength(128);
    const files = (await readdir(dir)).filter((name) => name.startsWith('stories-'));
    expect(files).toHaveLength(128);
    expect(files.every((name) => /^stories-128-\d{3}\.bin$/.test(name))).toBe(true);
    expect(await readCachedStories(dir, next)).toEqual(new Map([...articles, ...[...grown].filter(([source]) => !articles.has(source))]));
    // One story changed: one of the 128 shards is written again.
    const edited = new Map(grown).set('s7.md', { digest: 'new', result: { messages: [] } });
    await writeBuildCache(dir, { ...cache, stories: edited }, { index: next, stories: grown });
    const last = await readCacheIndex(dir, 'code-1', '{"title":"x"}');
    expect(last?.shardChecksums.filter((checksum, shard) => checksum !== next.shardChecksums[shard])).toEqual([last?.shardChecksums[shardOf('s7.md', 128)]]);
  }, 30_000);

  it('should hand out one object per section, topic and tag across every shard, equal to what was written', async () => {
    const world = { name: 'World', slug: 'world' };
    const other = Array.from({ length: 100 }, (_, n) => `c${n}.md`).find((source) => shardOf(source) !== shardOf('a.md')) ?? '';
    const written = new Map<string, CachedStory>(
      ['a.md', other].map((source, n) => {
        const { linkedIds: _linked, relatedIds: _related, ...article } = storyFixture(`story-${n}`, { section: { ...world }, tags: [{ name: 'Budget', slug: 'budget' }] });
        return [source, { digest: `d${n}`, result: { article, messages: [] }, shape: `s${n}` }];
      }),
    );
    await writeBuildCache(dir, { ...cache, stories: written });
    const index = await readCacheIndex(dir, 'code-1', '{"title":"x"}');
    const read = index && (await readCachedStories(dir, index, { lazy: true }));
    const [first, second] = ['a.md', other].map((source) => read?.get(source)?.result.article);
    expect(first?.section).toEqual(world);
    expect(first?.section).toBe(second?.section);
    expect(first?.tags[0]).toBe(second?.tags[0]);
    expect(read).toEqual(written);
  });

  it('should find no cache where there is none', async () => {
    expect(await readCacheIndex(dir, 'code-1', '{}')).toBeUndefined();
  });
});
