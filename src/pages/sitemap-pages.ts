import { newsSitemapXml } from '../../templates/news-sitemap.js';
import { renderRobots } from '../../templates/robots.js';
import { sitemapIndexXml, urlsetXml, type SitemapEntry } from '../../templates/sitemap.js';
import type { Article, DateTime, TermKind } from '../model/article.js';
import { modifiedAt, newestModified } from '../model/modified.js';
import { newsWindowIds, newsWindowMs } from '../model/news-window.js';
import { siteBehind } from '../incremental/read-tracking.js';
import { articlesWithIds, collectionFolders, sameIds, type Collection, type Site } from '../model/site.js';
import type { Page, PageDeps } from './page.js';

/** The most URLs one sitemap file may list (sitemaps.org). */
export const sitemapUrlLimit = 50_000;

/**
 * Past this many stories, the sitemap is split: story URLs go to files of this many, counted from
 * the oldest story, so that publishing a story changes only the newest of them.
 */
export const sitemapStoriesPerFile = 1_000;

/** Where the sitemap (or, past `sitemapStoriesPerFile` stories, the sitemap index) is written. */
export const sitemapPath = 'sitemap.xml';

/** Where the Google News sitemap is written. */
export const newsSitemapPath = 'news-sitemap.xml';

/** Where `robots.txt` is written: the site's root folder (the host's root only when `baseUrl` has no path). */
export const robotsPath = 'robots.txt';

/**
 * A URL the sitemap lists, as planned: a story page (its path and modified time are read when
 * rendering), a list page whose `lastmod` is the newest modified time of the stories it lists, or
 * a page of `pages/` with the `lastmod` its `updated` gives (none without it).
 */
type PlannedUrl = { readonly story: string } | PlannedList | { readonly fixed: SitemapEntry };

/**
 * A list page the sitemap lists: the stories it shows, whose newest modified time is its `lastmod`;
 * for an index of lists, found from the lists it shows (`lists`, whose stories are `listed`, in order).
 */
type PlannedList = { readonly path: string; readonly listed: readonly string[]; readonly lists?: readonly PlannedList[] };

/**
 * The sitemap (split under a sitemap index past `sitemapStoriesPerFile` stories, see
 * `sitemapFiles`), the Google News sitemap of the stories published in the two days before `now`, and
 * `robots.txt` pointing at both.
 */
export function sitemapPages(site: Site, now: number): Page[] {
  return [...sitemapFiles(site), newsSitemapPage(site, now), robotsPage()];
}

/**
 * The URLs a search engine should index besides the stories: the home page, the sections, topics
 * and tags indexes (when not empty), the first page of every section, topic and tag, and the
 * pages of `pages/` (in the order of their files). The
 * archive pages of a list are left out: each story on them is listed in its own right.
 */
function plannedListUrls(site: Site): PlannedUrl[] {
  const size = site.config.pageSize;
  const urls: PlannedUrl[] = [{ path: '', listed: site.articles.slice(0, size).map((article) => article.id) }];
  for (const kind of ['section', 'topic', 'tag'] as const) {
    const collections = collectionsOf(site, kind);
    if (collections.length === 0) continue;
    const firstPages = collections.map((collection): PlannedList => ({ path: collection.path, listed: collection.articleIds.slice(0, size) }));
    urls.push({ path: `${collectionFolders[kind]}/`, listed: firstPages.flatMap((page) => page.listed), lists: firstPages }, ...firstPages);
  }
  for (const page of site.pages ?? []) urls.push({ fixed: withLastmod(page.path, page.updated) });
  return urls;
}

/**
 * `sitemap.xml` listing the list pages then every live story, newest first; past
 * `sitemapStoriesPerFile` stories, a sitemap index of `sitemap-pages.xml` (the list pages) and
 * `sitemap-stories-N.xml` files, newest first, each of `sitemapStoriesPerFile` stories counted
 * from the oldest (`sitemap-stories-1.xml` holds the oldest), the newest file the rest. The
 * preview plans them again when a story's modified time changes: their plans hold the lastmods
 * of the list pages they were planned with (their `place`).
 */
