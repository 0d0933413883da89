import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, writeCorpus } from '../../bench/corpus.js';
import type { BuildWork } from '../../src/build/work.js';
import { catchUpFinished } from '../../src/output/tree-catch-up.js';
import { lastManifest, lastWork } from '../support/cli-build.js';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../bin/wiredesk.js');

/**
 * Build with the real CLI: what it printed (the summary). Incremental builds start a tree
 * catch-up after every build (`WIREDESK_CATCH_UP_FROM=1`), so each next build races one: it waits
 * for it at the lock, or finds the tree it left.
 */
async function wiredesk(cwd: string, args: string[]): Promise<string> {
  const catchUp = args.includes('--no-cache') ? {} : { WIREDESK_CATCH_UP_FROM: '1' };
  const { stdout, stderr } = await run(process.execPath, [bin, 'build', ...args], { cwd, env: { ...process.env, ...catchUp } });
  return `${stdout}${stderr}`;
}

/** Every file below `dir`, by relative path, with its bytes. */
async function tree(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  return new Map(await Promise.all(files.map(async (file) => [path.relative(dir, file), await readFile(file)] as const)));
}

// One corpus, built with its cache through a chain of changes: each test is one step of the chain,
// starting from the site the step before left (vitest runs them in order), and compares the
// cached build's output with a clean single-threaded build of the same stories, byte for byte.
describe('a cached, parallel, incremental build', () => {
  let root = '';
  let cached = '';
  let clean = '';
  const corpus = generateCorpus({ stories: 240, seed: 11 });

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-cache-'));
    cached = path.join(root, 'cached');
    clean = path.join(root, 'clean');
    await writeCorpus(cached, corpus);
    await writeFile(path.join(cached, 'site.yaml'), 'title: Cache Wire\npageSize: 9\nfeedSize: 15\n');
  });
  afterAll(async () => {
    await catchUpFinished(path.join(cached, 'dist'));
    await rm(root, { recursive: true, force: true });
  });

  /**
   * Apply a change to the cached site, build it incrementally, build a copy from scratch on one
   * thread, compare; returns what the cached build printed and the work it recorded.
   */
  async function step(change: (dir: string) => Promise<void>): Promise<{ readonly summary: string; readonly work: BuildWork }> {
    await change(cached);
    const summary = await wiredesk(cached, []);
    const work = await lastWork(cached);
    await rm(clean, { recursive: true, force: true });
    await cp(cached, clean, { recursive: true, filter: (source) => !/(\.wiredesk-cache|dist|\.dist\.wiredesk|\.dist\.trees)$/.test(source) });
    await wiredesk(clean, ['--no-cache', '--threads', '1']);
    const [incremental, reference] = await Promise.all([tree(path.join(cached, 'dist')), tree(path.join(clean, 'dist'))]);
    expect([...incremental.keys()].sort()).toEqual([...reference.keys()].sort());
    for (const [name, bytes] of reference) expect(incremental.get(name)?.equals(bytes), name).toBe(true);
    return { summary, work };
  }
  const story = (index: number) => path.join('stories', corpus[index]?.source ?? '');
  const edit = (index: number, change: (text: string) => string) => async (dir: string) => {
    const file = path.join(dir, story(index));
    await writeFile(file, change(await readFile(file, 'utf8')));
  };
  const fresh =
    (name: string, frontMatter: string, body = 'Just in.') =>
    async (dir: string) =>
      writeFile(path.join(dir, 'stories', '2022', `${name}.md`), `---\n${frontMatter}\n---\n\n${body}\n`);
  const noChange = async () => undefined;

  it('should build every story and write every file on the first build', async () => {
    const { summary, work } = await step(noChange);
    expect(summary).toMatch(/240 stories .*: \d+ files written, 0 unchanged/);
    expect(work).toMatchObject({ assembled: 'resolved', storiesModelled: 240, storiesReused: 0 });
  }, 60_000);

  it('should find the output up to date and write nothing when nothing changed', async () => {
    const { summary, work } = await step(noChange);
    expect(summary).toMatch(/: 0 files written, \d+ unchanged, 0 removed/);
    expect(work).toMatchObject({ assembled: 'up-to-date', pagesRendered: 0 });
  }, 60_000);

  it('should reuse the last resolution for a new headline and leave the pages that do not show it alone', async () => {
    const untouched = path.join(cached, 'dist', 'tags', 'index.html');
    const before = await stat(untouched);
    const { summary, work } = await step(edit(120, (text) => text.replace(/^title: "/m, 'title: "Edited: ')));
    expect(summary).toMatch(/: ([1-9]\d?) files written, \d+ unchanged, \d+ removed/);
    // A new headline leaves every story's shape as it was: the last build's resolution is taken as it is.
    expect(work).toMatchObject({ assembled: 'reused', storiesModelled: 1, storiesReused: 239 });
    // Only the search index's files go: they are named by their contents.
    const manifest = await lastManifest(cached);
    expect(manifest.removed.filter((file) => !file.startsWith('pagefind/'))).toEqual([]);
    expect((await stat(untouched)).mtimeMs).toBe(before.mtimeMs);
    // The sitemap reads only where stories are and when they changed: a new headline leaves it alone.
    expect(manifest.changed).not.toContain('sitemap.xml');
  }, 60_000);

  it('should write the sitemap again when a story is updated', async () => {
    await step(edit(121, (text) => text.replace(/^title: /m, 'updated: 2023-01-05T10:00:00Z\ntitle: ')));
    expect((await lastManifest(cached)).changed).toContain('sitemap.xml');
  }, 60_000);

  it('should reuse the last resolution for a body edit, rendering only the pages that show the body', async () => {
    const { work } = await step(edit(122, (text) => `${text}\nAn added closing paragraph.\n`));
    expect(work.assembled).toBe('reused');
    expect(work.pagesRendered).toBeLessThan(100);
  }, 60_000);

  it('should resolve the site again when a story gains a new tag', async () => {
    const { work } = await step(edit(200, (text) => text.replace(/^tags: \[/m, 'tags: [brand-new-tag, ')));
    expect(work.assembled).toBe('resolved');
  }, 60_000);

  it('should extend the last resolution with a story published at the top of the archive', async () => {
    const { work } = await step(fresh('fresh-story', 'title: A Fresh Story\ndate: 2022-12-31T23:00:00+03:00\ntags: [fresh]'));
    expect(work).toMatchObject({ assembled: 'extended', storiesModelled: 1 });
  }, 60_000);

  it('should extend it with two stories at once, one in a new section and topic that links an older story', async () => {
    const linked = `READ MORE: [An older story](../${story(5).split('/').slice(1).join('/')})\n\nJust in, with a link.`;
    const twoAtOnce = fresh('fresh-two', `title: Two\ndate: 2023-01-02T08:00:00Z\nsection: Brand New Section\ntopics: [A New Topic]`, linked);
    const { work } = await step(async (dir) => (await twoAtOnce(dir), await fresh('fresh-three', 'title: Three\ndate: 2023-01-03T08:00:00Z\ntags: [fresh]')(dir)));
    expect(work).toMatchObject({ assembled: 'extended', storiesModelled: 2 });
  }, 60_000);

  it("should take the extended resolution as the next build's last resolution", async () => {
    const { work } = await step(edit(201, (text) => text.replace(/^title: "/m, 'title: "Edited After Publishing: ')));
    expect(work.assembled).toBe('reused');
  }, 60_000);

  it('should extend the last resolution with a back-dated story, in its place and related to a newer one', async () => {
    const { work } = await step(fresh('back-dated', 'title: Back Dated\ndate: 2016-03-01T08:00:00Z\ntags: [fresh]'));
    expect(work.assembled).toBe('extended');
  }, 60_000);

  it('should remove the pages of a deleted story', async () => {
    const { summary } = await step(async (dir) => rm(path.join(dir, story(239))));
    expect(summary).toMatch(/[1-9]\d* removed/);
    expect((await lastManifest(cached)).removed.length).toBeGreaterThan(0);
  }, 60_000);

  it('should build every page again after a settings change', async () => {
    const { work } = await step(async (dir) => writeFile(path.join(dir, 'site.yaml'), 'title: Renamed Wire\npageSize: 9\nfeedSize: 15\n'));
    expect(work).toMatchObject({ assembled: 'resolved', storiesReused: 0 });
  }, 60_000);

  it('should ignore a corrupt cache and still build the right site', async () => {
    await writeFile(path.join(cached, '.wiredesk-cache', 'stories-00.bin'), 'not a cache at all');
    await writeFile(path.join(cached, '.wiredesk-cache', 'index.bin'), 'not an index either');
    const { summary, work } = await step(edit(3, (text) => text.replace(/^title: "/m, 'title: "After corruption: ')));
    expect(summary).toMatch(/Built 24\d stories/);
    expect(work.assembled).toBe('resolved');
  }, 120_000);
});
