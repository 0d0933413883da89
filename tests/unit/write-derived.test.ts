import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bytesDigest } from '../../src/output/output-file.js';
import { writeSite, type DerivedFiles, type OutputFile } from '../../src/output/write.js';

const page = (pagePath: string, text: string): OutputFile => ({ path: pagePath, render: () => text });

/**
 * A stand-in for the search index, made from the site as the real one is (not from the folder):
 * one file listing the site's HTML pages (sorted), one named after their count (like Pagefind's
 * content-hashed files), and one that never changes.
 */
function indexOfPages(pages: readonly OutputFile[]): DerivedFiles & { readonly calls: number } {
  let calls = 0;
  return {
    folder: 'index/',
    get calls() {
      return calls;
    },
    make: () => {
      calls++;
      const found = pages.map((each) => `${each.path}index.html`).sort();
      const bytes = (text: string) => new TextEncoder().encode(text);
      return Promise.resolve([
        { path: 'index/list.txt', bytes: bytes(found.join('\n')) },
        { path: `index/pages-${found.length}.bin`, bytes: bytes('count') },
        { path: 'index/script.js', bytes: bytes('same every time') },
      ]);
    },
  };
}

/** Write `pages` with their stand-in index into `out`. */
function writeWithIndex(pages: readonly OutputFile[], out: string, layout: 'folder' | 'swap') {
  return writeSite(pages, [], out, { derived: indexOfPages(pages), layout });
}

describe.each(['folder', 'swap'] as const)('writeSite with derived files (the search index), %s layout', (layout) => {
  let dir: string;
  let out: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-derived-'));
    out = path.join(dir, 'dist');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('should publish them with the pages they describe, made once a build', async () => {
    await writeWithIndex([page('a/', 'A'), page('b/', 'B')], out, layout);
    const pages = [page('a/', 'A2'), page('c/', 'C')];
    const derived = indexOfPages(pages);
    await writeSite(pages, [], out, { derived, layout });
    expect(derived.calls).toBe(1);
    expect(await readFile(path.join(out, 'index/list.txt'), 'utf8')).toBe('a/index.html\nc/index.html');
    expect(await readFile(path.join(out, 'a/index.html'), 'utf8')).toBe('A2');
    expect(existsSync(path.join(out, 'b/index.html'))).toBe(false);
  });

  it('should publish them with the pages, remove the stale ones, and keep unchanged ones as the same files', async () => {
    await writeWithIndex([page('a/', 'A')], out, layout);
    const script = (await stat(path.join(out, 'index/script.js'))).ino;
    const written = await writeWithIndex([page('a/', 'A'), page('b/', 'B')], out, layout);
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
    await writeWithIndex([page('a/', 'A'), page('b/', 'B')], out, layout);
    const written = await writeWithIndex([page('a/', 'A')], out, layout);
    expect(written.removed).toEqual(['b/index.html', 'index/pages-2.bin']);
    expect(await readFile(path.join(out, 'index/list.txt'), 'utf8')).toBe('a/index.html');
  });

  it('should leave the site as it was when making them fails: no page, folder or file beside its place', async () => {
    await writeWithIndex([page('a/', 'A')], out, layout);
    const before = await entriesOf(out);
    const failing: DerivedFiles = { folder: 'index/', make: () => Promise.reject(new Error('indexer crashed')) };
    await expect(writeSite([page('a/', 'A2'), page('new/deep/', 'N')], [], out, { derived: failing, layout })).rejects.toThrow('indexer crashed');
    expect(await entriesOf(out)).toEqual(before);
    expect(await readFile(path.join(out, 'a/index.html'), 'utf8')).toBe('A');
    const next = await writeWithIndex([page('a/', 'A2')], out, layout);
    // Changed since the site last published: the failed build published nothing.
    expect(next.files.get('a/index.html')?.outcome).toBe('changed');
    expect(await readFile(path.join(out, 'a/index.html'), 'utf8')).toBe('A2');
  });
});

/** Every entry below the output as it is seen through it (hidden ones too), with each file's inode. */
async function entriesOf(out: string): Promise<string[]> {
  const entries = await readdir(out, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries.map(async (entry) => `${path.relative(out, path.join(entry.parentPath, entry.name))} ${entry.isDirectory() ? '/' : (await stat(path.join(entry.parentPath, entry.name))).ino}`),
  ).then((all) => all.sort());
}
