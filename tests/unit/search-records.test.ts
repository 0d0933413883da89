import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SearchBundle } from '../../src/search/bundle.js';
import type { SearchShard } from '../../src/search/shards.js';
import type { SearchDocument } from '../../src/search/story-record.js';
import { openStoredRecords } from '../../src/store/search-records.js';
import { openStoredShards } from '../../src/store/search-shards.js';

// The search documents kept beside the shards: what the next build takes instead of making them.

/** A shard of `stories` (each `path\u0000digest`), as the plan gives it. */
const shard = (period: string, stories: readonly string[]): SearchShard => ({ period, key: `key-${period}-${stories.join()}`, articles: [], stories });
const document = (story: string, text = story): SearchDocument => ({ url: `/${story.split('\u0000')[0] ?? ''}`, content: `<p>${text}</p>` });
/** A bundle that indexed `documents`' shards (by period), each document in its shard's story order. */
const indexed = (documents: Record<string, readonly SearchDocument[]>, count = Object.keys(documents).length): SearchBundle => ({
  files: [],
  made: new Map(),
  runtime: undefined,
  documents: new Map(Object.entries(documents)),
  indexed: count,
  reused: 0,
});

describe('the search documents kept in the cache folder', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-search-records-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('should give back a story’s document for its path and digest under the same key base only', async () => {
    const newest = shard('2018-05', ['a/\u0000d1', 'b/\u0000d2']);
    await openStoredRecords(dir, 'base').keep([newest], indexed({ '2018-05': newest.stories.map((story) => document(story)) }));
    const kept = openStoredRecords(dir, 'base');
    expect(kept.record('a/\u0000d1')).toEqual(document('a/\u0000d1'));
    expect(kept.record('b/\u0000d2')?.content).toBe('<p>b/\u0000d2</p>');
    // The story edited: another digest, no document.
    expect(kept.record('a/\u0000d3')).toBeUndefined();
    expect(openStoredRecords(dir, 'other base').record('a/\u0000d1')).toBeUndefined();
  });

  it('should keep the documents of the shards indexed only, with the newest shard’s carried when it was not indexed', async () => {
    const newest = shard('2018-05', ['n/\u0000d1']);
    const older = shard('2018-04', ['o/\u0000d1']);
    const oldest = shard('2018-03', ['p/\u0000d1']);
    await openStoredRecords(dir, 'base').keep([newest, older, oldest], indexed({ '2018-05': [document('n/\u0000d1')], '2018-04': [document('o/\u0000d1')] }));
    // An edit of the oldest shard's story: its documents, and the newest shard's as they were; the older one's are let go.
    const edited = shard('2018-03', ['p/\u0000d2']);
    await openStoredRecords(dir, 'base').keep([newest, older, edited], indexed({ '2018-03': [document('p/\u0000d2')] }));
    const kept = openStoredRecords(dir, 'base');
    expect([kept.record('n/\u0000d1'), kept.record('o/\u0000d1'), kept.record('p/\u0000d2')].map((found) => found?.url)).toEqual(['/n/', undefined, '/p/']);
  });

  it('should leave the documents as they were when no shard was indexed', async () => {
    const newest = shard('2018-05', ['n/\u0000d1']);
    await openStoredRecords(dir, 'base').keep([newest], indexed({ '2018-05': [document('n/\u0000d1')] }));
    await openStoredRecords(dir, 'base').keep([], indexed({}, 0));
    expect(openStoredRecords(dir, 'base').record('n/\u0000d1')).toBeDefined();
  });

  it('should ignore a damaged file, and survive the shards’ keeping beside it', async () => {
    const newest = shard('2018-05', ['n/\u0000d1']);
    await openStoredRecords(dir, 'base').keep([newest], indexed({ '2018-05': [document('n/\u0000d1')] }));
    await (await openStoredShards(dir)).keep([newest], indexed({}));
    expect(await readdir(path.join(dir, 'search'))).toContain('records.bin');
    await writeFile(path.join(dir, 'search', 'records.bin'), 'damaged');
    expect(openStoredRecords(dir, 'base').record('n/\u0000d1')).toBeUndefined();
  });
});
