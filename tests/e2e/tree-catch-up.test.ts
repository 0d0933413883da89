import { existsSync } from 'node:fs';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { treesFolder } from '../../src/output/output-trees.js';
import { catchUpFinished } from '../../src/output/tree-catch-up.js';
import { cliBuild, expectSameFiles, twinCorpora } from '../support/cli-build.js';
import { inodesBelow } from '../support/inodes.js';

// After a build that wrote most of the site, the CLI starts a detached process that links the
// output tree it left behind up to the live one, so the next build (a story published, say)
// writes only the files that changed instead of linking the whole site first (the swap layout,
// `output.swap: true`, only).

describe('the tree catch-up after a build', () => {
  let root = '';
  let site = '';
  let reference = '';
  beforeAll(async () => {
    ({ root, first: site, second: reference } = await twinCorpora({ stories: 40, seed: 3, site: 'title: Catch-up\noutput:\n  swap: true\n' }));
  }, 60_000);
  afterAll(async () => {
    // The last build may have started a catch-up of its own: let it finish before removing its folder.
    await catchUpFinished(path.join(site, 'dist'));
    await rm(root, { recursive: true, force: true });
  });

  it('should link the tree left behind in the background, and the next build should write only what changed', async () => {
    const env = { WIREDESK_CATCH_UP_FROM: '10' };
    await cliBuild(site, [], env);
    const trees = treesFolder(path.join(site, 'dist'));
    // The build handed the lock to the catch-up before it returned: waiting for it is enough.
    await catchUpFinished(path.join(site, 'dist'));
    expect(existsSync(path.join(trees, 'b.json'))).toBe(true);
    const live = await inodesBelow(path.join(trees, 'a'));
    expect(await inodesBelow(path.join(trees, 'b'))).toEqual(live);

    // A story retitled: the next build writes its page and the lists that show it, and nothing else.
    const stories = path.join(site, 'stories');
    const [first] = (await readdir(stories, { recursive: true })).filter((name) => name.endsWith('.md')).sort();
    const file = path.join(stories, first as string);
    const retitle = async (dir: string) => {
      const target = path.join(dir, 'stories', first as string);
      await writeFile(target, (await readFile(target, 'utf8')).replace(/^title: .*$/m, 'title: "Retitled by the desk"'));
    };
    await retitle(site);
    const before = await inodesBelow(path.join(trees, 'b'));
    await cliBuild(site, [], env);
    const manifest = JSON.parse(await readFile(path.join(site, '.wiredesk-cache', 'manifest.json'), 'utf8')) as { added: string[]; changed: string[] };
    const written = manifest.added.length + manifest.changed.length;
    const after = await inodesBelow(path.join(trees, 'b'));
    const touched = [...after].filter(([name, inode]) => before.get(name) !== inode);
    expect(touched.length).toBe(written);
    expect(written).toBeLessThan(before.size / 2);
    expect(await readFile(file, 'utf8')).toContain('Retitled by the desk');

    // And the site is exactly what a clean build of the same stories makes.
    await retitle(reference);
    await cliBuild(reference, ['--no-cache']);
    await expectSameFiles(path.join(site, 'dist'), path.join(reference, 'dist'));
  }, 120_000);
});
