import type { Article } from './article.js';

/** How far back a Google News sitemap reaches: stories published in the last two days. */
export const newsWindowMs = 48 * 60 * 60 * 1000;

/** The most stories a Google News sitemap may list. */
export const newsStoryLimit = 1000;

/** Whether a story published at `publishedMs` is in the news window at `now`: in the last 48 hours, not in the future. */
function inNewsWindow(publishedMs: number, now: number): boolean {
  return publishedMs > now - newsWindowMs && publishedMs <= now;
}

/**
 * The ids of the stories a news sitemap lists at `now`: published in the 48 hours before it (not
 * after it), in the order given (the site's, newest first), at most `newsStoryLimit`.
 */
export function newsWindowIds(articles: readonly Pick<Article, 'id' | 'date'>[], now: number): string[] {
  const ids: string[] = [];
  for (const article of articles) {
    if (ids.length === newsStoryLimit) break;
    if (inNewsWindow(article.date.epochMs, now)) ids.push(article.id);
  }
  return ids;
}

/**
 * The instants around `now` between which `newsWindowIds` stays the same: the latest instant at or
 * before `now` when a story entered or left the window (or -Infinity), and the next one after it
 * (or +Infinity). A story enters at its date and leaves 48 hours later.
 */
export function newsWindowSpan(articles: readonly Pick<Article, 'date'>[], now: number): { from: number; until: number } {
  let from = Number.NEGATIVE_INFINITY;
  let until = Number.POSITIVE_INFINITY;
  for (const article of articles) {
    for (const edge of [article.date.epochMs, article.date.epochMs + newsWindowMs]) {
      if (edge <= now) from = Math.max(from, edge);
      else until = Math.min(until, edge);
    }
  }
  return { from, until };
}
