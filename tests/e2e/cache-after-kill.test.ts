import { cp, mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBuild, expectSameFiles, lastManifest, lastWork } from '../support/cli-build.js';

// A build writes its cache after publishing the site: the stories shards, the site frame, and last
// the index that vouches for them. A build killed in between leaves some of these files from
// itself and some from the build before. These tests put the cache in each such state by hand
// (the kill itself lands at random in interrupted-build.test.ts) and expect the next build to be
// exactly the site its stories make.

/**
 * Version 1 of the site has 30 stories; version 2 retitles every one and adds a 31st (a new
 * shape). The files of each version have a time of their own, long past: written again, a version
 * is what a restored backup would be, the same bytes with the same times.
 */
async function writeStories(dir: string, version: 1 | 2): Promise<void> {
  await rm(path.join(dir, 'stories'), { recursive: true, force: true });
  await mkdir(path.join(dir, 'stories'), { recursive: true });
  const count = version === 1 ? 30 : 31;
  for (let index = 0; index < count; index++) {
    const title = version === 1 ? `Story ${index}` : `Story ${index}, updated`;
    const day = String((index % 28) + 1).padStart(2, '0');
    const file = path.join(dir, 'stories', `s${index}.md`);
    await writeFile(file, `---\ntitle: ${title}\ndate: 2018-05-${day}T10:00:00+03:00\ntags: [Tag ${index % 4}]\n---\n\nBody of story ${index}.\n`);
    const time = new Date(Date.UTC(2019 + version, 0, 1));
    await utimes(file, time, time);
  }
}

describe.each(['plain folder', 'swap layout'] as const)('a build after one killed while writing its cache, %s', (layout) => {
  let root = '';
  const reference = (version: 1 | 2) => path.join(root, `reference-${version}`);

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), `wiredesk-cache-kill-${layout.split(' ')[0]}-`));
    for (const version of [1, 2] as const) {
      await writeStories(reference(version), version);
      await cliBuild(reference(version), ['--no-cache']);
    }
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  /** A fresh site built at version 1 then 2, with `between` run on its cache in between; the folder and the cache. */
  async function siteBuiltTwice(name: string, between: (cache: string, saved: string) => Promise<void>): Promise<string> {
    const dir = path.join(root, name);
    const cache = path.join(dir, '.wiredesk-cache');
    const saved = path.join(root, `${name}-saved`);
    await writeStories(dir, 1);
    if (layout === 'swap layout') await writeFile(path.join(dir, 'site.yaml'), 'output:\n  swap: true\n');
    await cliBuild(dir, []);
    await cp(cache, saved, { recursive: true });
    await writeStories(dir, 2);
    await cliBuild(dir, []);
    await between(cache, saved);
    return dir;
  }

  it('should not take a site frame that the index does not vouch for', async () => {
    // Version 2's index with version 1's frame: the stories of version 1 have that frame's shape,
    // but the pages the index records were rendered from version 2's.
    const dir = await siteBuiltTwice('frame', async (cache, saved) => {
      await cp(path.join(saved, 'frame.bin'), path.join(cache, 'frame.bin'));
    });
    await writeStories(dir, 1);
    await cliBuild(dir, []);
    expect((await lastWork(dir)).assembled).toBe('resolved');
    await expectSameFiles(path.join(dir, 'dist'), path.join(reference(1), 'dist'));
  });

  it('should not take the output for up to date when a later build published it', async () => {
    // Version 1's index, but version 2 published; then the story files are put back as they were
    // for version 1, times and all (a backup restored): the index matches them, not the output.
    const dir = await siteBuiltTwice('index', async (cache, saved) => {
      await cp(path.join(saved, 'index.bin'), path.join(cache, 'index.bin'));
    });
    await writeStories(dir, 1);
    expect(await readFile(path.join(dir, 'dist', 'index.html'), 'utf8')).toContain('updated');
    await cliBuild(dir, []);
    expect((await lastWork(dir)).assembled).not.toBe('up-to-date');
    expect((await lastManifest(dir)).changed.length).toBeGreaterThan(0);
    await expectSameFiles(path.join(dir, 'dist'), path.join(reference(1), 'dist'));
  });
});
