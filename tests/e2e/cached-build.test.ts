import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, writeCorpus } from '../../bench/corpus.js';
import { catchUpFinished } from '../../src/output/tree-catch-up.js';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../bin/wiredesk.js');

/**
 * Build with the real CLI: what it printed, the summary and then the phase timings. Incremental
 * builds start a tree catch-up after every build (`WIREDESK_CATCH_UP_FROM=1`), so each next build
 * races one: it waits for it at the lock, or finds the tree it left.
 */
async function wiredesk(cwd: string, args: string[]): Promise<string> {
  const catchUp = args.includes('--no-cache') ? {} : { WIREDESK_CATCH_UP_FROM: '1' };
  const { stdout, stderr } = await run(process.execPath, [bin, 'build', ...args], { cwd, env: { ...process.env, WIREDESK_TIMINGS: '1', ...catchUp } });
  return `${stdout}${stderr}`;
}

/** Every file below `dir`, by relative path, with its bytes. */
async function tree(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  return new Map(await Promise.all(files.map(async (file) => [path.relative(dir, file), await readFile(file)] as const)));
}

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

  /** Apply a change to the cached site, build it incrementally, build a copy from scratch on one thread, compare. */
  async function step(change: (dir: string) => Promise<void>): Promise<string> {
    await change(cached);
    const summary = await wiredesk(cached, []);
    await rm(clean, { recursive: true, force: true });
    await cp(cached, clean, { recursive: true, filter: (source) => !/(\.wiredesk-cache|dist|\.dist\.wiredesk|\.dist\.trees)$/.test(source) });
    await wiredesk(clean, ['--no-cache', '--threads', '1']);
    const [incremental, reference] = await Promise.all([tree(path.join(cached, 'dist')), tree(path.join(clean, 'dist'))]);
    expect([...incremental.keys()].sort()).toEqual([...reference.keys()].sort());
    for (const [name, bytes] of reference) expect(incremental.get(name)?.equals(bytes), name).toBe(true);
    return summary;
  }
  const story = (index: number) => path.join('stories', corpus[index]?.source ?? '');
  const edit = (index: number, change: (text: string) => string) => async (dir: string) => {
    const file = path.join(dir, story(index));
    await writeFile(file, change(await readFile(file, 'utf8')));
  };

  it('should give the same bytes as a clean single-threaded build through edits, additions, deletions and settings changes', async () => {
    expect(await step(async () => undefined)).toMatch(/240 stories .*: \d+ files written, 0 unchanged/);
    expect(await step(async () => undefined)).toMatch(/: 0 files written, \d+ unchanged, 0 removed/);

    const untouched = path.join(cached, 'dist', 'tags', 'index.html');
    const before = await stat(untouched);
    const edited = await step(edit(120, (text) => text.replace(/^title: "/m, 'title: "Edited: ')));
    expect(edited).toMatch(/: ([1-9]\d?) files written, \d+ unchanged, \d+ removed/);
    // A new headline leaves every story's shape as it was: the last build's resolution is taken as it is.
    expect(edited).toContain('every story kept its shape');
    // Only the search index's files go: they are named by their contents.
    const manifest = async () => JSON.parse(await readFile(path.join(cached, '.wiredesk-cache', 'manifest.json'), 'utf8')) as { changed: string[]; removed: string[] };
    expect((await manifest()).removed.filter((file) => !file.startsWith('pagefind/'))).toEqual([]);
    expect((await stat(untouched)).mtimeMs).toBe(before.mtimeMs);
    // The sitemap reads only where stories are and when they changed: a new headline leaves it alone, an update does not.
    expect((await manifest()).changed).not.toContain('sitemap.xml');
    await step(edit(121, (text) => text.replace(/^title: /m, 'updated: 2023-01-05T10:00:00Z\ntitle: ')));
    expect((await manifest()).changed).toContain('sitemap.xml');
    // A body edit keeps the shape too: only the pages that show the body (the story's page, its feeds) are rendered again.
    expect(await step(edit(122, (text) => `${text}\nAn added closing paragraph.\n`))).toContain('every story kept its shape');

    expect(await step(edit(200, (text) => text.replace(/^tags: \[/m, 'tags: [brand-new-tag, ')))).not.toContain('kept its shape');
    // Publishing at the top of the archive: the last resolution is extended with the new stories, which it resolves alone.
    const fresh = (name: string, frontMatter: string, body = 'Just in.') => async (dir: string) =>
      writeFile(path.join(dir, 'stories', '2022', `${name}.md`), `---\n${frontMatter}\n---\n\n${body}\n`);
    const published = await step(fresh('fresh-story', 'title: A Fresh Story\ndate: 2022-12-31T23:00:00+03:00\ntags: [fresh]'));
    expect(published).toContain('the last resolution extended');
    const linked = `READ MORE: [An older story](../${story(5).split('/').slice(1).join('/')})\n\nJust in, with a link.`;
    const twoAtOnce = fresh('fresh-two', `title: Two\ndate: 2023-01-02T08:00:00Z\nsection: Brand New Section\ntopics: [A New Topic]`, linked);
    expect(await step(async (dir) => (await twoAtOnce(dir), await fresh('fresh-three', 'title: Three\ndate: 2023-01-03T08:00:00Z\ntags: [fresh]')(dir)))).toContain('the last resolution extended');
    // The extended frame is the one the next build takes.
    expect(await step(edit(201, (text) => text.replace(/^title: "/m, 'title: "Edited After Publishing: ')))).toContain('every story kept its shape');
    // A story published with an older date than the newest goes in its place, and becomes a related story of the newer Three.
    const backDated = await step(fresh('back-dated', 'title: Back Dated\ndate: 2016-03-01T08:00:00Z\ntags: [fresh]'));
    expect(backDated).toContain('the last resolution extended');
    const deleted = await step(async (dir) => rm(path.join(dir, story(239))));
    expect(deleted).toMatch(/[1-9]\d* removed/);
    await step(async (dir) => writeFile(path.join(dir, 'site.yaml'), 'title: Renamed Wire\npageSize: 9\nfeedSize: 15\n'));
  }, 240_000);

  it('should ignore a corrupt cache and still build the right site', async () => {
    await writeFile(path.join(cached, '.wiredesk-cache', 'stories-00.bin'), 'not a cache at all');
    await writeFile(path.join(cached, '.wiredesk-cache', 'index.bin'), 'not an index either');
    expect(await step(edit(3, (text) => text.replace(/^title: "/m, 'title: "After corruption: ')))).toMatch(/Built 24\d stories/);
  }, 120_000);
});
