import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { deserialize } from 'node:v8';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { BuildWork } from '../../src/build/work.js';
import { readFramedBytes, writeFramed } from '../../src/store/framed-file.js';
import { siteMaker, type FixtureSite } from '../support/fixture-site.js';

// The search index in shards, one per quarter of publication: what a build writes, and what it
// indexes again (a publish, an edit, a kill, an embargo lift) and what it leaves as it was.

const site = siteMaker();

/** A story filed on `date`, with a word no other story has in its body. */
const dated = (id: string, date: string, body: string, extra = '') => `
-- stories/${id}.md --
---
title: Story ${id}
date: ${date}
${extra}
---

${body}
`;

const beforeEmbargo = Date.parse('2020-01-01T00:00:00Z');
const afterEmbargo = Date.parse('2031-01-01T00:00:00Z');

const archive =
  dated('winter', '2017-02-10T10:00:00+03:00', 'The Walrusword talks.') +
  dated('autumn', '2017-11-03T10:00:00+03:00', 'The Ibexword report.') +
  dated('harvest', '2017-11-05T10:00:00+03:00', 'The Harvestword market.') +
  dated('held', '2017-11-04T10:00:00+03:00', 'The Wombatword findings.', 'embargo: 2030-06-01T00:00:00Z') +
  dated('spring', '2018-05-20T10:00:00+03:00', 'The Zanzibarword summit.');

/** Every file of the built `pagefind/` folder with its inode. */
async function bundle(built: FixtureSite): Promise<Map<string, number>> {
  const files = (await built.files()).filter((file) => file.startsWith('pagefind/'));
  return new Map(await Promise.all(files.map(async (file) => [file, (await stat(path.join(built.dir, 'dist', file))).ino] as const)));
}

/** The text of every fragment (one per story) of the shard in `folder` (`''`: the newest, beside Pagefind's runtime). */
async function shardText(built: FixtureSite, folder: string): Promise<string> {
  const fragments = (await built.files()).filter((file) => file.startsWith(`pagefind/${folder}fragment/`));
  const texts = await Promise.all(fragments.map(async (file) => gunzipSync(await readFile(path.join(built.dir, 'dist', file))).toString('utf8')));
  return texts.join('\n');
}

/** What the build did with the search index, as a shard count. */
function searchWork(work: BuildWork | undefined): unknown {
  return work?.searchIndex;
}

/** The files of `after` under `folder` that are the same files (inodes) as in `before`: all of them, when the shard was left alone. */
function keptIn(before: Map<string, number>, after: Map<string, number>, folder: string): { same: number; all: number } {
  const files = [...after.keys()].filter((file) => file.startsWith(`pagefind/${folder}`));
  return { same: files.filter((file) => before.get(file) === after.get(file)).length, all: files.length };
}

