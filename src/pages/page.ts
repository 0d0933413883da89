import type { Site } from '../model/site.js';

/** The closed set of page kinds wiredesk writes, named once. */
export const pageKinds = [
  'article',
  'home',
  'section',
  'topic',
  'tag',
  'section-index',
  'topic-index',
  'tag-index',
  'feed-index',
  'not-found',
  'withdrawn',
  'page',
  'search',
  'feed',
  'sitemap',
  'robots',
  'headers',
  'asset',
] as const;

/** A kind of page. */
export type PageKind = (typeof pageKinds)[number];

/**
 * What a page reads to render, as planned: which articles and collections (structure: which
 * stories a list shows, in which order). A page must be rendered again when this list changes, or
 * when anything it names changes: an article (all of it), an article's teaser or stamp (the fields
 * renders were recorded reading of teasers or stamps, see `readRecorder`), or a collection key
 * (`tag/japan`: its name, URL and count; `home`: the story count; `sections`: the navigation;
 * `tag-index`…). A render that reads an article or a collection not named here fails. A planner
 * may make a field (a list page's `place`) only when it is first read: read the fields by name,
 * never by spreading or serializing the object.
 */
export interface PageDeps {
  /** Ids of articles the page shows in full (their page, feed items). */
  readonly articles: readonly string[];
  /** Ids of articles the page shows as teasers or links, in the order shown: what of them it reads is recorded. */
  readonly teasers: readonly string[];
  readonly collections: readonly string[];
  /**
   * Ids of articles the page reads only where they are and when they last changed (a sitemap's
   * `loc` and `lastmod`): a new headline or body leaves such a page alone.
   */
  readonly stamps?: readonly string[];
  /**
   * What the page shows that is planned from the site as it is now: where a list page sits among
   * its list's pages, as its navigation shows it (the archive pages of a list depend on it, not on
   * how many stories the list has); a sitemap's list pages with their lastmods, which its `stamps`
   * decide.
   */
  readonly place?: string;
  /**
   * True when `place` holds all the page shows of its `stamps` (a sitemap index: its files'
   * lastmods, planned from every story's): the page's digest reads its place, and its stamps only
   * name the stories whose change plans it anew.
   */
  readonly stampsInPlace?: boolean;
}

/** One output file: its URL path, kind, what it depends on, and how to produce its bytes. */
export interface Page {
  /** Site-relative URL path: `…/` for pretty URLs (written as `…/index.html`), else a file name. */
  readonly path: string;
  readonly kind: PageKind;
  readonly deps: PageDeps;
  /**
   * For a list page or a feed: the collection key (`home` for every live story) whose stories its
   * dependencies are planned from. When stories are only added at the top of the archive, a page
   * whose collection did not change keeps its dependencies (see `kindsKeptByAdditions`).
   */
  readonly listOf?: string;
  /**
   * Produce the file's contents from the site as it is now: a page plan keeps only ids, so it
   * stays valid while an edit leaves the site's shape alone. Called by the write stage (once, so
   * output can be streamed) or by the dev server (on request), with the site seen through a
   * recorder's view (see `ReadRecorder.view`).
   */
  readonly render: (site: Site) => string | Uint8Array;
}

/** The collection key of a section, topic or tag, as used in `PageDeps.collections`. */
export function collectionKey(kind: string, slug: string): string {
  return `${kind}/${slug}`;
}

/** The key of what a collection is called and where it is (not what it holds), as used in `PageDeps.collections`. */
export function collectionNameKey(kind: string, slug: string): string {
  return `name:${kind}/${slug}`;
}
