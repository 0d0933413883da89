import type { VFileMessage } from 'vfile-message';
import type { Article, TermKind } from '../model/article.js';
import type { SiteConfig } from '../model/config.js';
import { byNewest, siteWithLookup, type Collection, type Site } from '../model/site.js';
import type { Page, PageKind } from '../render/page.js';
import { computeRelated, relatedWindow } from '../pipeline/related.js';
import { collectionOf, collectionOrder, linkArticle, noneLeftOut, scheduleOf, termsOf } from '../pipeline/resolve.js';
import { hiddenReason, visibilityAt } from '../pipeline/visibility.js';
import { paginate } from '../render/paginate.js';
import { sameSitemapFiles } from '../render/sitemap-pages.js';
import { collectionFingerprints } from './fingerprints.js';
import { framedArticles, siteShape, type SiteFrame } from './site-frame.js';

/**
 * The site of a build that added stories at the top of the last one, the collection keys whose
 * fingerprint changed, and the paths of the pages that list the same stories in the same place as
 * before: archive pages of those collections older than the newest few, and the full files of
 * stories of a split sitemap.
 */
export interface ExtendedSite {
  readonly site: Site;
  readonly changedCollections: ReadonlySet<string>;
  readonly unchangedListPages: ReadonlySet<string>;
}

const kindsKeptByAdditions: ReadonlySet<PageKind> = new Set<PageKind>(['article', 'withdrawn', 'robots', 'asset']);

/**
 * Whether a page's dependencies stay what they were when stories are added at the top, the
 * collections of `changedCollections` changed: a story page (or a killed story's notice) reads its
 * own links, related stories and terms, which a newer story never changes, and a list page or a
 * feed lists the same stories while its collection does, as does a list page of a changed
 * collection that lists the same stories in the same place (see `ExtendedSite`), or a full file of
 * stories of a split sitemap. The others (the first and newest pages and the feeds of changed
 * collections, the other sitemaps, indexes, the 404 and search pages) are planned anew, so what
 * they read is digested again.
 */
export function keepsDepsAfterAdditions(page: Pick<Page, 'kind' | 'listOf' | 'path'>, extended: Omit<ExtendedSite, 'site'>): boolean {
  if (kindsKeptByAdditions.has(page.kind)) return true;
  if (page.kind === 'sitemap') return extended.unchangedListPages.has(page.path);
  return page.listOf !== undefined && (!extended.changedCollections.has(page.listOf) || (page.kind !== 'feed' && extended.unchangedListPages.has(page.path)));
}

/**
 * The site resolving would give for stories that are the last build's, each with the shape it had
 * then (`previousShapes`, by story path, which the frame was resolved from), plus new ones: the
 * frame with the new stories added at the top. That needs no resolving of the others, and holds
 * when every new story is live at `now`, newer than every live story of the frame, has an id of
 * its own, links and names as related only stories that exist (not itself), and spells each of
 * its sections, topics and tags as the site does (a new one is added). Undefined otherwise, or
 * when the frame kept a spelling warning (then resolve the site).
 */
export function extendFrame(
  frame: SiteFrame,
  previousShapes: ReadonlyMap<string, string | undefined>,
  articles: readonly Article[],
  shapes: ReadonlyMap<string, string | undefined>,
  config: SiteConfig,
  now: number,
): ExtendedSite | undefined {
  if (frame.messages.some((message) => message.ruleId === 'slug-collision')) return undefined;
  const added = addedStories(previousShapes, articles, shapes);
  if (!added || added.length === 0) return undefined;
  // The cache and the frame are the same build's (its index vouches for both): a check that costs little.
  const inPathOrder = [...previousShapes].sort(([a], [b]) => (a < b ? -1 : 1));
  if (siteShape(inPathOrder.map(([, shape]) => shape ?? '')) !== frame.shape) return undefined;
  const byId = new Map<string, Article>();
  const bySource = new Map<string, Article>();
  for (const article of articles) {
    if (byId.has(article.id)) return undefined;
    byId.set(article.id, article);
    bySource.set(article.source, article);
  }
  const oldLive = framedArticles(frame.live, byId);
  const withdrawn = framedArticles(frame.withdrawn, byId);
  const newest = oldLive?.[0];
  const last = added.at(-1);
  if (!oldLive || !withdrawn || !last || added.some((article) => hiddenReason(article, now) || article.status === 'canceled')) return undefined;
  if (newest && byNewest(last, newest) >= 0) return undefined;

  const shown = new Set<Article>([...added, ...frame.live.map(([id]) => byId.get(id) as Article)]);
  const lookup = { bySource, byId, shown, computedRelated: relatedOfAdded(added, oldLive, config.relatedCount), leftOut: noneLeftOut };
  const messages: VFileMessage[] = [];
  const linkedAdded = added.map((article) => linkArticle(article, lookup, messages));
  if (messages.length > 0) return undefined;
  const sections = withAdded(frame.sections, 'section', added);
  const topics = withAdded(frame.topics, 'topic', added);
  const tags = withAdded(frame.tags, 'tag', added);
  if (!sections || !topics || !tags) return undefined;

  const linked = [...linkedAdded, ...oldLive];
  const usedAssets = [...new Set([...frame.usedAssets, ...added.flatMap((article) => (article.image?.source ? [article.image.source] : []))])].sort();
  const site = siteWithLookup({
    config,
    articles: linked,
    byId: new Map(linked.map((article) => [article.id, article])),
    sections,
    topics,
    tags,
    usedAssets,
    withdrawn,
    schedule: scheduleOf(visibilityAt(articles, now), linked, now),
  });
  return { site, ...changesSince(frame, site) };
}

