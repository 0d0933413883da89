import type { Article, DateTime } from '../model/article.js';
import { newsWindowSpan } from '../model/news-window.js';
import type { Schedule } from '../model/site.js';

/** Why a story is not on the site at a given instant. */
export type Hidden = 'embargoed' | 'withheld';

/** The next embargo to lift after the build's instant, and whose it is. */
export interface NextEmbargo {
  readonly at: DateTime;
  readonly displayPath: string;
}

/** The stories a build publishes at an instant, split by what happens to them. */
export interface Visibility {
  /** Stories on the site: pages, lists, feeds, sitemaps, search. */
  readonly live: readonly Article[];
  /** Killed stories (`status: canceled`) whose embargo, if any, has lifted: a notice at their URL and in feeds. */
  readonly withdrawn: readonly Article[];
  /** Stories absent everywhere: embargoed until a later instant, or withheld. */
  readonly hidden: readonly Article[];
  /** The earliest embargo still to lift, if any. */
  readonly nextEmbargo?: NextEmbargo;
  /**
   * The instants between which the same stories are visible: the latest embargo that has lifted
   * (or -Infinity) and the next one to lift (or +Infinity). A build's output stays right while
   * the clock is inside.
   */
  readonly window: { readonly from: number; readonly until: number };
}

/** Why a story is hidden at `now`, or undefined when it is visible (live or withdrawn). */
export function hiddenReason(article: Article, now: number): Hidden | undefined {
  if (article.status === 'withheld') return 'withheld';
  if (article.embargo && article.embargo.epochMs > now) return 'embargoed';
  return undefined;
}

/** Split stories by what the site shows of them at `now` (milliseconds since the epoch). */
export function visibilityAt(articles: readonly Article[], now: number): Visibility {
  const live: Article[] = [];
  const withdrawn: Article[] = [];
  const hidden: Article[] = [];
  let from = Number.NEGATIVE_INFINITY;
  let next: NextEmbargo | undefined;
  for (const article of articles) {
    const embargo = article.embargo;
    if (embargo && article.status !== 'withheld') {
      if (embargo.epochMs <= now) from = Math.max(from, embargo.epochMs);
      else if (!next || embargo.epochMs < next.at.epochMs || (embargo.epochMs === next.at.epochMs && article.displayPath < next.displayPath)) {
        next = { at: embargo, displayPath: article.displayPath };
      }
    }
    if (hiddenReason(article, now)) hidden.push(article);
    else if (article.status === 'canceled') withdrawn.push(article);
    else live.push(article);
  }
  const window = { from, until: next ? next.at.epochMs : Number.POSITIVE_INFINITY };
  return { live, withdrawn, hidden, window, ...(next ? { nextEmbargo: next } : {}) };
}

/**
 * The embargoes around `now` and the span of time the site is right for: while the same stories
 * are visible, and (the news sitemap changing as stories enter and leave its two-day window)
 * while the same live stories are in that window.
 */
export function scheduleOf(visibility: Visibility, live: readonly Pick<Article, 'date'>[], now: number): Schedule {
  return { window: narrowest(visibility.window, newsWindowSpan(live, now)), ...(visibility.nextEmbargo ? { nextEmbargo: visibility.nextEmbargo } : {}) };
}

/** The span of time inside both spans. */
function narrowest(a: { from: number; until: number }, b: { from: number; until: number }): { from: number; until: number } {
  return { from: Math.max(a.from, b.from), until: Math.min(a.until, b.until) };
}
