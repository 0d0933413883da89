import { mkdtemp, readdir, readFile, rm, writeFile, cp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, writeCorpus } from '../../bench/corpus.js';
import { cliBuild as wiredesk, filesBelow as tree } from '../support/cli-build.js';

describe('story pages rendered on a pool of threads', () => {
  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-pool-'));
    await writeCorpus(path.join(root, 'pooled'), generateCorpus({ stories: 150, seed: 5 }));
    await writeFile(path.join(root, 'pooled', 'site.yaml'), 'title: Pool Wire\npageSize: 8\nsearch: false\n');
    await cp(path.join(root, 'pooled'), path.join(root, 'single'), { recursive: true });
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('should write byte for byte the site one thread writes, and render again on threads after a template-wide change', async () => {
    const pooled = await wiredesk(path.join(root, 'pooled'), ['--threads', '2'], { WIREDESK_RENDER_POOL_FROM: '1' });
    expect(pooled).toContain('render and write (story pages on 2 threads)');
    const single = await wiredesk(path.join(root, 'single'), ['--threads', '1', '--no-cache']);
    expect(single).toMatch(/render and write: /);
    const [fromPool, fromOne] = await Promise.all([tree(path.join(root, 'pooled', 'dist')), tree(path.join(root, 'single', 'dist'))]);
    expect([...fromPool.keys()].sort()).toEqual([...fromOne.keys()].sort());
    for (const [name, bytes] of fromOne) expect(fromPool.get(name)?.equals(bytes), name).toBe(true);

    // A settings change renders every story page again: on the threads, to the same bytes as one thread.
    for (const site of ['pooled', 'single']) await writeFile(path.join(root, site, 'site.yaml'), 'title: Renamed Pool Wire\npageSize: 8\nsearch: false\n');
    expect(await wiredesk(path.join(root, 'pooled'), ['--threads', '2'], { WIREDESK_RENDER_POOL_FROM: '1' })).toContain('story pages on 2 threads');
    await wiredesk(path.join(root, 'single'), ['--threads', '1', '--no-cache']);
    const [again, reference] = await Promise.all([tree(path.join(root, 'pooled', 'dist')), tree(path.join(root, 'single', 'dist'))]);
    for (const [name, bytes] of reference) expect(again.get(name)?.equals(bytes), name).toBe(true);
    expect(again.size).toBe(reference.size);
  }, 120_000);

  it('should keep rendering on this thread when few story pages change', async () => {
    const stories = path.join(root, 'pooled', 'stories');
    const [first] = (await readdir(stories, { recursive: true })).filter((name) => name.endsWith('.md')).sort();
    const file = path.join(stories, first ?? '');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^title: "/m, 'title: "Edited: '));
    const printed = await wiredesk(path.join(root, 'pooled'), ['--threads', '2'], { WIREDESK_RENDER_POOL_FROM: '1000' });
    expect(printed).toMatch(/render and write: /);
    expect(printed).not.toContain('threads)');
  }, 60_000);
});
