import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deserialize } from 'node:v8';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/model/article.js';
import type { MadeFiles, SearchBundle } from '../../src/search/bundle.js';
import { blocksFrom, dailyFrom, monthlyFrom, openBlocksFrom, searchBlockOf, searchQuarterOf, searchWeekOf, weeklyFrom } from '../../src/search/period.js';
import { planSearchShards } from '../../src/search/shards.js';
import { readFramedBytes, writeFramed } from '../../src/store/framed-file.js';
import { openStoredShards } from '../../src/store/search-shards.js';

/** The fields of a story that its shard and key depend on. */
const story = (id: string, iso: string, digest = `digest-${id}`) => ({ path: `${id}/`, digest, date: { iso, epochMs: Date.parse(iso), offsetMinutes: 0, dateOnly: false } }) as unknown as Article;

describe('searchQuarterOf', () => {
  it('should name the quarter of the date as the author wrote it, whatever the instant in UTC', () => {
    expect(searchQuarterOf(story('a', '2018-01-01T00:00:00+03:00'))).toBe('2018-q1');
    expect(searchQuarterOf(story('b', '2018-03-31T23:00:00-05:00'))).toBe('2018-q1');
    expect(searchQuarterOf(story('c', '2018-04-01T00:30:00+03:00'))).toBe('2018-q2');
    expect(searchQuarterOf(story('d', '2018-12-31T10:00:00+00:00'))).toBe('2018-q4');
  });
});

describe('searchWeekOf', () => {
  it('should name the week of the month by the day as the author wrote it, the fourth running to the month’s end', () => {
    expect(searchWeekOf(story('a', '2018-05-01T00:30:00+03:00'))).toBe('2018-05-w1');
    expect(searchWeekOf(story('b', '2018-05-07T23:00:00-05:00'))).toBe('2018-05-w1');
    expect(searchWeekOf(story('c', '2018-05-08T10:00:00Z'))).toBe('2018-05-w2');
    expect(searchWeekOf(story('d', '2018-05-21T10:00:00Z'))).toBe('2018-05-w3');
    expect(searchWeekOf(story('e', '2018-05-31T10:00:00Z'))).toBe('2018-05-w4');
  });
});

describe('searchBlockOf', () => {
  it('should name the six hours of the day a story was filed in, by the time as the author wrote it', () => {
    expect(searchBlockOf(story('a', '2018-05-09T00:00:00+03:00'))).toBe('2018-05-09-h00');
    expect(searchBlockOf(story('b', '2018-05-09T05:59:00-05:00'))).toBe('2018-05-09-h00');
    expect(searchBlockOf(story('c', '2018-05-09T06:00:00Z'))).toBe('2018-05-09-h06');
    expect(searchBlockOf(story('d', '2018-05-09T17:30:00+03:00'))).toBe('2018-05-09-h12');
    expect(searchBlockOf(story('e', '2018-05-09T23:59:59+14:00'))).toBe('2018-05-09-h18');
  });
});

