import { hash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Article } from '../model/article.js';
import { dayOfIso, periodOrder, periodsOfDays, searchBlockOf } from './period.js';

/** One shard of the search index: the live stories of one publication period, and the key of what it indexes. */
export interface SearchShard {
  /** The period (`2018-q2`, `2018-05` in a quarter cut into months, `2018-05-w2` in a month cut into weeks, `2018-05-09` in a week cut into days, `2018-05-09-h12` in a day cut into blocks of six hours; see `periodsOfDays`), or `none` for the empty index of a site with no live story. */
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
  // Each story's date read once (a story from the cache answers through its lazy article), and the
  // periods worked out once per day: whether a period is cut depends on how many stories it holds.
  const days = articles.map((article) => dayOfIso(article.date.iso));
  const inDay = new Map<string, number>();
  for (const day of days) inDay.set(day, (inDay.get(day) ?? 0) + 1);
  const periodOfDay = periodsOfDays(inDay);
  const byPeriod = new Map<string, Article[]>();
  articles.forEach((article, at) => {
    const period = periodOfDay.get(days[at] ?? '') ?? searchBlockOf(article);
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