describe('the search index in shards by quarter', () => {
  it('should put the newest quarter beside Pagefind’s runtime and each older one in its own folder, listed for the search page', async () => {
    const built = await site(archive);
    const outcome = await built.build({ now: beforeEmbargo });
    expect(searchWork(outcome.work)).toEqual({ shards: 3, shardsIndexed: 3, shardsReused: 0 });
    const files = await built.files();
    expect(JSON.parse(await built.read('pagefind/wiredesk-shards.json'))).toEqual({ merge: ['2017-q4/', '2017-q1/'] });
    for (const folder of ['', '2017-q4/', '2017-q1/']) expect(files).toContain(`pagefind/${folder}pagefind-entry.json`);
    // Pagefind's scripts and WebAssembly once, at the top.
    expect(files.filter((file) => /pagefind\.js$|\.pagefind$/.test(file) && file.split('/').length > 2)).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['pagefind/pagefind.js', 'pagefind/pagefind-ui.js', 'pagefind/wasm.en.pagefind']));
    expect(await shardText(built, '')).toContain('Zanzibarword');
    expect(await shardText(built, '2017-q4/')).toContain('Ibexword');
    expect(await shardText(built, '2017-q4/')).not.toContain('Wombatword');
    expect(await shardText(built, '2017-q1/')).toContain('Walrusword');
    expect(await shardText(built, '2017-q1/')).not.toMatch(/Ibexword|Zanzibarword/);
  });

  it('should index only the newest shard on a publish, leave the others’ files as they were, and match a clean build', async () => {
    const built = await site(archive);
    await built.build({ now: beforeEmbargo });
    const before = await bundle(built);
    const published = dated('fresh', '2018-05-25T10:00:00+03:00', 'The Narwhalword vote.');
    await built.write('stories/fresh.md', published.split('-- stories/fresh.md --\n')[1] ?? '');
    const outcome = await built.build({ now: beforeEmbargo });
    expect(searchWork(outcome.work)).toEqual({ shards: 3, shardsIndexed: 1, shardsReused: 2 });
    const after = await bundle(built);
    for (const folder of ['2017-q4/', '2017-q1/']) {
      const kept = keptIn(before, after, folder);
      expect(kept.all).toBeGreaterThan(0);
      expect(kept.same).toBe(kept.all);
    }
    expect(after.get('pagefind/pagefind.js')).toBe(before.get('pagefind/pagefind.js'));
    expect(await shardText(built, '')).toContain('Narwhalword');

    // The same stories built from scratch give the same bundle, byte for byte.
    const clean = await site(archive + published);
    await clean.build({ now: beforeEmbargo });
    const cleanFiles = [...(await bundle(clean)).keys()];
    expect([...after.keys()]).toEqual(cleanFiles);
    for (const file of cleanFiles) expect((await readFile(path.join(built.dir, 'dist', file))).equals(await readFile(path.join(clean.dir, 'dist', file))), file).toBe(true);
  });

  it('should make a publish’s documents only for the stories new since, taking the others’ kept beside the shards', async () => {
    const built = await site(archive);
    await built.build({ now: beforeEmbargo });
    // The kept document of the newest shard's story altered: a build that takes it indexes the altered text.
    const file = path.join(built.dir, '.wiredesk-cache', 'search', 'records.bin');
    const kept = deserialize(readFramedBytes(file, 'wiredesk-cache-search-records-1')?.bytes ?? Buffer.alloc(0)) as { contents: string[] };
    expect(kept.contents.filter((content) => content.includes('Zanzibarword'))).toHaveLength(1);
    await writeFramed(file, 'wiredesk-cache-search-records-1', { ...kept, contents: kept.contents.map((content) => content.replace('Zanzibarword', 'Keptword')) });
    const published = dated('fresh', '2018-05-25T10:00:00+03:00', 'The Narwhalword vote.');
    await built.write('stories/fresh.md', published.split('-- stories/fresh.md --\n')[1] ?? '');
    const outcome = await built.build({ now: beforeEmbargo });
    expect(searchWork(outcome.work)).toEqual({ shards: 3, shardsIndexed: 1, shardsReused: 2 });
    expect(await shardText(built, '')).toContain('Keptword');
    expect(await shardText(built, '')).toContain('Narwhalword');
  });

  it('should index only the shard of an old story that was edited', async () => {
    const built = await site(archive);
    await built.build({ now: beforeEmbargo });
    const before = await bundle(built);
    await built.write('stories/winter.md', (await readFile(path.join(built.dir, 'stories/winter.md'), 'utf8')).replace('Walrusword', 'Quetzalword'));
    const outcome = await built.build({ now: beforeEmbargo });
    expect(searchWork(outcome.work)).toEqual({ shards: 3, shardsIndexed: 1, shardsReused: 2 });
    const after = await bundle(built);
    for (const folder of ['2017-q4/']) expect(keptIn(before, after, folder).same).toBe(keptIn(before, after, folder).all);
    expect(after.get('pagefind/pagefind-entry.json')).toBe(before.get('pagefind/pagefind-entry.json'));
    expect(await shardText(built, '2017-q1/')).toContain('Quetzalword');
    expect(await shardText(built, '2017-q1/')).not.toContain('Walrusword');
  });

  it('should take a killed story out of its shard, and put an embargoed one in once it lifts', async () => {
    const built = await site(archive);
    await built.build({ now: beforeEmbargo });
    const autumn = path.join(built.dir, 'stories/autumn.md');
    await built.write('stories/autumn.md', (await readFile(autumn, 'utf8')).replace('title:', 'status: canceled\ntitle:'));
    const killed = await built.build({ now: beforeEmbargo });
    expect(searchWork(killed.work)).toEqual({ shards: 3, shardsIndexed: 1, shardsReused: 2 });
    expect(await shardText(built, '2017-q4/')).not.toContain('Ibexword');
    expect(await shardText(built, '2017-q4/')).toContain('Harvestword');

    const lifted = await built.build({ now: afterEmbargo });
    expect(searchWork(lifted.work)).toEqual({ shards: 3, shardsIndexed: 1, shardsReused: 2 });
    expect(await shardText(built, '2017-q4/')).toContain('Wombatword');
  });

  it('should start no Pagefind when no shard changed, though pages did', async () => {
    const built = await site(archive);
    await built.build({ now: beforeEmbargo });
    const before = await bundle(built);
    await built.write('static/about.txt', 'About this wire.');
    const outcome = await built.build({ now: beforeEmbargo });
    expect(outcome.stats?.written).toBeGreaterThan(0);
    expect(searchWork(outcome.work)).toEqual({ shards: 3, shardsIndexed: 0, shardsReused: 3 });
    expect(await bundle(built)).toEqual(before);
  });
});