describe('planSearchShards', () => {
  const stories = [story('a', '2017-02-01T10:00:00Z'), story('b', '2018-05-01T10:00:00Z'), story('c', '2017-03-01T10:00:00Z'), story('d', '2018-06-01T10:00:00Z')];

  it('should group the stories by quarter, newest quarter first', () => {
    const shards = planSearchShards(stories, 'base');
    expect(shards.map((shard) => [shard.period, shard.articles.map((article) => article.path)])).toEqual([
      ['2018-q2', ['b/', 'd/']],
      ['2017-q1', ['a/', 'c/']],
    ]);
  });

  it('should key a shard by its stories’ paths and bytes, whatever their order, and by the base alone besides', () => {
    const [newest, oldest] = planSearchShards(stories, 'base');
    expect(planSearchShards([...stories].reverse(), 'base').map((shard) => shard.key)).toEqual([newest?.key, oldest?.key]);
    const edited = planSearchShards([stories[0] as Article, stories[1] as Article, story('c', '2017-03-01T10:00:00Z', 'edited'), stories[3] as Article], 'base');
    expect(edited.map((shard) => shard.key)).toEqual([newest?.key, expect.not.stringMatching(oldest?.key ?? '')]);
    const moved = planSearchShards([...stories.slice(0, 3), { ...stories[3], path: 'd2/' } as Article], 'base');
    expect(moved.map((shard) => shard.key)).toEqual([expect.not.stringMatching(newest?.key ?? ''), oldest?.key]);
    expect(planSearchShards(stories, 'other base').map((shard) => shard.key)).not.toContain(newest?.key);
  });

  it('should cut a quarter of many stories into months, and leave the other quarters whole', () => {
    const busy = Array.from({ length: monthlyFrom }, (_, index) => story(`busy-${index}`, `2018-0${4 + (index % 3)}-10T10:00:00Z`));
    const shards = planSearchShards([...busy, ...stories.filter((article) => article.date.iso.startsWith('2017'))], 'base');
    const inMonth = (month: string) => busy.filter((article) => article.date.iso.startsWith(month)).length;
    expect(shards.map((shard) => [shard.period, shard.articles.length])).toEqual([
      ['2018-06', inMonth('2018-06')],
      ['2018-05', inMonth('2018-05')],
      ['2018-04', inMonth('2018-04')],
      ['2017-q1', 2],
    ]);
    // One story fewer: the quarter is whole again.
    expect(planSearchShards(busy.slice(1), 'base').map((shard) => shard.period)).toEqual(['2018-q2']);
  });

  it('should cut a month of many stories into weeks, and leave the quarter’s other months whole', () => {
    const busy = Array.from({ length: weeklyFrom }, (_, index) => story(`busy-${index}`, `2018-05-${String(1 + (index % 31)).padStart(2, '0')}T10:00:00Z`));
    const quiet = Array.from({ length: 3 }, (_, index) => story(`quiet-${index}`, '2018-04-10T10:00:00Z'));
    const shards = planSearchShards([...quiet, ...busy], 'base');
    const inDays = (first: number, last: number) => busy.filter((article) => Number(article.date.iso.slice(8, 10)) >= first && Number(article.date.iso.slice(8, 10)) <= last).length;
    expect(shards.map((shard) => [shard.period, shard.articles.length])).toEqual([
      ['2018-05-w4', inDays(22, 31)],
      ['2018-05-w3', inDays(15, 21)],
      ['2018-05-w2', inDays(8, 14)],
      ['2018-05-w1', inDays(1, 7)],
      ['2018-04', 3],
    ]);
    // One story fewer: the month is whole again.
    expect(planSearchShards([...quiet, ...busy.slice(1)], 'base').map((shard) => shard.period)).toEqual(['2018-05', '2018-04']);
  });

  it('should cut a week of many stories into days, and leave the month’s other weeks whole', () => {
    // A busy week (days 8–14), a third of it on the 10th; a quiet first week in the same month.
    const busy = Array.from({ length: dailyFrom }, (_, index) => story(`busy-${index}`, `2018-05-${String(index % 3 === 0 ? 10 : 8 + (index % 7)).padStart(2, '0')}T10:00:00Z`));
    const quiet = Array.from({ length: 3 }, (_, index) => story(`quiet-${index}`, '2018-05-02T10:00:00Z'));
    const shards = planSearchShards([...quiet, ...busy], 'base');
    const onDay = (day: number) => busy.filter((article) => Number(article.date.iso.slice(8, 10)) === day).length;
    expect(shards.map((shard) => [shard.period, shard.articles.length])).toEqual([
      ['2018-05-14', onDay(14)],
      ['2018-05-13', onDay(13)],
      ['2018-05-12', onDay(12)],
      ['2018-05-11', onDay(11)],
      ['2018-05-10', onDay(10)],
      ['2018-05-09', onDay(9)],
      ['2018-05-08', onDay(8)],
      ['2018-05-w1', 3],
    ]);
    // One story fewer: the week is whole again.
    expect(planSearchShards([...quiet, ...busy.slice(1)], 'base').map((shard) => shard.period)).toEqual(['2018-05-w2', '2018-05-w1']);
  });

  it('should cut a day of many stories into blocks of six hours, newest first among the days and weeks around it', () => {
    // A week busy enough to cut into days, one day of which is busy enough to cut into blocks.
    const hours = ['01', '07', '13', '19'];
    const rush = Array.from({ length: blocksFrom }, (_, index) => story(`rush-${index}`, `2018-05-09T${hours[index % 4]}:15:00+03:00`));
    const rest = Array.from({ length: dailyFrom - blocksFrom + 1 }, (_, index) => story(`rest-${index}`, `2018-05-${index % 2 === 0 ? '08' : 14}T10:00:00+03:00`));
    const around = [story('before', '2018-05-07T23:00:00+03:00'), story('after', '2018-05-15T01:00:00+03:00'), story('later', '2018-05-31T12:00:00+03:00')];
    const month = Array.from({ length: weeklyFrom }, (_, index) => story(`month-${index}`, `2018-05-${String(22 + (index % 7)).padStart(2, '0')}T10:00:00+03:00`));
    const shards = planSearchShards([...around, ...rest, ...rush, ...month], 'base');
    expect(shards.map((shard) => shard.period)).toEqual(['2018-05-w4', '2018-05-w3', '2018-05-14', '2018-05-09-h18', '2018-05-09-h12', '2018-05-09-h06', '2018-05-09-h00', '2018-05-08', '2018-05-w1']);
    expect(shards.find((shard) => shard.period === '2018-05-09-h12')?.articles).toHaveLength(blocksFrom / 4);
    // One story fewer on the busy day: it is one shard again.
    expect(planSearchShards([...around, ...rest, ...rush.slice(1), ...month], 'base').map((shard) => shard.period)).toContain('2018-05-09');
  });

  it('should cut the newest day of a week cut into days into blocks while it is the newest, and make it whole once a later day has a story', () => {
    // 100 a day for seven days (days 8–14), one more on the 8th: the week is cut into days, and its newest, the 14th, holds `openBlocksFrom`.
    const week = Array.from({ length: 7 * openBlocksFrom }, (_, index) =>
      story(`w-${index}`, `2018-05-${String(8 + (index % 7)).padStart(2, '0')}T${String(index % 24).padStart(2, '0')}:00:00+03:00`),
    ).concat(story('extra', '2018-05-08T23:00:00+03:00'));
    const periods = planSearchShards(week, 'base').map((shard) => shard.period);
    expect(periods).toEqual(['2018-05-14-h18', '2018-05-14-h12', '2018-05-14-h06', '2018-05-14-h00', '2018-05-13', '2018-05-12', '2018-05-11', '2018-05-10', '2018-05-09', '2018-05-08']);
    // An older day as full is whole; with one story fewer, the newest day is too.
    expect(
      planSearchShards(
        week.filter((article) => article !== week[6]),
        'base',
      ).map((shard) => shard.period),
    ).toContain('2018-05-14');
    // A story on the next day: the 14th is closed, and whole; the 15th (in the next week, not cut) is its week's.
    const next = [...week, story('next', '2018-05-15T08:00:00+03:00')];
    expect(planSearchShards(next, 'base').map((shard) => shard.period)).toEqual(['2018-05-w3', '2018-05-14', '2018-05-13', '2018-05-12', '2018-05-11', '2018-05-10', '2018-05-09', '2018-05-08']);
  });

  it('should key a story by the digest given for it, when one is given', () => {
    const [newest] = planSearchShards(stories, 'base');
    expect(planSearchShards(stories, 'base', (article) => article.digest)[0]?.key).toBe(newest?.key);
    expect(planSearchShards(stories, 'base', (article) => `other-${article.digest}`)[0]?.key).not.toBe(newest?.key);
  });

  it('should give a site with no live story one empty shard, so the search page still loads', () => {
    expect(planSearchShards([], 'base')).toEqual([{ period: 'none', key: expect.any(String), articles: [], stories: [] }]);
  });
});

