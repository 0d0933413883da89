import { hash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Article } from '../model/article.js';
import { monthlyFrom, periodOrder, searchMonthOf, searchQuarterOf, searchWeekIn, weekSuffix, weeklyFrom } from './period.js';

/** One shard of the search index: the live stories of one publication period, and the key of what it indexes. */
export interface SearchShard {
  /** The period (`2018-q2`, `2018-05` in a quarter cut into months, `2018-05-w2` in a month cut into weeks), or `none` for the empty index of a site with no live story. */
  readonly period: string;
  /** Equal keys, equal records: the digest of every story's path and file bytes, the period, and `keyBase`. */
  readonly key: string;
  readonly articles: readonly Article[];
  /** Each story's path and file digest (`path\u0000digest`), in the order of `articles`: what its search record is kept by (see `KeptShards.record`). */
  readonly stories: readonly string[];
}

/** The name of the one shard of a site with no live story: an empty index, so the search page still loads. */
export const emptyPeriod = 'none';

/**
 * The shards of the search index of `articles` (the site's live stories), newest period first.
 * A story's record is made from its model alone (see `storySearchDocument`), which is a function of its
 * file's bytes, its path and the settings and code that `keyBase` covers: a shard's key is the digest of these.
 * `digestOf` gives a story file's digest: by default the article's own, which a story read from the
 * cache holds only in its serialized fields (the build passes the digests it scanned instead).
 */
export function planSearchShards(articles: readonly Article[], keyBase: string, digestOf: (article: Article) => string = (article) => article.digest): SearchShard[] {
  // Each story's date read once (a story from the cache answers through its lazy article), and its
  // periods worked out once per month: whether a period is cut depends on how many stories it holds.
  const isos = articles.map((article) => article.date.iso);
  const monthOf = isos.map(monthPrefix);
  const months = new Map<string, { readonly quarter: string; readonly period: string; count: number }>();
  articles.forEach((article, at) => {
    const month = monthOf[at] ?? '';
    const found = months.get(month);
    if (found) found.count++;
    else months.set(month, { quarter: searchQuarterOf(article), period: searchMonthOf(article), count: 1 });
  });
  const inQuarter = new Map<string, number>();
  const inMonth = new Map<string, number>();
  for (const { quarter, period, count } of months.values()) {
    inQuarter.set(quarter, (inQuarter.get(quarter) ?? 0) + count);
    inMonth.set(period, (inMonth.get(period) ?? 0) + count);
  }
  // The period of a month's stories: its quarter, the month, or its four weeks (see `searchWeekOf`),
  // named once a month: an archive of 100,000 stories has its months cut into weeks.
  const periodsOfMonth = new Map<string, string | readonly string[]>();
  for (const [month, { quarter, period }] of months) {
    const cut = (inQuarter.get(quarter) ?? 0) < monthlyFrom ? quarter : (inMonth.get(period) ?? 0) < weeklyFrom ? period : undefined;
    periodsOfMonth.set(month, cut ?? [1, 2, 3, 4].map((week) => `${period}${weekSuffix(week)}`));
  }
  const byPeriod = new Map<string, Article[]>();
  articles.forEach((article, at) => {
    const periods = periodsOfMonth.get(monthOf[at] ?? '') ?? '';
    const period = typeof periods === 'string' ? periods : (periods[searchWeekIn(isos[at] ?? '') - 1] ?? '');
    const list = byPeriod.get(period);
    if (list) list.push(article);
    else byPeriod.set(period, [article]);
  });
  if (byPeriod.size === 0) byPeriod.set(emptyPeriod, []);
  return [...byPeriod]
    .map(([period, list]) => ({ period, order: periodOrder(period), list }))
    .sort((a, b) => (a.order < b.order ? 1 : a.order > b.order ? -1 : 0))
    .map(({ period, list }) => {
      // In path order: a shard's bytes depend on the order its stories are indexed in, never on the site's order.
      const sorted = list.map((article) => ({ article, path: article.path })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      const stories = sorted.map(({ article, path: at }) => `${at}\u0000${digestOf(article)}`);
      return { period, key: hash('sha256', [keyBase, period, ...stories].join('\u0001'), 'hex'), articles: sorted.map(({ article }) => article), stories };
    });
}

/** The year and month of an ISO date as written (`2018-05`): what a story's quarter and month are made from (see `searchQuarterOf`). */
function monthPrefix(iso: string): string {
  const first = iso.indexOf('-');
  const second = first < 0 ? -1 : iso.indexOf('-', first + 1);
  return second < 0 ? iso : iso.slice(0, second);
}

/**
 * The base of every shard's key: Pagefind's package (its version and binaries' versions), and the
 * code and settings a record is made with (any change to them makes every shard anew).
 */
export function searchKeyBase(code: string, settings: string): string {
  return hash('sha256', [pagefindPackage() ?? 'unknown', code, settings].join('\u0001'), 'hex');
}

/** A digest of Pagefind's package.json (its version, and the version of each platform binary it pins), or undefined when it is not found. */
function pagefindPackage(): string | undefined {
  try {
    // Where Node resolves `pagefind` from here (the folders `require` would look in): the CommonJS copy of the bundle has no `import.meta.resolve`.
    const folders = createRequire(import.meta.url).resolve.paths('pagefind') ?? [];
    const manifest = folders.map((folder) => path.join(folder, 'pagefind', 'package.json')).find((file) => existsSync(file));
    return manifest === undefined ? undefined : hash('sha256', readFileSync(manifest), 'hex');
  } catch {
    return undefined;
  }
}
