import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBuild as wiredesk, expectSameFiles, lastWork, twinCorpora } from '../support/cli-build.js';

describe('story pages rendered on a pool of threads', () => {
  let root = '';
  let pooledDir = '';
  let singleDir = '';
  beforeAll(async () => {
    ({ root, first: pooledDir, second: singleDir } = await twinCorpora({ stories: 150, seed: 5, site: 'title: Pool Wire\npageSize: 8\nsearch: false\n' }));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('should write byte for byte the site one thread writes, and render again on threads after a template-wide change', async () => {
    await wiredesk(pooledDir, ['--threads', '2'], { WIREDESK_RENDER_POOL_FROM: '1' });
    expect((await lastWork(pooledDir)).renderThreads).toBe(2);
    await wiredesk(singleDir, ['--threads', '1', '--no-cache']);
    await expectSameFiles(path.join(pooledDir, 'dist'), path.join(singleDir, 'dist'));

    // A settings change renders every story page again: on the threads, to the same bytes as one thread.
    for (const site of [pooledDir, singleDir]) await writeFile(path.join(site, 'site.yaml'), 'title: Renamed Pool Wire\npageSize: 8\nsearch: false\n');
    await wiredesk(pooledDir, ['--threads', '2'], { WIREDESK_RENDER_POOL_FROM: '1' });
    expect(await lastWork(pooledDir)).toMatchObject({ assembled: 'resolved', renderThreads: 2 });
    await wiredesk(singleDir, ['--threads', '1', '--no-cache']);
    await expectSameFiles(path.join(pooledDir, 'dist'), path.join(singleDir, 'dist'));
  }, 120_000);

  it('should post the stories read from the cache whole to the threads', async () => {
    // An edit with a warm cache: the other stories are the cache's lazy articles, posted to the threads with the site.
    for (const site of [pooledDir, singleDir]) {
      const stories = path.join(site, 'stories');
      const [, second] = (await readdir(stories, { recursive: true })).filter((name) => name.endsWith('.md')).sort();
      const file = path.join(stories, second ?? '');
      await writeFile(file, (await readFile(file, 'utf8')).replace(/^title: "/m, 'title: "Pooled edit: '));
    }
    await wiredesk(pooledDir, ['--threads', '2'], { WIREDESK_RENDER_POOL_FROM: '1' });
    expect(await lastWork(pooledDir)).toMatchObject({ assembled: 'reused', renderThreads: 2 });
    await wiredesk(singleDir, ['--threads', '1', '--no-cache']);
    await expectSameFiles(path.join(pooledDir, 'dist'), path.join(singleDir, 'dist'));
  }, 60_000);

  it('should keep rendering on this thread when few story pages change', async () => {
    const stories = path.join(pooledDir, 'stories');
    const [first] = (await readdir(stories, { recursive: true })).filter((name) => name.endsWith('.md')).sort();
    const file = path.join(stories, first ?? '');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^title: "/m, 'title: "Edited: '));
    await wiredesk(pooledDir, ['--threads', '2'], { WIREDESK_RENDER_POOL_FROM: '1000' });
    expect(await lastWork(pooledDir)).toMatchObject({ assembled: 'reused', renderThreads: 0 });
    expect((await lastWork(pooledDir)).pagesRendered).toBeGreaterThan(0);
  }, 60_000);
});
