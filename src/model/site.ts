import type { Article, DateTime, TermKind } from './article.js';
import type { SiteConfig } from './config.js';
import { wholeArticle } from '../store/lazy-article.js';
import { createRenderMemo, type RenderMemo } from './render-memo.js';
import type { SitePage } from './site-page.js';

/** All stories filed under one section, topic or tag, newest first. */
export interface Collection {
  readonly kind: TermKind;
  /** The name as first written (by the newest story that uses this slug). */
  readonly name: string;
  readonly slug: string;
  /** Site-relative path of the collection's first page, e.g. `topics/spief-2018/`. */
  readonly path: string;
  /** Site-relative path of the collection's RSS feed, e.g. `topics/spief-2018/feed.xml`. */
  readonly feedPath: string;
  /** Ids of the collection's stories, in the site's default order (newest first, then id). */
  readonly articleIds: readonly string[];
}

/** An article with its references resolved against the whole site. */
export interface LinkedArticle extends Article {
  /** For each body reference (by index), the id of the story it points at. */
  readonly linkedIds: readonly string[];
  /** Ids of the related stories: the author's, in their order, or else computed from shared topics and tags (see `computeRelated`). */
  readonly relatedIds: readonly string[];
}

/** The resolved site: every article and every collection, as immutable values. */
export interface Site {
  readonly config: SiteConfig;
  /** Every article in the default order: newest first, then by id. */
  readonly articles: readonly LinkedArticle[];
  readonly byId: ReadonlyMap<string, LinkedArticle>;
  /** Collections of each kind, sorted by name. */
  readonly sections: readonly Collection[];
  readonly topics: readonly Collection[];
  readonly tags: readonly Collection[];
  /** Look up the collection of a kind by slug. */
  readonly collection: (kind: TermKind, slug: string) => Collection | undefined;
  /** Story-folder files that pages use (lead images), by path relative to `stories/`. */
  readonly usedAssets: readonly string[];
  /** Killed stories (`status: canceled`), newest first: their URL serves a notice, feeds carry it. */
  readonly withdrawn: readonly LinkedArticle[];
  /** When the set of published stories changes next, by the clock alone. */
  readonly schedule: Schedule;
  /** The pages of the site's `pages/` folder, sorted by file (absent: none). */
  readonly pages?: readonly SitePage[];
  /** Site-relative href of the site's own stylesheet (`assets/site.css?v=<hash>`), when `static/` has one. */
  readonly siteStylesheet?: string;
  /** Site-relative path of the theme's stylesheet, named after its bytes (`assets/style.<hash>.css`, see `loadTheme`); every page links it. */
  readonly stylesheetPath?: string;
  /** Site-relative path of the theme's relative-time script, named after its bytes (`assets/relative-time.<hash>.js`, see `loadTheme`); list pages link it. */
  readonly relativeTimeScriptPath?: string;
  /** What this site's pages keep for one another while they render (see `RenderMemo`): the site's own, never posted to another thread. */
  readonly memo: RenderMemo;
}

/** A site without its lookup function and memo: a plain value that can be posted to another thread. */
export type PlainSite = Omit<Site, 'collection' | 'memo'>;

/** The site of a plain site value: its collection lookup built from its sections, topics and tags, and a new, empty render memo. */
export function siteWithLookup(plain: PlainSite): Site {
  // By kind, then slug: a lookup builds no key string (story pages look up every term of 10,000 stories).
  const index: Record<TermKind, Map<string, Collection>> = { section: new Map(), topic: new Map(), tag: new Map() };
  for (const list of [plain.sections, plain.topics, plain.tags]) for (const collection of list) index[collection.kind].set(collection.slug, collection);
  return { ...plain, collection: (kind: TermKind, slug: string) => index[kind].get(slug), memo: createRenderMemo() };
}

/** The site as a plain value (without its lookup function, every article read whole), to post to another thread. */
export function plainSite(site: Site): PlainSite {
  const { config, sections, topics, tags, usedAssets, schedule, pages, siteStylesheet, stylesheetPath, relativeTimeScriptPath } = site;
  const articles = site.articles.map(wholeArticle);
  const withdrawn = site.withdrawn.map(wholeArticle);
  const byId = new Map([...site.byId].map(([id, article]) => [id, wholeArticle(article)]));
  const own = {
    ...(pages ? { pages } : {}),
    ...(siteStylesheet === undefined ? {} : { siteStylesheet }),
    ...(stylesheetPath === undefined ? {} : { stylesheetPath }),
    ...(relativeTimeScriptPath === undefined ? {} : { relativeTimeScriptPath }),
  };
  return { config, articles, byId, sections, topics, tags, usedAssets, withdrawn, schedule, ...own };
}

/** The embargoes around the build's instant: its output stays right while the clock is inside `window`. */
export interface Schedule {
  /** The latest embargo already lifted (or -Infinity) and the next one to lift (or +Infinity), in epoch milliseconds. */
  readonly window: { readonly from: number; readonly until: number };
  /** The next embargo to lift, and the story it holds back. */
  readonly nextEmbargo?: { readonly at: DateTime; readonly displayPath: string };
}

/** The URL folder of each collection kind. */
export const collectionFolders: Readonly<Record<TermKind, string>> = { section: 'sections', topic: 'topics', tag: 'tags' };

/** The site's default order: newest first, then by id, so equal times sort the same on every build. */
export function byNewest(a: Pick<Article, 'date' | 'id'>, b: Pick<Article, 'date' | 'id'>): number {
  return b.date.epochMs - a.date.epochMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The stories a body's references point at, by reference index: undefined where a reference is not linked. */
export function referenceTargets(site: Pick<Site, 'byId'>, article: LinkedArticle): (LinkedArticle | undefined)[] {
  return article.linkedIds.map((id) => site.byId.get(id));
}

/** The articles with the given ids, in that order, skipping ids the site does not have. */
export function articlesWithIds(site: Pick<Site, 'byId'>, ids: readonly string[]): LinkedArticle[] {
  return ids.flatMap((id) => {
    const article = site.byId.get(id);
    return article ? [article] : [];
  });
}

/** Whether two lists name the same ids in the same order. */
export function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}
