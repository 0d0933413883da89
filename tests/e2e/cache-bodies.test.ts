import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliBuild, expectSameFiles, lastWork } from '../support/cli-build.js';
import { fixtureStory, parseFixture } from '../support/fixture-site.js';

// A rebuild reads only the heads of the stories cache: each story's other fields (headline, body…)
// are read from its shard when a page shows them, checked by their own CRC-32. One damaged by
// then sets the cache aside, and the build starts again without it: the site is never built from
// damaged bytes.

const stories = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, index) => fixtureStory(id, 10 + index, 'section: World', `Body of ${id}, long enough to read.`)).join('');

async function writeSite(dir: string): Promise<void> {
  for (const [file, text] of parseFixture(stories)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
}

describe('the stories cache read story by story', () => {
  let root = '';
  let site = '';
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-cache-bodies-'));
    site = path.join(root, 'site');
    await writeSite(site);
    await cliBuild(site, []);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  /** The same stories built from scratch on one thread, elsewhere: what the site must be. */
  async function expectCleanBuild(): Promise<void> {
    const clean = path.join(root, 'clean');
    await cp(path.join(site, 'stories'), path.join(clean, 'stories'), { recursive: true });
    await cliBuild(clean, ['--no-cache', '--threads', '1']);
    await expectSameFiles(path.join(site, 'dist'), path.join(clean, 'dist'));
  }

  const editHeadline = async () => {
    const file = path.join(site, 'stories/a.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('Story A', 'Story A, updated'));
  };

  it('should publish an edit from the cache as a clean build does', async () => {
    await editHeadline();
    await cliBuild(site, []);
    expect(await lastWork(site)).toMatchObject({ assembled: 'reused', storiesModelled: 1, storiesReused: 5 });
    await expectCleanBuild();
  });

  it('should build again without the cache when a story’s fields are damaged in their shard, and say so', async () => {
    // The last byte of a shard with stories is its last story's body: damaged, the head that names it still checks.
    const cache = path.join(site, '.wiredesk-cache');
    let damaged = 0;
    for (const name of await readdir(cache)) {
      if (!/^stories-\d+\.bin$/.test(name)) continue;
      const bytes = await readFile(path.join(cache, name));
      // The checksum in the file's header: `crc-length-headLength-stamp`.
      const [, length, headLength] = (bytes.subarray(0, 96).toString('latin1').split('\n')[1] ?? '').split('-').map(Number);
      if (length === undefined || headLength === undefined || length <= headLength) continue;
      bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
      await writeFile(path.join(cache, name), bytes);
      damaged++;
    }
    expect(damaged).toBeGreaterThan(0);
    await editHeadline();
    // With its steps timed: a build that fails here says how far it got.
    const printed = await cliBuild(site, [], { WIREDESK_TIMINGS: '1' });
    expect(printed).not.toMatch(/ran dry/);
    expect(printed).toMatch(/The build cache is damaged \(the cache file stories-\d+\.bin is damaged\); building again without it/);
    expect(await lastWork(site)).toMatchObject({ storiesModelled: 6, storiesReused: 0 });
    expect(await readFile(path.join(site, 'dist/2018/05/10/a/index.html'), 'utf8')).toContain('Story A, updated');
    await expectCleanBuild();
    // The cache kept by the build that started again is whole: the next edit takes it.
    await writeFile(path.join(site, 'stories/b.md'), (await readFile(path.join(site, 'stories/b.md'), 'utf8')).replace('Story B', 'Story B, updated'));
    expect(await cliBuild(site, [])).not.toMatch(/damaged/);
    expect(await lastWork(site)).toMatchObject({ storiesModelled: 1, storiesReused: 5 });
  });
});
