import type { Article, DateTime } from './article.js';

/**
 * When a story last changed, as readers and machines are told (`dateModified`, feed update times,
 * sitemap `lastmod`): the latest of its date, its `updated` time and its corrections' times.
 */
export function modifiedAt(article: Pick<Article, 'date' | 'updated' | 'corrections'>): DateTime {
  let latest = article.date;
  if (article.updated && article.updated.epochMs > latest.epochMs) latest = article.updated;
  for (const correction of article.corrections) if (correction.date.epochMs > latest.epochMs) latest = correction.date;
  return latest;
}

/** The latest modified time of some stories (see `modifiedAt`; the first of equal instants), undefined when there are none. */
export function newestModified(articles: readonly Pick<Article, 'date' | 'updated' | 'corrections'>[]): DateTime | undefined {
  let best: DateTime | undefined;
  for (const article of articles) {
    const time = modifiedAt(article);
    if (!best || time.epochMs > best.epochMs) best = time;
  }
  return best;
}
