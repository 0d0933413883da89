import { cp, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, writeCorpus } from '../../bench/corpus.js';
import { cliBuild, expectSameFiles } from '../support/cli-build.js';

// A large output folder is scanned from the start of a build, on a thread of its own, beside the
// stories folder's scan (`WIREDESK_OUTPUT_SCAN_ALONE_FROM`, a size of its record): what the scan
// finds must be what the scan made after the stories folder's finds.

/** Tuning that takes any output folder as a large one, and prints the steps. */
const alone = { WIREDESK_OUTPUT_SCAN_ALONE_FROM: '1', WIREDESK_TIMINGS: '1' };
const aloneStep = 'read: scan (and the output folder’s, started on a thread of its own)';

describe('the output folder scanned on a thread of its own', () => {
  let root = '';
  let site = '';
  const corpus = generateCorpus({ stories: 30, seed: 23 });

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-scan-alone-'));
    site = path.join(root, 'site');
    await writeCorpus(site, corpus);
    await writeFile(path.join(site, 'site.yaml'), 'baseUrl: https://example.com/\npageSize: 5\n');
    await cliBuild(site, []);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('should undo a hand edit, remove a stray and publish a story as the scan after the stories folder’s does', async () => {
    // A file edited by hand to the same size and times (only its bytes tell), a file no build wrote, and a new story.
    const robots = path.join(site, 'dist', 'robots.txt');
    const original = await readFile(robots, 'utf8');
    const { atime, mtime } = await stat(robots);
    await writeFile(robots, 'x'.repeat(Buffer.byteLength(original)));
    await utimes(robots, atime, mtime);
    await writeFile(path.join(site, 'dist', 'notes.txt'), 'left by hand');
    const newest = corpus[0]?.text ?? '';
    await writeFile(path.join(site, 'stories', 'fresh.md'), newest.replace(/^title: .*$/m, 'title: "A Fresh Story Scanned Alone"').replace(/^date: \S+$/m, 'date: 2030-01-01T00:00:00Z'));

    const printed = await cliBuild(site, [], alone);
    expect(printed).toContain(aloneStep);
    expect(printed).toContain('Restored 1 file in "dist" changed or removed since the last build: robots.txt');
    expect(printed).toContain('Removed 1 file from "dist" that no build wrote: notes.txt');
    expect(await readFile(robots, 'utf8')).toBe(original);
    expect(await readFile(path.join(site, 'dist', 'index.html'), 'utf8')).toContain('A Fresh Story Scanned Alone');

    // The same stories built from scratch, on one thread: the same files, byte for byte.
    const clean = path.join(root, 'clean');
    await cp(site, clean, { recursive: true, filter: (source) => !/(\.wiredesk-cache|dist|\.dist\.wiredesk)$/.test(source) });
    await cliBuild(clean, ['--no-cache', '--threads', '1']);
    await expectSameFiles(path.join(site, 'dist'), path.join(clean, 'dist'));
  });

  it('should stop the scan started when the output is found up to date, and say nothing of the folder', async () => {
    const printed = await cliBuild(site, [], alone);
    expect(printed).toContain(aloneStep);
    expect(printed).not.toMatch(/Restored|Removed/);
  });

  it('should scan a folder whose record is smaller than the size set after the stories folder, as before', async () => {
    await writeFile(path.join(site, 'dist', 'notes.txt'), 'left by hand again');
    const printed = await cliBuild(site, [], { WIREDESK_TIMINGS: '1' });
    expect(printed).toContain('read: scan:');
    expect(printed).not.toContain(aloneStep);
    expect(printed).toContain('Removed 1 file from "dist" that no build wrote: notes.txt');
  });
});
