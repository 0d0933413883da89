import { existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeRenderedSync, type WrittenElsewhere } from '../../src/output/output-file.js';
import { markerPath, treesFolder } from '../../src/output/output-trees.js';
import { writeSite as writeAnySite, type OutputFile } from '../../src/output/write.js';
import { inodesBelow } from '../support/inodes.js';

/** These tests are of the swap layout (`output.swap: true`): the output a link to one of two trees. */
const writeSite = (...[pages, assets, out, options]: Parameters<typeof writeAnySite>) => writeAnySite(pages, assets, out, { ...options, layout: 'swap' });

const page = (pagePath: string, text: string | (() => string)): OutputFile => ({
  path: pagePath,
  render: typeof text === 'string' ? () => text : text,
});

describe('writeSite', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-write-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('should write pretty URLs as index.html files and decode their paths', async () => {
    await writeSite([page('', 'home'), page('tags/%D0%BF%D1%83%D1%82%D0%B8%D0%BD/', 'tag'), page('feed.xml', 'feed')], [], path.join(dir, 'dist'));
    expect(await readFile(path.join(dir, 'dist/index.html'), 'utf8')).toBe('home');
    expect(await readFile(path.join(dir, 'dist/tags/путин/index.html'), 'utf8')).toBe('tag');
    expect(await readFile(path.join(dir, 'dist/feed.xml'), 'utf8')).toBe('feed');
  });

  it('should replace the previous output completely, removing the folders it leaves empty', async () => {
    const out = path.join(dir, 'dist');
    await writeSite([page('old/deep/', 'old')], [], out);
    await writeSite([page('new/', 'new')], [], out);
    await writeSite([page('newer/', 'newer')], [], out);
    expect((await readdir(out)).sort()).toEqual(['newer']);
    expect(await readdir(path.join(treesFolder(out), 'a'))).toEqual(['newer']);
    expect((await readdir(dir)).sort()).toEqual(['.dist.trees', 'dist']);
  });

  it('should make the output a link to a complete tree, touching only files whose bytes changed', async () => {
    const out = path.join(dir, 'dist');
    const site = (story: string) => [page('', 'home'), page('story/', story), page('tags/', 'tags')];
    await writeSite(site('first'), [], out);
    const first = await inodesBelow(out);
    await writeSite(site('second'), [], out);
    const second = await inodesBelow(out);
    expect((await lstat(out)).isSymbolicLink()).toBe(true);
    expect(second.get('index.html')).toBe(first.get('index.html'));
    expect(second.get('story/index.html')).not.toBe(first.get('story/index.html'));
    // The third build writes the other tree again: the story changed there one build ago, and is shared now.
    const third = await writeSite(site('second'), [], out);
    expect(await inodesBelow(out)).toEqual(second);
    expect([...third.files.values()].map((file) => file.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(await readFile(path.join(out, 'story/index.html'), 'utf8')).toBe('second');
  });

  it('should let another thread render and write a page, and keep or share it exactly as it would itself', async () => {
    const out = path.join(dir, 'dist');
    const seen: WrittenElsewhere['outcome'][] = [];
    // As a render thread does: the bytes are made and written where the write stage says, never handed back.
    const elsewhere = (pagePath: string, text: string): OutputFile => ({
      path: pagePath,
      render: () => text,
      writeElsewhere: async (target) => {
        const result = writeRenderedSync(target, new TextEncoder().encode(text));
        seen.push(result.outcome);
        return result;
      },
    });
    const site = (story: string) => [page('', 'home'), elsewhere('2018/story/', story), elsewhere('2018/other/', 'other')];
    const first = await writeSite(site('first'), [], out);
    expect([...first.files.values()].map((file) => file.outcome)).toEqual(['added', 'added', 'added']);
    expect(first.bytes).toBe('homefirstother'.length);
    const before = await inodesBelow(out);
    const second = await writeSite(site('second'), [], out);
    expect(await readFile(path.join(out, '2018/story/index.html'), 'utf8')).toBe('second');
    expect(second.files.get('2018/story/index.html')?.outcome).toBe('changed');
    // Bytes the live tree holds are shared with it (the same inode), not written again.
    expect(second.files.get('2018/other/index.html')?.outcome).toBe('unchanged');
    expect((await inodesBelow(out)).get('2018/other/index.html')).toBe(before.get('2018/other/index.html'));
    // The third build writes the first tree again: it holds "other" already (kept), and the live tree holds "second" (shared).
    const third = await writeSite(site('second'), [], out);
    expect([...third.files.values()].map((file) => file.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(seen).toEqual(['written', 'written', 'written', 'live', 'live', 'kept']);
  });

  it('should take replies of other threads while it renders pages itself, so they never wait for all of them', async () => {
    const out = path.join(dir, 'dist');
    let renderedHere = 0;
    const here = Array.from({ length: 400 }, (_, index) =>
      page(`list/${index}/`, () => {
        renderedHere += 1;
        return `list ${index}`;
      }),
    );
    // A reply comes as a message on a port, as a render thread's does: a macrotask, not a microtask.
    const channel = new MessageChannel();
    const repliedAfter: number[] = [];
    const replies = new Map<number, () => void>();
    channel.port2.on('message', (index: number) => replies.get(index)?.());
    const elsewhere = (index: number): OutputFile => ({
      path: `story/${index}/`,
      render: () => `story ${index}`,
      writeElsewhere: (target) =>
        new Promise<WrittenElsewhere>((resolve) => {
          replies.set(index, () => {
            repliedAfter.push(renderedHere);
            resolve(writeRenderedSync(target, new TextEncoder().encode(`story ${index}`)));
          });
          channel.port1.postMessage(index);
        }),
    });
    const site = () => [...here, ...Array.from({ length: 20 }, (_, index) => elsewhere(index))];
    try {
      await writeSite(site(), [], out);
      // Built again with the same bytes, the pages here are shared with the live tree without any
      // I/O to wait for: only yielding lets the replies in.
      renderedHere = 0;
      repliedAfter.length = 0;
      await writeSite(site(), [], out);
    } finally {
      channel.port1.close();
    }
    expect(repliedAfter).toHaveLength(20);
    // Each reply was taken while pages were still being rendered here, not after the last of them.
    expect(Math.max(...repliedAfter)).toBeLessThan(here.length);
    expect(await readFile(path.join(out, 'story/19/index.html'), 'utf8')).toBe('story 19');
  });

  it('should write every file anew with rewriteAll, believing no record (after hand edits, say)', async () => {
    const out = path.join(dir, 'dist');
    await writeSite([page('', 'home')], [], out);
    await writeSite([page('', 'home')], [], out);
    await writeFile(path.join(out, 'index.html'), 'edited by hand');
    await writeSite([page('', 'home')], [], out);
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('edited by hand');
    await writeSite([page('', 'home')], [], out, { rewriteAll: true });
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('home');
  });

  it('should replace an output folder made by hand or by an older version', async () => {
    const out = path.join(dir, 'dist');
    await mkdir(path.join(out, 'stale'), { recursive: true });
    await writeFile(path.join(out, 'stale/index.html'), 'stale');
    await writeSite([page('', 'home')], [], out);
    expect(await readdir(out)).toEqual(['index.html']);
  });

  it('should refuse to write while another build holds the lock, and take over the lock of a dead build', async () => {
    const out = path.join(dir, 'dist');
    await mkdir(treesFolder(out), { recursive: true });
    await writeFile(markerPath(treesFolder(out)), '{}');
    await writeFile(path.join(treesFolder(out), 'lock'), String(process.ppid));
    await expect(writeSite([page('', 'home')], [], out)).rejects.toThrow(`Another build (process ${process.ppid})`);
    expect(existsSync(out)).toBe(false);
    await writeFile(path.join(treesFolder(out), 'lock'), '999999999');
    await writeSite([page('', 'home')], [], out);
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('home');
  });

  it('should never trust a tree whose writing was interrupted', async () => {
    const out = path.join(dir, 'dist');
    await writeSite([page('', 'one')], [], out);
    await writeSite([page('', 'two')], [], out);
    // A build killed while writing tree "a" leaves it without its record, with any bytes in it.
    await rm(path.join(treesFolder(out), 'a.json'));
    await writeFile(path.join(treesFolder(out), 'a', 'index.html'), 'garbage');
    await writeFile(path.join(treesFolder(out), 'a', 'leftover.html'), 'garbage');
    await writeSite([page('', 'one')], [], out);
    expect((await readdir(out)).sort()).toEqual(['index.html']);
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('one');
  });

  it('should leave the previous output untouched when rendering fails midway', async () => {
    const out = path.join(dir, 'dist');
    await writeSite([page('a/', 'first build')], [], out);
    const failing = page('b/', () => {
      throw new Error('template exploded');
    });
    await expect(writeSite([page('a/', 'second build'), failing], [], out)).rejects.toThrow('template exploded');
    expect(await readFile(path.join(out, 'a/index.html'), 'utf8')).toBe('first build');
    await writeSite([page('a/', 'third build')], [], out);
    expect(await readFile(path.join(out, 'a/index.html'), 'utf8')).toBe('third build');
  });

  it('should restore the previous output when a build was killed between the two renames', async () => {
    const previous = path.join(treesFolder(path.join(dir, 'dist')), 'previous');
    await mkdir(previous, { recursive: true });
    await writeFile(markerPath(path.dirname(previous)), '{}');
    await writeFile(path.join(previous, 'index.html'), 'last good');
    const failing = page('x/', () => {
      throw new Error('stop');
    });
    await expect(writeSite([failing], [], path.join(dir, 'dist'))).rejects.toThrow('stop');
    expect(await readFile(path.join(dir, 'dist/index.html'), 'utf8')).toBe('last good');
  });

  it('should mark its trees folder as wiredesk’s and make its temporary link inside it, never beside the output', async () => {
    const out = path.join(dir, 'dist');
    await writeSite([page('', 'home')], [], out);
    await writeSite([page('', 'again')], [], out);
    expect(JSON.parse(await readFile(markerPath(treesFolder(out)), 'utf8'))).toEqual({ madeBy: 'wiredesk', trees: 'dist' });
    expect((await readdir(dir)).sort()).toEqual(['.dist.trees', 'dist']);
  });

  it('should remove only the leftovers it can prove a killed build made, and nothing else beside the output', async () => {
    const out = path.join(dir, 'dist');
    await writeSite([page('', 'home')], [], out);
    // A link a killed build made points into the trees; files that merely look like leftovers are someone else's.
    await symlink('.dist.trees/a', path.join(dir, 'dist.link-999999999'));
    await mkdir(path.join(dir, 'dist.link-999999998'));
    await writeFile(path.join(dir, 'dist.link-999999998/keep.txt'), 'mine');
    await mkdir(path.join(dir, '.dist.staging-999999997'));
    await writeFile(path.join(dir, '.dist.staging-999999997/keep.txt'), 'mine');
    await symlink('/tmp', path.join(dir, 'dist.link-999999996'));
    await symlink('.dist.trees/a', path.join(treesFolder(out), 'link-999999999'));
    await writeSite([page('', 'again')], [], out);
    expect((await readdir(dir)).sort()).toEqual(['.dist.staging-999999997', '.dist.trees', 'dist', 'dist.link-999999996', 'dist.link-999999998']);
    expect(await readFile(path.join(dir, 'dist.link-999999998/keep.txt'), 'utf8')).toBe('mine');
    expect(await readFile(path.join(dir, '.dist.staging-999999997/keep.txt'), 'utf8')).toBe('mine');
    expect(existsSync(path.join(treesFolder(out), 'link-999999999'))).toBe(false);
  });

  it('should refuse to replace a file, or to write into a trees folder that it did not make', async () => {
    await writeFile(path.join(dir, 'notes.txt'), 'mine');
    await expect(writeSite([page('', 'home')], [], path.join(dir, 'notes.txt'))).rejects.toThrow('it is a file, not a folder');
    expect(await readFile(path.join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    await mkdir(path.join(dir, '.dist.trees/a'), { recursive: true });
    await writeFile(path.join(dir, '.dist.trees/a/keep.txt'), 'mine');
    await expect(writeSite([page('', 'home')], [], path.join(dir, 'dist'))).rejects.toThrow('was not made by wiredesk');
    expect(await readdir(path.join(dir, '.dist.trees'))).toEqual(['a']);
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('should refuse to write a page outside the output folder', async () => {
    await expect(writeSite([page('../escape.html', 'x')], [], path.join(dir, 'dist'))).rejects.toThrow('outside the output folder');
    await expect(writeSite([page('%2e%2e/escape.html', 'x')], [], path.join(dir, 'dist'))).rejects.toThrow('outside the output folder');
    expect(existsSync(path.join(dir, 'escape.html'))).toBe(false);
  });

  it('should copy story assets to their published path', async () => {
    await writeFile(path.join(dir, 'photo.jpg'), 'JPEG');
    await writeSite([], [{ from: path.join(dir, 'photo.jpg'), path: 'media/2018/photo.jpg' }], path.join(dir, 'dist'));
    expect(await readFile(path.join(dir, 'dist/media/2018/photo.jpg'), 'utf8')).toBe('JPEG');
  });
});
