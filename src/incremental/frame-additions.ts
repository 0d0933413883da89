import type { VFileMessage } from 'vfile-message';
import type { Article, TermKind } from '../model/article.js';
import type { SiteConfig } from '../model/config.js';
import { byNewest, sameIds, siteWithLookup, type Collection, type LinkedArticle, type Schedule, type Site } from '../model/site.js';
import { linkedArticleOf } from '../store/lazy-article.js';
import type { Page, PageKind } from '../pages/page.js';
import { relatedAffected, relatedOf } from './added-related.js';
import { collectionOf, collectionOrder, termsOf } from '../pipeline/collections.js';
import { linkArticles, noneLeftOut } from '../pipeline/link.js';
import { hiddenReason, scheduleOf, visibilityAt } from '../pipeline/visibility.js';
import { samePages } from '../pages/paginate.js';
import { sameSitemapFiles } from '../pages/sitemap-pages.js';
import { collectionFingerprints } from './fingerprints.js';
import { framedArticles, type SiteFrame } from './site-frame.js';
import { addedStories, siteShapeOf, type StoryShapes } from './added-stories.js';

/**
 * The site of a build that added stories to the last one, the collection keys whose fingerprint
 * changed, and the paths of the pages that list the same stories in the same place as before:
 * archive pages of those collections older than the new stories, and the full files of stories
 * of a split sitemap.
 */
export interface ExtendedSite {
  readonly site: Site;
  readonly changedCollections: ReadonlySet<string>;
  readonly unchangedListPages: ReadonlySet<string>;
  /**
   * The older stories whose computed related stories changed (a new story dated before them
   * became one), by id: whatever reads them in full, their own pages first, reads a change.
   */
  readonly relinked: ReadonlySet<string>;
}

const kindsKeptByAdditions: ReadonlySet<PageKind> = new Set<PageKind>(['article', 'withdrawn', 'page', 'robots', 'headers', 'asset']);

/**
 * Whether a page's dependencies stay what they were when stories are added, the collections of
 * `changedCollections` changed: a story page (or a killed story's notice) reads its own links,
 * related stories and terms, which a new story changes only for the stories of `relinked` (whose
 * pages read their own story, so a change), and a list page or a
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
 * then (`shapes.previous`, by story path, which the frame was resolved from), plus new ones: the
 * frame with the new stories in their place (at the top, when they are the newest). That needs no
 * resolving of the others, but for the related stories of the older ones a new story dated
 * before them shares a topic or a tag with; and holds when every new story is live at `now`, has
 * an id of its own, links and names as related only stories that exist (not itself), and spells
 * each of its sections, topics and tags as the site does (a new one is added). Undefined
 * otherwise, or when the frame kept a spelling or menu-section warning (then resolve the site).
 */
