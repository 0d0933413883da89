import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bytesDigest } from '../../src/output/output-file.js';
import { writeSite, type DerivedFiles, type OutputFile } from '../../src/output/write.js';

const page = (pagePath: string, text: string): OutputFile => ({ path: pagePath, render: () => text });

/**
 * A stand-in for the search index: one file listing the HTML pages it found in the tree (sorted),
 * one named after that list (like Pagefind's content-hashed files), and one that never changes.
 */
function indexOfPages(): DerivedFiles & { readonly calls: string[][] } {
  const calls: string[][] = [];
  return {
    folder: 'index/',
    calls,
    make: async (treeDir) => {
      const found = (await readdir(treeDir, { recursive: true })).filter((file) => file.endsWith('.html')).sort();
      calls.push(found);
      const bytes = (text: string) => new TextEncoder().encode(text);
      return [
        { path: 'index/list.txt', bytes: bytes(found.join('\n')) },
        { path: `index/pages-${found.length}.bin`, bytes: bytes('count') },
        { path: 'index/script.js', bytes: bytes('same every time') },
      ];
    },
  };
}

describe.each(['folder', 'swap'] as const)('writeSite with derived files (the search index), %s layout', (layout) => {
  let dir: string;
  let out: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-derived-'));
    out = path.join(dir, 'dist');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('should make them from the tree being written, which holds every page and no stale one', async () => {
    const derived = indexOfPages();
    await writeSite([page('a/', 'A'), page('b/', 'B')], [], out, { derived, layout });
    await writeSite([page('a/', 'A2'), page('c/', 'C')], [], out, { derived, layout });
    expect(derived.calls).toEqual([
      ['a/index.html', 'b/index.html'],
      ['a/index.html', 'c/index.html'],
    ]);
    expect(await readFile(path.join(out, 'index/list.txt'), 'utf8')).toBe('a/index.html\nc/index.html');
  });

  it('should publish them with the pages, remove the stale ones, and keep unchanged ones as the same files', async () => {
    const derived = indexOfPages();
    await writeSite([page('a/', 'A')], [], out, { derived, layout });
    const script = (await stat(path.join(out, 'index/script.js'))).ino;
    const written = await writeSite([page('a/', 'A'), page('b/', 'B')], [], out, { derived, layout });
    expect((await readdir(path.join(out, 'index'))).sort()).toEqual(['list.txt', 'pages-2.bin', 'script.js']);
    expect(written.files.get('index/script.js')?.outcome).toBe('unchanged');
    expect(written.removed).toEqual(['index/pages-1.bin']);
    expect((await stat(path.join(out, 'index/script.js'))).ino).toBe(script);
  });

  it('should keep a file the output holds, known by its digest, as the same file without reading its bytes', async () => {
    const bytes = new TextEncoder().encode('kept by digest');
    let reads = 0;
    const derived: DerivedFiles = {
      folder: 'index/',
      make: () =>
        Promise.resolve([
          {
            path: 'index/kept.bin',
            digest: bytesDigest(bytes),
            bytes: () => {
              reads++;
              return Promise.resolve(bytes);
            },
          },
        ]),
    };
    await writeSite([page('a/', 'A')], [], out, { derived, layout });
    expect(reads).toBe(1);
    const kept = (await stat(path.join(out, 'index/kept.bin'))).ino;
    const again = await writeSite([page('a/', 'A2')], [], out, { derived, layout });
    expect(reads).toBe(1);
    expect(again.files.get('index/kept.bin')?.outcome).toBe('unchanged');
    expect((await stat(path.join(out, 'index/kept.bin'))).ino).toBe(kept);
  });

  it('should make them again when a page was only removed', async () => {
    const derived = indexOfPages();
    await writeSite([page('a/', 'A'), page('b/', 'B')], [], out, { derived, layout });
    await writeSite([page('a/', 'A')], [], out, { derived, layout });
    expect(derived.calls.at(-1)).toEqual(['a/index.html']);
  });

  it(layout === 'swap' ? 'should leave the live site as it was when making them fails' : 'should leave a site the next build completes when making them fails', async () => {
    await writeSite([page('a/', 'A')], [], out, { derived: indexOfPages(), layout });
    const failing: DerivedFiles = { folder: 'index/', make: () => Promise.reject(new Error('indexer crashed')) };
    await expect(writeSite([page('a/', 'A2')], [], out, { derived: failing, layout })).rejects.toThrow('indexer crashed');
    // In place, the page is the new one already; in a tree, nothing the live site shows changed.
    expect(await readFile(path.join(out, 'a/index.html'), 'utf8')).toBe(layout === 'swap' ? 'A' : 'A2');
    expect(existsSync(path.join(out, 'index/list.txt'))).toBe(true);
    const derived = indexOfPages();
    const next = await writeSite([page('a/', 'A2')], [], out, { derived, layout });
    expect(derived.calls).toEqual([['a/index.html']]);
    // Changed since the site last published, in place too (where the failed build wrote it already): so the index is made again.
    expect(next.files.get('a/index.html')?.outcome).toBe('changed');
  });
});
