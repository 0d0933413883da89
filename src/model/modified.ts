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