export function extendFrame(frame: SiteFrame, shapes: StoryShapes, articles: readonly Article[], config: SiteConfig, now: number): ExtendedSite | undefined {
  // A spelling warning, or a menu section with no stories (a new story may file one there), needs the site resolved.
  if (frame.messages.some((message) => message.ruleId === 'slug-collision' || message.ruleId === 'unknown-menu-section')) return undefined;
  const added = addedStories(shapes, articles);
  if (!added || added.length === 0) return undefined;
  // The cache and the frame are the same build's (its index vouches for both): a check that costs little.
  if (siteShapeOf(shapes.previous) !== frame.shape) return undefined;
  const byId = new Map<string, Article>();
  for (const article of articles) {
    if (byId.has(article.id)) return undefined;
    byId.set(article.id, article);
  }
  const oldLive = framedArticles(frame.live, byId);
  const withdrawn = framedArticles(frame.withdrawn, byId);
  if (!oldLive || !withdrawn || added.some((article) => hiddenReason(article, now) || article.status === 'canceled')) return undefined;
  const newestFirst = (a: string, b: string) => byNewest(byId.get(a) as Article, byId.get(b) as Article);
  const sections = withAdded(frame.sections, 'section', added, newestFirst);
  const topics = withAdded(frame.topics, 'topic', added, newestFirst);
  const tags = withAdded(frame.tags, 'tag', added, newestFirst);
  if (!sections || !topics || !tags) return undefined;

  // A new story dated before some older ones may become one of their related stories: theirs are computed again.
  const older = relatedAffected(added, { topic: topics, tag: tags }, byId);
  const computedRelated = relatedOf([...added, ...older], { topic: topics, tag: tags }, byId, config.relatedCount);
  if (!computedRelated) return undefined;
  // Only the new stories are linked: the sources of stories are looked up only when one of them links any.
  const bySource = added.some((article) => article.references.length > 0) ? new Map(articles.map((article) => [article.source, article])) : new Map<string, Article>();
  const liveBefore = frame.live.map(([id]) => id);
  const lookup = { bySource, byId, shown: shownTargets(added, bySource, byId, liveBefore), computedRelated, leftOut: noneLeftOut };
  const messages: VFileMessage[] = [];
  const linkedAdded = linkArticles(added, lookup, messages);
  if (messages.length > 0) return undefined;
  const relinked = new Map<string, LinkedArticle>();
  const oldById = olderIn(oldLive, liveBefore, older);
  for (const story of older) {
    const before = oldById.get(story.id);
    const relatedIds = computedRelated.get(story.id) ?? [];
    if (before && !sameIds(before.relatedIds, relatedIds)) relinked.set(story.id, linkedArticleOf(story, before.linkedIds, relatedIds));
  }

  const live = mergedInOrder(oldLive, liveBefore, linkedAdded, relinked);
  const usedAssets = [...new Set([...frame.usedAssets, ...added.flatMap((article) => (article.image?.source ? [article.image.source] : []))])].sort();
  const site = siteWithLookup({
    config,
    articles: live.articles,
    byId: live.byId,
    sections,
    topics,
    tags,
    usedAssets,
    withdrawn,
    schedule: scheduleWith(frame.schedule, added, now),
  });
  return { site, ...changesSince(frame, site, liveBefore, live.ids), relinked: new Set(relinked.keys()) };
}

/**
 * The frame's schedule with the new stories in it (as `scheduleOf` of every story gives): the
 * frame holds at `now`, so the older stories' embargoes and news-window edges around `now` are the
 * frame's, and the new stories, all live, hold no embargo still to lift.
 */
function scheduleWith(schedule: Schedule, added: readonly Article[], now: number): Schedule {
  const own = scheduleOf(visibilityAt(added, now), added, now).window;
  const window = { from: Math.max(schedule.window.from, own.from), until: Math.min(schedule.window.until, own.until) };
  return { window, ...(schedule.nextEmbargo ? { nextEmbargo: schedule.nextEmbargo } : {}) };
}

/**
 * What linking the new stories asks of the shown stories: which of the stories they link or name
 * as related are shown, the new ones or those the frame lists as live (`liveIds`).
 */
function shownTargets(added: readonly Article[], bySource: ReadonlyMap<string, Article>, byId: ReadonlyMap<string, Article>, liveIds: readonly string[]): Set<Article> {
  const targets = added.flatMap((article) => [...article.references.map((reference) => bySource.get(reference.target)), ...(article.related ?? []).map(({ id }) => byId.get(id))]);
  const shown = new Set<Article>();
  if (targets.every((target) => target === undefined)) return shown;
  const newOnes = new Set(added);
  const live = new Set(liveIds);
  for (const target of targets) if (target && (newOnes.has(target) || (live.has(target.id) && byId.get(target.id) === target))) shown.add(target);
  return shown;
}

/**
 * The live stories in the default order, their ids, and the stories by id: the frame's (`oldLive`,
 * their ids `oldIds`), the relinked ones as `relinked` has them, with the new ones (newest first)
 * merged in.
 */