/**
 * What the new stories changed: the collection keys whose fingerprint is not the frame's, and the
 * list pages of the grown lists (home, sections, topics, tags) that list the same stories in the
 * same place as before.
 */
function changesSince(frame: SiteFrame, site: Site): Omit<ExtendedSite, 'site'> {
  const before = collectionFingerprints({ liveCount: frame.live.length, sections: frame.sections, topics: frame.topics, tags: frame.tags });
  const after = collectionFingerprints({ liveCount: site.articles.length, sections: site.sections, topics: site.topics, tags: site.tags });
  const changedCollections = new Set([...after].filter(([key, print]) => before.get(key) !== print).map(([key]) => key));
  const lists: [readonly string[], readonly string[], string][] = [[frame.live.map(([id]) => id), site.articles.map((article) => article.id), '']];
  for (const [was, is] of [
    [frame.sections, site.sections],
    [frame.topics, site.topics],
    [frame.tags, site.tags],
  ] as const) {
    const old = new Map(was.map((collection) => [collection.slug, collection]));
    for (const collection of is) {
      const previous = old.get(collection.slug);
      if (previous && previous.articleIds !== collection.articleIds) lists.push([previous.articleIds, collection.articleIds, collection.path]);
    }
  }
  const unchangedListPages = samePages(lists, site.config.pageSize);
  for (const path of sameSitemapFiles(frame.live.map(([id]) => id), site.articles.map((article) => article.id))) unchangedListPages.add(path);
  return { changedCollections, unchangedListPages };
}

/** The paths of the pages that list the same stories in the same place before and after, for lists (ids newest first) at their paths. */
function samePages(lists: readonly (readonly [before: readonly string[], after: readonly string[], path: string])[], pageSize: number): Set<string> {
  const same = new Set<string>();
  for (const [before, after, path] of lists) {
    const was = new Map(paginate(before, pageSize, path).map((page) => [page.path, JSON.stringify(page)]));
    for (const page of paginate(after, pageSize, path)) if (was.get(page.path) === JSON.stringify(page)) same.add(page.path);
  }
  return same;
}

/**
 * The related stories of the new stories, computed as for the whole site (see `computeRelated`):
 * their candidates are the older stories that share a topic or a tag with them, in the same
 * order, so the others can be left out of the computation.
 */
function relatedOfAdded(added: readonly Article[], older: readonly Article[], count: number): ReadonlyMap<string, readonly string[]> {
  const topics = new Set(added.flatMap((article) => article.topics.map((term) => term.slug)));
  const tags = new Set(added.flatMap((article) => article.tags.map((term) => term.slug)));
  const candidates = older.filter((article) => article.topics.some((term) => topics.has(term.slug)) || article.tags.some((term) => tags.has(term.slug)));
  return computeRelated([...added, ...candidates], count, relatedWindow, new Set(added.map((article) => article.id)));
}

/** The stories not in the last build, newest first; undefined when one of the others is gone or changed shape. */
function addedStories(previousShapes: ReadonlyMap<string, string | undefined>, articles: readonly Article[], shapes: ReadonlyMap<string, string | undefined>): Article[] | undefined {
  const added: Article[] = [];
  let kept = 0;
  for (const article of articles) {
    if (!previousShapes.has(article.source)) added.push(article);
    else if (previousShapes.get(article.source) === shapes.get(article.source) && shapes.get(article.source) !== undefined) kept++;
    else return undefined;
  }
  return kept === previousShapes.size ? added.sort(byNewest) : undefined;
}

/**
 * A kind's collections with the new stories (newest first, all newer than the rest) at the top of
 * each they are filed under, and new collections for new terms; undefined when a story spells a
 * term otherwise than the collection is named (resolving would rename it, with a warning).
 */
function withAdded(collections: readonly Collection[], kind: TermKind, added: readonly Article[]): Collection[] | undefined {
  const bySlug = new Map(collections.map((collection) => [collection.slug, collection]));
  const grown = new Map<string, { name: string; ids: string[] }>();
  for (const article of added) {
    for (const term of termsOf(article, kind)) {
      const group = grown.get(term.slug) ?? { name: bySlug.get(term.slug)?.name ?? term.name, ids: [] };
      if (group.name !== term.name) return undefined;
      if (group.ids.at(-1) !== article.id) group.ids.push(article.id);
      grown.set(term.slug, group);
    }
  }
  if (grown.size === 0) return [...collections];
  const result = collections.map((collection) => {
    const group = grown.get(collection.slug);
    return group ? { ...collection, articleIds: [...group.ids, ...collection.articleIds] } : collection;
  });
  for (const [slug, group] of grown) if (!bySlug.has(slug)) result.push(collectionOf(kind, slug, group.name, group.ids));
  return result.sort(collectionOrder);
}