describe('the search shards kept in the cache folder', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-search-shards-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const bytes = (text: string) => new TextEncoder().encode(text);
  const made = (key: string, text: string): MadeFiles => ({ key, files: [{ path: 'fragment/a.pf_fragment', digest: `d-${text}`, bytes: bytes(text) }] });
  const bundleOf = (shards: Record<string, MadeFiles>, runtime?: MadeFiles): SearchBundle => ({
    files: [],
    made: new Map(Object.entries(shards)),
    runtime,
    documents: new Map(),
    indexed: Object.keys(shards).length,
    reused: 0,
  });
  const read = async (files: MadeFiles | undefined) => Promise.all((files?.files ?? []).map(async (file) => (typeof file.bytes === 'function' ? await file.bytes() : file.bytes)));

  it('should give back each shard kept for its key, reading its bytes only when asked, and forget shards no longer planned', async () => {
    const first = await openStoredShards(dir);
    await first.keep(
      [
        { period: '2018-q2', key: 'k2', articles: [], stories: [] },
        { period: '2018-q1', key: 'k1', articles: [], stories: [] },
        { period: '2017-05-w4', key: 'kw', articles: [], stories: [] },
        { period: '2017-05-09', key: 'kd', articles: [], stories: [] },
        { period: '2017-05-08-h18', key: 'kh', articles: [], stories: [] },
      ],
      bundleOf(
        { '2018-q2': made('k2', 'newest'), '2018-q1': made('k1', 'older'), '2017-05-w4': made('kw', 'week'), '2017-05-09': made('kd', 'day'), '2017-05-08-h18': made('kh', 'evening') },
        made('r', 'runtime'),
      ),
    );
    const second = await openStoredShards(dir);
    expect((await read(second.shard('2017-05-w4', 'kw'))).map((file) => new TextDecoder().decode(file))).toEqual(['week']);
    expect((await read(second.shard('2017-05-09', 'kd'))).map((file) => new TextDecoder().decode(file))).toEqual(['day']);
    expect((await read(second.shard('2017-05-08-h18', 'kh'))).map((file) => new TextDecoder().decode(file))).toEqual(['evening']);
    expect(second.shard('2018-q2', 'other key')).toBeUndefined();
    expect(second.shard('2018-q1', 'k1')?.files.map((file) => file.digest)).toEqual(['d-older']);
    expect((await read(second.shard('2018-q1', 'k1'))).map((file) => new TextDecoder().decode(file))).toEqual(['older']);
    expect(second.runtime('r')).toBeDefined();

    // The newest shard made again, the older one gone (its stories killed): only the first is kept.
    await second.keep([{ period: '2018-q2', key: 'k3', articles: [], stories: [] }], bundleOf({ '2018-q2': made('k3', 'newer') }));
    expect((await readdir(path.join(dir, 'search'))).sort()).toEqual(['2018-q2.bin', 'index.bin', 'runtime.bin']);
    const third = await openStoredShards(dir);
    expect(third.shard('2018-q1', 'k1')).toBeUndefined();
    expect((await read(third.shard('2018-q2', 'k3'))).map((file) => new TextDecoder().decode(file))).toEqual(['newer']);
    expect(third.runtime('r')).toBeDefined();
  });

  it('should set a shard just made aside in the cache folder, read it back when asked, and rename it into place when kept', async () => {
    const stored = await openStoredShards(dir);
    const staged = await stored.stage?.('2018-q2', made('k2', 'fresh'));
    expect(await readdir(path.join(dir, 'search'))).toEqual(['2018-q2.staged.bin']);
    // Read back from the file, not held: the bytes are a function.
    expect(staged?.files.every((file) => typeof file.bytes === 'function')).toBe(true);
    expect((await read(staged)).map((file) => new TextDecoder().decode(file))).toEqual(['fresh']);
    await stored.keep([{ period: '2018-q2', key: 'k2', articles: [], stories: [] }], bundleOf({ '2018-q2': staged as MadeFiles }, made('r', 'runtime')));
    expect((await readdir(path.join(dir, 'search'))).sort()).toEqual(['2018-q2.bin', 'index.bin', 'runtime.bin']);
    expect((await read((await openStoredShards(dir)).shard('2018-q2', 'k2'))).map((file) => new TextDecoder().decode(file))).toEqual(['fresh']);
  });

  it('should let a shard’s bytes go once each of its files was asked for, and remove what a failed build set aside', async () => {
    const stored = await openStoredShards(dir);
    const two: MadeFiles = { key: 'k', files: ['a', 'b'].map((name) => ({ path: `fragment/${name}.pf_fragment`, digest: `d-${name}`, bytes: bytes(name) })) };
    const staged = (await stored.stage?.('2018-q1', two)) as MadeFiles;
    const [a, b] = staged.files.map((file) => file.bytes as () => Promise<Uint8Array>);
    await a?.();
    await rm(path.join(dir, 'search', '2018-q1.staged.bin'));
    // Still held for the file not yet asked for…
    expect(new TextDecoder().decode(await b?.())).toBe('b');
    // …then let go: asking again reads the file, which is gone.
    await expect(a?.()).rejects.toThrow();
    // A build that failed after setting a shard aside: the next build's keep removes it.
    await (await openStoredShards(dir)).stage?.('2017-q4', made('k4', 'failed'));
    await (await openStoredShards(dir)).keep([{ period: '2018-q1', key: 'k1', articles: [], stories: [] }], bundleOf({ '2018-q1': made('k1', 'older') }, made('r', 'runtime')));
    expect((await readdir(path.join(dir, 'search'))).sort()).toEqual(['2018-q1.bin', 'index.bin', 'runtime.bin']);
  });

  it('should refuse an index whose file paths leave their shard’s folder, or whose digests do not match its files', async () => {
    const shards = [{ period: '2018-q1', key: 'k1', articles: [], stories: [] }];
    await (await openStoredShards(dir)).keep(shards, bundleOf({ '2018-q1': made('k1', 'older') }, made('r', 'runtime')));
    expect((await openStoredShards(dir)).shard('2018-q1', 'k1')?.files.map((file) => file.path)).toEqual(['fragment/a.pf_fragment']);
    const index = path.join(dir, 'search', 'index.bin');
    const entries = deserialize(readFramedBytes(index, 'wiredesk-cache-search-index-2')?.bytes ?? Buffer.alloc(0)) as Record<string, string>[];
    for (const changed of [{ paths: '../escaped.txt' }, { paths: 'fragment/a.pf_fragment\n/etc/passwd' }, { digests: 'one\ntoo many' }]) {
      await writeFramed(
        index,
        'wiredesk-cache-search-index-2',
        entries.map((entry) => (entry.name === '2018-q1' ? { ...entry, ...changed } : entry)),
      );
      expect((await openStoredShards(dir)).shard('2018-q1', 'k1'), JSON.stringify(changed)).toBeUndefined();
    }
  });

  it('should refuse a damaged shard file, and forget the index so that the next build indexes anew', async () => {
    await (await openStoredShards(dir)).keep([{ period: '2018-q1', key: 'k1', articles: [], stories: [] }], bundleOf({ '2018-q1': made('k1', 'older') }, made('r', 'runtime')));
    await writeFile(path.join(dir, 'search', '2018-q1.bin'), 'damaged');
    const kept = await openStoredShards(dir);
    await expect(read(kept.shard('2018-q1', 'k1'))).rejects.toThrow(/damaged/);
    expect((await openStoredShards(dir)).shard('2018-q1', 'k1')).toBeUndefined();
  });
});