export function sitemapFiles(site: Site): Page[] {
  const lists = plannedListUrls(site);
  const entry = plannedEntries(site, modifiedById(site));
  if (site.articles.length <= sitemapStoriesPerFile && lists.length + site.articles.length <= sitemapUrlLimit) {
    return [urlsetPage(site, entry, sitemapPath, [...lists, ...site.articles.map((article): PlannedUrl => ({ story: article.id }))])];
  }
  const listFiles = chunked(lists, sitemapUrlLimit, 'sitemap-pages');
  // Each story file's stories and lastmod in one pass over the site's stories, in their order.
  const storyFiles = sitemapStoryFiles(site.articles).map(({ path, urls }) => ({ path, ids: urls.map((article) => article.id), lastmod: newestModified(urls) }));
  const listEntriesIn = (current: Site) => listFiles.map((file) => withLastmod(file.path, lastmodOf(current, file.urls, entry)));
  const entriesIn = (current: Site) => [...listEntriesIn(current), ...storyFiles.map((file) => withLastmod(file.path, newestModified(articlesWithIds(current, file.ids))))];
  const planned = [...listEntriesIn(site), ...storyFiles.map((file) => withLastmod(file.path, file.lastmod))];
  let stamps: readonly string[] | undefined;
  const index: Page = {
    path: sitemapPath,
    kind: 'sitemap',
    // What the index shows of every story's stamp, its files' lastmods, is its place: a publish
    // digests a dozen entries rather than ten thousand stamps, which are listed only when asked.
    deps: {
      articles: [],
      teasers: [],
      collections: [],
      get stamps() {
        return (stamps ??= [...listFiles.flatMap((file) => stampsOf(file.urls)), ...storyFiles.flatMap((file) => file.ids)]);
      },
      place: placeOf(planned),
      stampsInPlace: true,
    },
    render: (current) => sitemapIndexXml(current.config, siteBehind(current) === site ? planned : entriesIn(current)),
  };
  return [index, ...listFiles.map((file) => urlsetPage(site, entry, file.path, file.urls)), ...storyFiles.map((file) => storyFilePage(file.path, file.ids))];
}

/** A file of a split sitemap listing stories alone (`ids`, newest first): it reads their stamps and no collection. */
function storyFilePage(path: string, ids: readonly string[]): Page {
  return {
    path,
    kind: 'sitemap',
    deps: { articles: [], teasers: [], collections: [], stamps: ids },
    render: (current) =>
      urlsetXml(
        current.config,
        articlesWithIds(current, ids).map((article) => ({ path: article.path, lastmod: modifiedAt(article) })),
      ),
  };
}

/**
 * The story files of a split sitemap, the newest file first: the stories (newest first) in files
 * of `sitemapStoriesPerFile` counted from the oldest, each file with its path and its stories.
 */
export function sitemapStoryFiles<T>(stories: readonly T[]): { path: string; urls: readonly T[] }[] {
  const count = Math.ceil(stories.length / sitemapStoriesPerFile);
  return Array.from({ length: count }, (_, index) => {
    const n = count - index;
    const urls = stories.slice(Math.max(0, stories.length - n * sitemapStoriesPerFile), stories.length - (n - 1) * sitemapStoriesPerFile);
    return { path: `sitemap-stories-${n}.xml`, urls };
  });
}

/**
 * The story files of a split sitemap that list the same stories before and after (ids newest
 * first): those counted from the oldest that were full. None when the sitemap was one file.
 */
export function sameSitemapFiles(before: readonly string[], after: readonly string[]): string[] {
  if (before.length <= sitemapStoriesPerFile) return [];
  const was = new Map(sitemapStoryFiles(before).map((file) => [file.path, file.urls]));
  return sitemapStoryFiles(after).flatMap((file) => {
    const before = was.get(file.path);
    return before && sameIds(before, file.urls) ? [file.path] : [];
  });
}

/** URLs in files of at most `size`, named `name.xml`, or `name-1.xml`, `name-2.xml`… when there are several. */
function chunked(urls: readonly PlannedUrl[], size: number, name: string): { path: string; urls: readonly PlannedUrl[] }[] {
  if (urls.length <= size) return [{ path: `${name}.xml`, urls }];
  return Array.from({ length: Math.ceil(urls.length / size) }, (_, index) => ({ path: `${name}-${index + 1}.xml`, urls: urls.slice(index * size, (index + 1) * size) }));
}

/**
 * `entryOf` for the site a sitemap is planned from, each list page's entry found once (the index,
 * the file of list pages and its dependencies all read them), from `modified` (a story's
 * modified time in that site, see `modifiedById`); for another site, found anew.
 */
function plannedEntries(site: Site, modified: (id: string) => DateTime | undefined): (current: Site, url: PlannedUrl) => SitemapEntry | undefined {
  const lists = new Map<PlannedUrl, SitemapEntry | undefined>();
  const planned = (current: Site, url: PlannedUrl): SitemapEntry | undefined => {
    if (siteBehind(current) !== site || !('listed' in url)) return entryOf(current, url);
    if (!lists.has(url)) lists.set(url, 'lists' in url && url.lists ? entryOf(site, url, planned) : withLastmod(url.path, newest(url.listed.map(modified))));
    return lists.get(url);
  };
  return planned;
}

/**
 * A live story's modified time by id (see `modifiedAt`), each read once, when first asked: the
 * list pages of a site list the same few thousand stories many times over (its sections', topics'
 * and tags' first pages), and a story from the cache answers each read of its fields through its
 * lazy article. As `articlesWithIds` finds them: by `byId`.
 */
function modifiedById(site: Pick<Site, 'byId'>): (id: string) => DateTime | undefined {
  const modified = new Map<string, DateTime | undefined>();
  return (id) => {
    if (modified.has(id)) return modified.get(id);
    const article = site.byId.get(id);
    const time = article && modifiedAt(article);
    modified.set(id, time);
    return time;
  };
}

