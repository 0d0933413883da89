import { cp, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, writeCorpus } from '../../bench/corpus.js';
import type { BuildWork } from '../../src/build/work.js';
import { cliBuild, expectSameFiles, lastWork } from '../support/cli-build.js';

// A CI run (the workflow `wiredesk init` writes): a fresh checkout, whose story files all have new
// modification times and inodes, with `.wiredesk-cache/` restored and no output folder.

const stories = 60;
const corpus = generateCorpus({ stories, seed: 17 });
const siteYaml = 'title: CI Wire\npageSize: 9\n';
/** Render threads from the first page, as a large site has them. */
const pooled = { WIREDESK_RENDER_POOL_FROM: '1' };

describe('a build on a fresh checkout with the cache restored', () => {
  let root = '';
  /** The checkout, always at the same path, as a CI runner's workspace is. */
  let site = '';
  let runs = 0;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-ci-cache-'));
    site = path.join(root, 'site');
    await writeCorpus(site, corpus);
    await writeFile(path.join(site, 'site.yaml'), siteYaml);
    await cliBuild(site, ['--threads', '2']);
  }, 120_000);
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  /**
   * Check out the stories anew (copied without their times: new modification times and inodes),
   * restore the cache folder as the last run left it (with its times, as `actions/cache` does),
   * without the output folder, and build. `change` edits the checkout first. Returns the work it did.
   */
  async function nextRun(change: (dir: string) => Promise<void> = async () => undefined): Promise<BuildWork> {
    const last = path.join(root, `run-${runs++}`);
    await rename(site, last);
    await cp(path.join(last, 'stories'), path.join(site, 'stories'), { recursive: true });
    await cp(path.join(last, 'site.yaml'), path.join(site, 'site.yaml'));
    await cp(path.join(last, '.wiredesk-cache'), path.join(site, '.wiredesk-cache'), { recursive: true, preserveTimestamps: true });
    await change(site);
    await cliBuild(site, ['--threads', '2'], pooled);
    return lastWork(site);
  }

  /** The same stories built from scratch on one thread, elsewhere: what the site must be. */
  async function expectCleanBuild(): Promise<void> {
    const clean = path.join(root, `clean-${runs}`);
    await cp(path.join(site, 'stories'), path.join(clean, 'stories'), { recursive: true });
    await writeFile(path.join(clean, 'site.yaml'), siteYaml);
    await cliBuild(clean, ['--no-cache', '--threads', '1']);
    await expectSameFiles(path.join(site, 'dist'), path.join(clean, 'dist'));
  }

  const storyFile = (dir: string, index: number) => path.join(dir, 'stories', corpus[index]?.source ?? '');

  it('should take every story and the search index from the cache, render the pages on threads, and build the same site', async () => {
    const original = await stat(storyFile(path.join(root, 'site'), 30));
    const work = await nextRun();
    const checkedOut = await stat(storyFile(site, 30));
    expect([checkedOut.ino, checkedOut.mtimeMs]).not.toEqual([original.ino, original.mtimeMs]);
    expect(work).toMatchObject({ storiesReused: stories, storiesModelled: 0, renderThreads: 2, searchIndex: { shardsIndexed: 0 } });
    expect(work.searchIndex).toMatchObject({ shardsReused: (work.searchIndex as { shards: number }).shards });
    await expectCleanBuild();
  }, 120_000);

  it('should parse again a story edited without changing its size, and index the search anew', async () => {
    const file = storyFile(site, 30);
    const text = await readFile(file, 'utf8');
    const edited = text.replace(/^title: "(.{6})/m, 'title: "Zyxwvu');
    expect(edited).not.toBe(text);
    expect(Buffer.byteLength(edited)).toBe(Buffer.byteLength(text));
    const work = await nextRun((dir) => writeFile(storyFile(dir, 30), edited));
    // Only the shard of the story's period is indexed again.
    expect(work).toMatchObject({ storiesReused: stories - 1, storiesModelled: 1, searchIndex: { shardsIndexed: 1 } });
    await expectCleanBuild();
    // The next run, with nothing changed, takes the shard made by this one.
    expect((await nextRun()).searchIndex).toMatchObject({ shardsIndexed: 0 });
  }, 120_000);
});