function mergedInOrder(
  oldLive: readonly LinkedArticle[],
  oldIds: readonly string[],
  added: readonly LinkedArticle[],
  relinked: ReadonlyMap<string, LinkedArticle>,
): { articles: LinkedArticle[]; ids: string[]; byId: Map<string, LinkedArticle> } {
  const articles: LinkedArticle[] = [];
  const ids: string[] = [];
  const byId = new Map<string, LinkedArticle>();
  let next = 0;
  oldLive.forEach((article, position) => {
    while (next < added.length && byNewest(added[next] as LinkedArticle, article) < 0) {
      const story = added[next++] as LinkedArticle;
      articles.push(story);
      ids.push(story.id);
      byId.set(story.id, story);
    }
    const id = oldIds[position] as string;
    const now = relinked.size === 0 ? article : (relinked.get(id) ?? article);
    articles.push(now);
    ids.push(id);
    byId.set(id, now);
  });
  for (const story of added.slice(next)) {
    articles.push(story);
    ids.push(story.id);
    byId.set(story.id, story);
  }
  return { articles, ids, byId };
}

/**
 * What the new stories changed: the collection keys whose fingerprint is not the frame's, and the
 * list pages of the grown lists (home, sections, topics, tags) that list the same stories in the
 * same place as before, and the full files of stories of a split sitemap. `liveBefore` and
 * `liveIds` are the ids of the live stories of the frame and of the site, in their order.
 */
function changesSince(frame: SiteFrame, site: Site, liveBefore: readonly string[], liveIds: readonly string[]): Pick<ExtendedSite, 'changedCollections' | 'unchangedListPages'> {
  const before = collectionFingerprints({ liveCount: frame.live.length, sections: frame.sections, topics: frame.topics, tags: frame.tags });
  const after = collectionFingerprints({ liveCount: site.articles.length, sections: site.sections, topics: site.topics, tags: site.tags });
  const changedCollections = new Set([...after].filter(([key, print]) => before.get(key) !== print).map(([key]) => key));
  const size = site.config.pageSize;
  const unchangedListPages = new Set<string>([...samePages(liveBefore, liveIds, size, ''), ...sameSitemapFiles(liveBefore, liveIds)]);
  for (const [was, is] of [
    [frame.sections, site.sections],
    [frame.topics, site.topics],
    [frame.tags, site.tags],
  ] as const) {
    const old = new Map(was.map((collection) => [collection.slug, collection]));
    for (const collection of is) {
      const previous = old.get(collection.slug);
      if (previous && previous.articleIds !== collection.articleIds) for (const path of samePages(previous.articleIds, collection.articleIds, size, collection.path)) unchangedListPages.add(path);
    }
  }
  return { changedCollections, unchangedListPages };
}

/** The stories of `older` as the frame linked them (`oldLive`, whose ids are `oldIds`), by id. */
function olderIn(oldLive: readonly LinkedArticle[], oldIds: readonly string[], older: readonly Article[]): Map<string, LinkedArticle> {
  const found = new Map<string, LinkedArticle>();
  if (older.length === 0) return found;
  const wanted = new Set(older.map((article) => article.id));
  oldIds.forEach((id, position) => {
    const article = oldLive[position];
    if (article && wanted.has(id)) found.set(id, article);
  });
  return found;
}

/**
 * A kind's collections with the new stories in their place (`newestFirst` compares two ids) in
 * each they are filed under, and new collections for new terms; undefined when a story spells a
 * term otherwise than the collection is named (resolving would rename it, with a warning).
 */
function withAdded(collections: readonly Collection[], kind: TermKind, added: readonly Article[], newestFirst: (a: string, b: string) => number): Collection[] | undefined {
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
    return group ? { ...collection, articleIds: mergedIds(collection.articleIds, group.ids, newestFirst) } : collection;
  });
  let anyNew = false;
  for (const [slug, group] of grown)
    if (!bySlug.has(slug)) {
      result.push(collectionOf(kind, slug, group.name, group.ids));
      anyNew = true;
    }
  // The frame's collections are in `collectionOrder` already, and keep their names and slugs: sorted only with a new one among them.
  return anyNew ? result.sort(collectionOrder) : result;
}

/** Ids in the default order with new ones (in that order too) merged in, each found by a binary search. */
function mergedIds(ids: readonly string[], added: readonly string[], newestFirst: (a: string, b: string) => number): string[] {
  const merged = [...ids];
  for (const id of added) {
    let low = 0;
    let high = merged.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (newestFirst(merged[middle] as string, id) < 0) low = middle + 1;
      else high = middle;
    }
    merged.splice(low, 0, id);
  }
  return merged;
}