function urlsetPage(site: Site, entry: (current: Site, url: PlannedUrl) => SitemapEntry | undefined, path: string, urls: readonly PlannedUrl[]): Page {
  return {
    path,
    kind: 'sitemap',
    deps: depsOf(urls, (url) => entry(site, url)),
    render: (current) =>
      urlsetXml(
        current.config,
        urls.flatMap((url) => entry(current, url) ?? []),
      ),
  };
}

/**
 * A sitemap file reads the stamp (where it is, when it changed) of each story it lists, and of
 * each story its list pages list (the newest decides a list's lastmod). Its list pages' entries,
 * paths and lastmods as planned, are its place; a file of list pages alone shows no more of those
 * stamps than that. A file of stories alone reads no collection: a story published elsewhere in
 * the archive leaves it alone.
 */
function depsOf(urls: readonly PlannedUrl[], entry: (url: PlannedUrl) => SitemapEntry | undefined): PageDeps {
  const stamps = stampsOf(urls);
  const lists = urls.flatMap((url) => ('story' in url ? [] : [entry(url)]));
  if (lists.length === 0) return { articles: [], teasers: [], collections: [], stamps };
  const storiesToo = lists.length < urls.length;
  return { articles: [], teasers: [], collections: [], stamps, place: placeOf(lists), ...(storiesToo ? {} : { stampsInPlace: true }) };
}

/** The stories whose stamps decide what a sitemap shows of `urls`: each story listed, and each story a listed list page shows. */
function stampsOf(urls: readonly PlannedUrl[]): string[] {
  return urls.flatMap((url) => ('story' in url ? [url.story] : 'listed' in url ? url.listed : []));
}

/** Sitemap entries as a page's place (`PageDeps.place`): each path with its lastmod as written. */
function placeOf(entries: readonly (SitemapEntry | undefined)[]): string {
  return JSON.stringify(entries.map((entry) => (entry ? [entry.path, entry.lastmod?.iso ?? ''] : null)));
}

/**
 * The URL's path and lastmod in the site as it is now; undefined for a story no longer in it. An
 * index of lists takes the newest of its lists' lastmods (found by `entry`): the newest of all
 * their stories, the first of equal instants as well.
 */
function entryOf(site: Site, url: PlannedUrl, entry: (current: Site, url: PlannedUrl) => SitemapEntry | undefined = entryOf): SitemapEntry | undefined {
  if ('fixed' in url) return url.fixed;
  if ('lists' in url && url.lists) return withLastmod(url.path, newest(url.lists.map((list) => entry(site, list)?.lastmod)));
  if ('path' in url) return withLastmod(url.path, newestModified(articlesWithIds(site, url.listed)));
  const article = site.byId.get(url.story);
  return article ? { path: article.path, lastmod: modifiedAt(article) } : undefined;
}

/** The newest lastmod of some URLs in the site as it is now (a sitemap file's), undefined when none has one. */
function lastmodOf(site: Site, urls: readonly PlannedUrl[], entry: (current: Site, url: PlannedUrl) => SitemapEntry | undefined): DateTime | undefined {
  // A story's time without making its entry: the index reads every story's.
  const timeOf = (url: PlannedUrl): DateTime | undefined => {
    if (!('story' in url)) return entry(site, url)?.lastmod;
    const story = site.byId.get(url.story);
    return story && modifiedAt(story);
  };
  return newest(urls.map(timeOf));
}

function withLastmod(path: string, lastmod: DateTime | undefined): SitemapEntry {
  return lastmod ? { path, lastmod } : { path };
}

/** The latest of some times (the first of equal instants), undefined when there are none. */
function newest(times: readonly (DateTime | undefined)[]): DateTime | undefined {
  let best: DateTime | undefined;
  for (const time of times) if (time && (!best || time.epochMs > best.epochMs)) best = time;
  return best;
}

/** The Google News sitemap: the stories published in the 48 hours before `now`, newest first, at most 1,000. */
function newsSitemapPage(site: Site, now: number): Page {
  // The window is taken at planning time, so the page's dependencies change when the window does.
  const ids = newsWindowIds(site.articles.slice(0, storiesAfter(site.articles, now - newsWindowMs)), now);
  return {
    path: newsSitemapPath,
    kind: 'sitemap',
    deps: { articles: [], teasers: ids, collections: [] },
    render: (current) => newsSitemapXml(current.config, articlesWithIds(current, ids)),
  };
}

/** How many of `articles` (newest first, the site's order) are dated after `instant`, found by a binary search. */
function storiesAfter(articles: readonly Pick<Article, 'date'>[], instant: number): number {
  let low = 0;
  let high = articles.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((articles[middle] as Pick<Article, 'date'>).date.epochMs > instant) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** `robots.txt`: it reads nothing but the settings. */
function robotsPage(): Page {
  return {
    path: robotsPath,
    kind: 'robots',
    deps: { articles: [], teasers: [], collections: [] },
    render: (current) => renderRobots(current.config, [sitemapPath, newsSitemapPath]),
  };
}

function collectionsOf(site: Site, kind: TermKind): readonly Collection[] {
  return kind === 'section' ? site.sections : kind === 'topic' ? site.topics : site.tags;
}
