import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTrees, treesFolder } from '../../src/output/output-trees.js';
import { catchUpTree } from '../../src/output/tree-catch-up.js';
import { writeSite as writeAnySite, type OutputFile } from '../../src/output/write.js';
import { inodesBelow } from '../support/inodes.js';

/** These tests are of the swap layout (`output.swap: true`): the output a link to one of two trees. */
const writeSite = (...[pages, assets, out, options]: Parameters<typeof writeAnySite>) => writeAnySite(pages, assets, out, { ...options, layout: 'swap' });

const page = (pagePath: string, text: string): OutputFile => ({ path: pagePath, render: () => text });

describe('catchUpTree', () => {
  let dir: string;
  let out: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-catch-up-'));
    out = path.join(dir, 'dist');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('should fill the tree that is not live with links to the live files, so the next build writes only what changed', async () => {
    const site = (changed: string) => [page('', 'home'), page('a/', 'story a'), page('b/deep/', 'story b'), page('c/', changed)];
    const first = await writeSite(site('story c'), [], out);
    expect(first.behind).toBe(4);
    const trees = treesFolder(out);
    expect(await catchUpTree(out)).toEqual({ linked: 4, removed: 0 });
    // The same inodes: links, not copies; and recorded, so the next build trusts them.
    expect(await inodesBelow(path.join(trees, 'b'))).toEqual(await inodesBelow(path.join(trees, 'a')));
    expect(existsSync(path.join(trees, 'b.json'))).toBe(true);
    expect(existsSync(path.join(trees, 'lock'))).toBe(false);

    const before = await inodesBelow(path.join(trees, 'b'));
    const second = await writeSite(site('story c, corrected'), [], out);
    expect(second.behind).toBe(1);
    const after = await inodesBelow(path.join(trees, 'b'));
    const touched = [...after].filter(([file, inode]) => before.get(file) !== inode).map(([file]) => file);
    expect(touched).toEqual(['c/index.html']);
    expect(await readFile(path.join(out, 'c/index.html'), 'utf8')).toBe('story c, corrected');
  });

  it('should bring a tree a build behind up to date: link what changed and remove what went', async () => {
    await writeSite([page('', 'home'), page('gone/', 'gone'), page('kept/', 'kept')], [], out);
    await writeSite([page('', 'home, new'), page('kept/', 'kept'), page('added/', 'added')], [], out);
    // Tree a (no longer live) holds the first site; b is live.
    expect(await catchUpTree(out)).toEqual({ linked: 2, removed: 1 });
    const trees = treesFolder(out);
    expect(await inodesBelow(path.join(trees, 'a'))).toEqual(await inodesBelow(path.join(trees, 'b')));
    expect(existsSync(path.join(trees, 'a', 'gone'))).toBe(false);
  });

  it('should empty a tree with no record (a build was killed writing it) before filling it', async () => {
    await writeSite([page('', 'home')], [], out);
    const trees = treesFolder(out);
    await rm(path.join(trees, 'b'), { recursive: true, force: true });
    await mkdir(path.join(trees, 'b', 'half-written'), { recursive: true });
    await writeFile(path.join(trees, 'b', 'half-written', 'index.html'), 'stale');
    expect(await catchUpTree(out)).toEqual({ linked: 1, removed: 0 });
    expect([...(await inodesBelow(path.join(trees, 'b'))).keys()]).toEqual(['index.html']);
  });

  it('should give up when a build holds the lock, and do nothing when no tree is live', async () => {
    expect(await catchUpTree(out)).toEqual({ skipped: 'no live tree' });
    await writeSite([page('', 'home')], [], out);
    // Another process's build: the lock names it.
    const build = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      await writeFile(path.join(treesFolder(out), 'lock'), String(build.pid));
      expect(await catchUpTree(out)).toEqual({ skipped: 'locked' });
      expect(await readFile(path.join(treesFolder(out), 'lock'), 'utf8')).toBe(String(build.pid));
    } finally {
      build.kill();
    }
  });

  it('should make a build wait while a catch-up holds the lock, and go on once it is done', async () => {
    await writeSite([page('', 'home')], [], out);
    const catchUp = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      await writeFile(path.join(treesFolder(out), 'lock'), `${catchUp.pid} catch-up`);
      let opened = false;
      const waitedFor: number[] = [];
      const opening = openTrees(out, true, (pid) => waitedFor.push(pid)).then((trees) => {
        opened = true;
        return trees;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(opened).toBe(false);
      // Told once, with the catch-up's pid, however many times it looked.
      expect(waitedFor).toEqual([catchUp.pid]);
      catchUp.kill();
      const trees = await opening;
      trees.abandon();
      expect(opened).toBe(true);
    } finally {
      catchUp.kill();
    }
  });
});
