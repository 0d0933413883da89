import { serialize, deserialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import type { CacheIndex } from '../../src/store/build-cache.js';
import { indexColumns, packIndex, unpackIndex } from '../../src/store/index-encoding.js';

const index: CacheIndex = {
  code: 'code-1',
  config: '{"title":"x"}',
  out: '/site/dist',
  writtenAt: 1_700_000_000_000,
  stamps: new Map([
    ['2015/a.md', { size: 4980, mtimeMs: 1796603181638.0093, ctimeMs: 1796603181639.5, ino: 2762161, digest: 'd1' }],
    ['2016/b.md', { size: 0, mtimeMs: 0, ctimeMs: 0, ino: 2 ** 53 - 1, digest: 'd2' }],
  ]),
  pages: new Map([
    ['index.html', { reads: 'r1', bytes: 'b1', listCount: true as const }],
    ['a/index.html', { reads: 'r2', bytes: 'b2' }],
  ]),
  assets: new Map([['media/a.jpg', 'stamp']]),
  own: { stamp: '[]', print: '[]' },
  messages: [{ reason: 'Unknown field', ruleId: 'unknown-field', file: 'stories/a.md', line: 3, column: 1 }],
  counts: { stories: 2, pages: 2, feeds: 1 },
  schedule: { window: { from: Number.NEGATIVE_INFINITY, until: Number.POSITIVE_INFINITY } },
  shardChecksums: ['c0', 'c1'],
  readFields: { list: { teasers: ['title'], stamps: [], counts: ['sections'] } },
};

describe('the cache index as columns', () => {
  it('should read back, through v8 serialization, the very index it packed: every stamp number exact, keys in order', () => {
    const read = unpackIndex(deserialize(serialize(packIndex(index))));
    expect(read).toEqual(index);
    expect([...(read?.stamps.values() ?? [])].map((stamp) => Object.keys(stamp))).toEqual([...index.stamps.values()].map((stamp) => Object.keys(stamp)));
    expect([...(read?.pages.values() ?? [])].map((page) => Object.keys(page))).toEqual([
      ['reads', 'bytes', 'listCount'],
      ['reads', 'bytes'],
    ]);
  });

  it('should pack columns filled one story and one page at a time as it packs the maps, fewer than the room made', () => {
    const columns = indexColumns(index.stamps.size + 3, index.pages.size + 5);
    for (const [source, { digest, ...stamp }] of index.stamps) columns.stamp(source, stamp, digest);
    for (const [file, page] of index.pages) columns.page(file, page.reads, page.bytes, page.listCount === true);
    const packed = packIndex({ ...index, ...columns.done() });
    expect(packed).toEqual(packIndex(index));
    expect(unpackIndex(deserialize(serialize(packed)))).toEqual(index);
  });

  it('should refuse a value that is not a packed index', () => {
    const packed = packIndex(index);
    expect(unpackIndex(undefined)).toBeUndefined();
    expect(unpackIndex(index)).toBeUndefined();
    expect(unpackIndex({ ...packed, stampNumbers: new Float64Array(3) })).toBeUndefined();
    expect(unpackIndex({ ...packed, pageBytes: ['b1'] })).toBeUndefined();
    expect(unpackIndex({ ...packed, pageListCounts: [1, 0] })).toBeUndefined();
  });
});
