import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCachedStoriesAhead } from '../../src/build/cached-stories-ahead.js';
import { readCacheIndex, writeBuildCache, type BuildCache, type CachedStory } from '../../src/store/build-cache.js';
import { storedArticleOf } from '../../src/store/lazy-article.js';
import { storyFixture } from '../support/view-fixtures.js';

describe('the stories cache read ahead', () => {
  let dir: string;
  const { linkedIds: _linked, relatedIds: _related, ...article } = storyFixture('a', { section: { name: 'World', slug: 'world' } });
  const stories = new Map<string, CachedStory>(
    Array.from({ length: 40 }, (_, n) => [`story-${n}.md`, { digest: `d${n}`, result: n % 2 === 0 ? { article: { ...article, id: `s${n}` }, messages: [] } : { messages: [] } }]),
  );
  const cache: BuildCache = {
    code: 'code-1',
    config: '{}',
    out: '/site/dist',
    writtenAt: 1_700_000_000_000,
    stamps: new Map(),
    pages: new Map(),
    assets: new Map(),
    own: { stamp: '[]', print: '[]' },
    messages: [],
    counts: { stories: 40, pages: 0, feeds: 0 },
    schedule: { window: { from: Number.NEGATIVE_INFINITY, until: Number.POSITIVE_INFINITY } },
    stories,
    readFields: { list: { teasers: [], stamps: [], counts: [] } },
  };
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-ahead-'));
    await writeBuildCache(dir, cache);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('should give the lazy stories the cache holds, while other work goes on between its shards', async () => {
    const index = await readCacheIndex(dir, 'code-1', '{}');
    if (!index) throw new Error('no index');
    const ahead = readCachedStoriesAhead(dir, index);
    let done = false;
    void ahead.take().then(() => (done = true));
    // Another task's turns, taken while the shards are read: the reading is not done at the first of them.
    const seen: boolean[] = [];
    for (let turn = 0; turn < 3; turn++) {
      await new Promise((resolve) => setImmediate(resolve));
      seen.push(done);
    }
    const read = await ahead.take();
    expect(seen[0]).toBe(false);
    expect(read).toEqual(stories);
    // Lazy: an article's other fields stay the bytes they were written as until asked.
    const first = read?.get('story-0.md')?.result.article;
    expect(first && Buffer.from(storedArticleOf(first).rest).length).toBeGreaterThan(0);
  });

  it('should stop reading when told, and give nothing', async () => {
    const index = await readCacheIndex(dir, 'code-1', '{}');
    if (!index) throw new Error('no index');
    const ahead = readCachedStoriesAhead(dir, index);
    ahead.stop();
    expect(await ahead.take()).toBeUndefined();
  });
});