describe('the search index of a busy desk, cut into days and blocks', () => {
  // 700 stories in one week, 100 a day: the week is cut into days, and its newest day, still filling, into blocks of six hours.
  const week = Array.from({ length: 700 }, (_, index) => {
    const day = String(8 + (index % 7)).padStart(2, '0');
    const time = `${String(index % 24).padStart(2, '0')}:${String(index % 60).padStart(2, '0')}`;
    return dated(`w${index}`, `2018-05-${day}T${time}:00+03:00`, `Routine copy ${index}.`);
  }).join('');
  const late = dated('late', '2018-05-14T23:59:00+03:00', 'The Kinkajouword coda.');
  const dawn = dated('dawn', '2018-05-15T06:00:00+03:00', 'The Kinkajouword dawn.');
  // Two older quarters, and no story after the week.
  const older = dated('winter', '2017-02-10T10:00:00+03:00', 'The Walrusword talks.') + dated('autumn', '2017-11-03T10:00:00+03:00', 'The Ibexword report.');

  /** Write the one story of a fixture block into `built`. */
  const publish = (built: FixtureSite, block: string) => {
    const [header = '', text = ''] = block.replace(/^\n/, '').split(' --\n');
    return built.write(header.replace('-- ', ''), text);
  };

  /** Expect the output of `built` to be, file for file and byte for byte, what a clean build of `stories` gives. */
  const expectCleanBuild = async (built: FixtureSite, stories: string) => {
    const clean = await site(stories);
    await clean.build({ now: beforeEmbargo });
    const files = await clean.files();
    expect(await built.files()).toEqual(files);
    for (const file of files) expect((await readFile(path.join(built.dir, 'dist', file))).equals(await readFile(path.join(clean.dir, 'dist', file))), file).toBe(true);
  };

  it('should publish into the newest day’s block, then make the day whole again, as clean builds of the same stories do', async () => {
    const built = await site(older + week);
    await built.build({ now: beforeEmbargo });
    await publish(built, late);
    const intoBlock = await built.build({ now: beforeEmbargo });
    expect(searchWork(intoBlock.work)).toEqual({ shards: 12, shardsIndexed: 1, shardsReused: 11 });
    // The newest block beside Pagefind's runtime, then the day's other blocks, its other days and the older quarters.
    expect(JSON.parse(await built.read('pagefind/wiredesk-shards.json'))).toEqual({
      merge: ['2018-05-14-h12/', '2018-05-14-h06/', '2018-05-14-h00/', '2018-05-13/', '2018-05-12/', '2018-05-11/', '2018-05-10/', '2018-05-09/', '2018-05-08/', '2017-q4/', '2017-q1/'],
    });
    await expectCleanBuild(built, older + week + late);

    await publish(built, dawn);
    const nextDay = await built.build({ now: beforeEmbargo });
    expect(searchWork(nextDay.work)).toEqual({ shards: 10, shardsIndexed: 2, shardsReused: 8 });
    expect((await built.files()).filter((file) => /^pagefind\/2018-05-14-h\d\d\//.test(file))).toEqual([]);
    expect(JSON.parse(await built.read('pagefind/wiredesk-shards.json'))).toEqual({
      merge: ['2018-05-14/', '2018-05-13/', '2018-05-12/', '2018-05-11/', '2018-05-10/', '2018-05-09/', '2018-05-08/', '2017-q4/', '2017-q1/'],
    });
    await expectCleanBuild(built, older + week + late + dawn);
  });
});
