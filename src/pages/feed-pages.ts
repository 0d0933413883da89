import { label } from '../labels/fill.js';
import { labelSetFor } from '../labels/select.js';
import { renderAtom } from '../../templates/atom.js';
import { renderJsonFeed } from '../../templates/json-feed.js';
import { feedXml, renderRss } from '../../templates/rss.js';
import type { Article } from '../model/article.js';
import { feedFilePath, feedFolderOf, feedFormatKeys, type FeedFormatKey } from '../model/feed-formats.js';
import { newestModified } from '../model/modified.js';
import { memoSlot } from '../model/render-memo.js';
import { articlesWithIds, byNewest, referenceTargets, type LinkedArticle, type Site } from '../model/site.js';
import type { FeedView } from '../model/views.js';
import { siteFeedPath } from './chrome.js';
import { collectionKey, collectionNameKey, type Page, type PageDeps } from './page.js';

/** One feed, before it is written in each format. */
interface FeedPlan {
  /** Site-relative folder of the feed's files. */
  readonly folder: string;
  /** Site-relative path of the page the feed mirrors. */
  readonly pagePath: string;
  /** The collection keys it reads besides its items: none for the site feed, a collection's name and place for its feed. */
  readonly reads: readonly string[];
  /** The collection key its items come from (`home` for the site feed). */
  readonly listOf: string;
  /** Ids of its items, newest first: live stories and killed ones (which show as notices), found when first asked. */
  readonly ids: () => readonly string[];
  readonly channel: (site: Site) => { title: string; description: string };
}

const renderers: Readonly<Record<FeedFormatKey, (view: FeedView) => string>> = {
  rss: (view) => feedXml(renderRss(view)),
  atom: (view) => feedXml(renderAtom(view)),
  json: renderJsonFeed,
};

/**
 * The feeds: one for the site and one for each section, topic and tag, each as RSS (`feed.xml`),
 * Atom (`atom.xml`) and JSON Feed (`feed.json`) with the same newest `feedSize` items. A killed
 * story filed there keeps its place by date, as a notice that it was withdrawn.
 */
export function feedPages(site: Site): Page[] {
  const size = site.config.feedSize;
  const killed = killedByCollection(site);
  const siteFeed: FeedPlan = {
    folder: feedFolderOf(siteFeedPath),
    pagePath: '',
    reads: [],
    listOf: 'home',
    ids: once(() => newestIds(site.articles, site.withdrawn, size)),
    channel: (current) => ({ title: current.config.title, description: current.config.description }),
  };
  const collectionFeeds = [...site.sections, ...site.topics, ...site.tags].map(({ kind, slug, path, feedPath, articleIds }): FeedPlan => {
    const key = collectionKey(kind, slug);
    return {
      folder: feedFolderOf(feedPath),
      pagePath: path,
      reads: [collectionNameKey(kind, slug)],
      listOf: key,
      ids: once(() => newestIds(articlesWithIds(site, articleIds.slice(0, size)), killed.get(key) ?? [], size)),
      channel: (current) => {
        const name = current.collection(kind, slug)?.name ?? slug;
        return { title: `${current.config.title}: ${name}`, description: label(labelSetFor(current.config), 'feedDescription', { name }) };
      },
    };
  });
  return [siteFeed, ...collectionFeeds].flatMap((feed) => {
    const deps = new FeedDeps(site, feed);
    return feedFormatKeys.map((format) => feedPage(feed, format, deps));
  });
}

/**
 * What the files of a feed read: its items in full, and the stories their bodies link as teasers,
 * each found when first asked (a publish asks them of the few feeds that may read a change, see
 * `changeReaders`).
 */
class FeedDeps implements PageDeps {
  readonly collections: readonly string[];
  readonly #site: Site;
  readonly #feed: FeedPlan;
  #teasers: readonly string[] | undefined;

  constructor(site: Site, feed: FeedPlan) {
    this.collections = feed.reads;
    this.#site = site;
    this.#feed = feed;
  }

  get articles(): readonly string[] {
    return this.#feed.ids();
  }

  get teasers(): readonly string[] {
    // Killed stories' ids are among `articles`: their notices read them. Only live items show a body with links.
    return (this.#teasers ??= articlesWithIds(this.#site, this.articles).flatMap((article) => article.linkedIds));
  }
}

/** `make`'s value, made when first asked. */
function once<T>(make: () => T): () => T {
  let made: { readonly value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/** The file of `feed` in `format`, which reads what `deps` names. */
function feedPage(feed: FeedPlan, format: FeedFormatKey, deps: PageDeps): Page {
  const path = feedFilePath(feed.folder, format);
  return {
    path,
    kind: 'feed',
    listOf: feed.listOf,
    deps,
    render: (current) => {
      const articles = itemsWithIds(current, feed.ids());
      const updated = newestModified(articles);
      const references = (article: LinkedArticle) => referenceTargets(current, article);
      return renderers[format]({ config: current.config, ...feed.channel(current), path, pagePath: feed.pagePath, articles, references, memo: current.memo, ...(updated ? { updated } : {}) });
    },
  };
}

/** The first `size` of two lists already in the default order, merged in that order. */
function newestIds(live: readonly Article[], killed: readonly Article[], size: number): string[] {
  const ids: string[] = [];
  let [i, k] = [0, 0];
  while (ids.length < size) {
    const next = live[i];
    const other = killed[k];
    if (!next && !other) break;
    if (next && (!other || byNewest(next, other) <= 0)) {
      ids.push(next.id);
      i += 1;
    } else if (other) {
      ids.push(other.id);
      k += 1;
    }
  }
  return ids;
}

/** The killed stories filed under each collection that still exists, by collection key, in the default order. */
function killedByCollection(site: Site): Map<string, LinkedArticle[]> {
  const byKey = new Map<string, LinkedArticle[]>();
  for (const article of site.withdrawn) {
    const terms = [
      ...(article.section ? [['section', article.section.slug] as const] : []),
      ...article.topics.map((term) => ['topic', term.slug] as const),
      ...article.tags.map((term) => ['tag', term.slug] as const),
    ];
    for (const [kind, slug] of terms) {
      if (!site.collection(kind, slug)) continue;
      const key = collectionKey(kind, slug);
      const list = byKey.get(key) ?? [];
      if (!list.includes(article)) list.push(article);
      byKey.set(key, list);
    }
  }
  return byKey;
}

// Killed stories by id, per list of them (kept in the site's memo): `Site.byId` holds live stories only.
const killedIndexes = memoSlot(() => new WeakMap<readonly LinkedArticle[], ReadonlyMap<string, LinkedArticle>>());

/** The live or killed stories with the given ids, in that order, skipping ids the site has neither of. */
function itemsWithIds(site: Site, ids: readonly string[]): LinkedArticle[] {
  const indexes = site.memo.get(killedIndexes);
  let killed = indexes.get(site.withdrawn);
  if (!killed) {
    killed = new Map(site.withdrawn.map((article) => [article.id, article]));
    indexes.set(site.withdrawn, killed);
  }
  const index = killed;
  return ids.flatMap((id) => {
    const article = site.byId.get(id) ?? index.get(id);
    return article ? [article] : [];
  });
}
