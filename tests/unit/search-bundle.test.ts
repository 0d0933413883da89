import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFramed } from '../../src/store/framed-file.js';
import { keepSearchBundle, searchBundleKey, withStoredBundle, type SearchBundleInputs } from '../../src/store/search-bundle.js';
import type { DerivedFiles } from '../../src/output/write.js';

const inputs: SearchBundleInputs = {
  code: 'code-1',
  config: '{"title":"Wire"}',
  hasStories: true,
  pages: [
    { file: 'index.html', reads: 'r-home' },
    { file: '2018/05/20/a/index.html', reads: 'r-a' },
    { file: 'feed.xml', reads: 'r-feed' },
  ],
  copied: ['media/img/photo.jpg'],
};

/** A search step that makes a one-file bundle and counts how often it was asked to. */
function countingStep(): { readonly step: DerivedFiles; readonly calls: () => number } {
  let calls = 0;
  return {
    step: {
      folder: 'pagefind/',
      reuse: false,
      make: async () => {
        calls++;
        return [{ path: 'pagefind/pagefind-entry.json', bytes: new TextEncoder().encode(`{"made":${calls}}`) }];
      },
    },
    calls: () => calls,
  };
}

describe('the key of the search bundle', () => {
  it('should change with any HTML page read, the code or the settings, and not with the order of the pages or a feed', () => {
    const key = searchBundleKey(inputs);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(searchBundleKey({ ...inputs, pages: [...inputs.pages].reverse() })).toBe(key);
    expect(searchBundleKey({ ...inputs, pages: inputs.pages.map((page) => (page.file === 'feed.xml' ? { ...page, reads: 'other' } : page)) })).toBe(key);
    expect(searchBundleKey({ ...inputs, pages: inputs.pages.map((page) => (page.file === 'index.html' ? { ...page, reads: 'other' } : page)) })).not.toBe(key);
    expect(searchBundleKey({ ...inputs, pages: inputs.pages.slice(1) })).not.toBe(key);
    expect(searchBundleKey({ ...inputs, code: 'code-2' })).not.toBe(key);
    expect(searchBundleKey({ ...inputs, config: '{"title":"Other"}' })).not.toBe(key);
    expect(searchBundleKey({ ...inputs, hasStories: false })).not.toBe(key);
  });

  it('should give no key when a copied file is an HTML page, which the index would read but the key does not cover', () => {
    expect(searchBundleKey({ ...inputs, copied: ['media/notes.html'] })).toBeUndefined();
  });
});

describe('a search step with the bundle kept in the cache', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-search-bundle-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('should take the kept bundle under its key, and make it anew without one', async () => {
    const first = countingStep();
    const making = withStoredBundle(first.step, dir, undefined);
    const made = await making.step.make('/unused');
    expect(first.calls()).toBe(1);
    const stored = await keepSearchBundle(dir, 'key-1', making, undefined);
    expect(stored?.key).toBe('key-1');

    const second = countingStep();
    const taking = withStoredBundle(second.step, dir, stored);
    const taken = await taking.step.make('/unused');
    expect(second.calls()).toBe(0);
    expect(taking.reused()).toBe(true);
    expect(taken.map((file) => [file.path, Buffer.from(file.bytes).toString()])).toEqual(made.map((file) => [file.path, Buffer.from(file.bytes).toString()]));
    // Taken from the cache, it stays as it is.
    expect(await keepSearchBundle(dir, 'key-1', taking, stored)).toEqual(stored);
  });

  it('should make the bundle anew when the kept file is not the one the index vouches for, or names a path outside the bundle', async () => {
    const checksum = await writeFramed(path.join(dir, 'search.bin'), 'wiredesk-cache-search-1', { key: 'key-1', files: [{ path: '../escape.html', bytes: new Uint8Array([1]) }] });
    const step = countingStep();
    const hostile = withStoredBundle(step.step, dir, { key: 'key-1', checksum });
    await hostile.step.make('/unused');
    expect([step.calls(), hostile.reused()]).toEqual([1, false]);
    const other = withStoredBundle(step.step, dir, { key: 'key-2', checksum });
    await other.step.make('/unused');
    expect([step.calls(), other.reused()]).toEqual([2, false]);
  });

  it('should drop the kept bundle without a key (a build into an output folder that is there), or with another key', async () => {
    const making = withStoredBundle(countingStep().step, dir, undefined);
    await making.step.make('/unused');
    const stored = await keepSearchBundle(dir, 'key-1', making, undefined);
    expect(stored).toBeDefined();
    expect(await keepSearchBundle(dir, 'key-1', undefined, stored)).toEqual(stored);
    expect(await keepSearchBundle(dir, 'key-2', undefined, stored)).toBeUndefined();
    expect(await keepSearchBundle(dir, undefined, making, stored)).toBeUndefined();
    expect(existsSync(path.join(dir, 'search.bin'))).toBe(false);
  });
});
