import { newsSitemapXml } from '../../templates/news-sitemap.js';
import { renderRobots } from '../../templates/robots.js';
import { sitemapIndexXml, urlsetXml, type SitemapEntry } from '../../templates/sitemap.js';
import type { DateTime, TermKind } from '../model/article.js';
import { modifiedAt } from '../model/modified.js';
import { newsWindowIds } from '../model/news-window.js';
import { articlesWithIds, collectionFolders, type Collection, type Site } from '../model/site.js';
import type { Page, PageDeps } from './page.js';

/** The most URLs one sitemap file may list (sitemaps.org): past it, `sitemap.xml` becomes a sitemap index. */
export const sitemapUrlLimit = 50_000;

/** Where the sitemap (or, past `sitemapUrlLimit` URLs, the sitemap index) is written. */
export const sitemapPath = 'sitemap.xml';

/** Where the Google News sitemap is written. */
export const newsSitemapPath = 'news-sitemap.xml';

/** Where `robots.txt` is written: the site's root folder (the host's root only when `baseUrl` has no path). */
export const robotsPath = 'robots.txt';

/**
 * A URL the sitemap lists, as planned: a story page (its path and modified time are read when
 * rendering), or a list page whose `lastmod` is the newest modified time of the stories it lists.
 */
type PlannedUrl = { readonly story: string } | { readonly path: string; readonly listed: readonly string[] };

// A sitemap reads where each story is and when it changed (its stamp), and which sections, topics
// and tags there are (their index keys: names, paths and counts).
const sitemapCollections = ['home', 'section-index', 'topic-index', 'tag-index'];

/**
 * The sitemap (split into `sitemap-1.xml`, `sitemap-2.xml`… under a sitemap index past 50,000
 * URLs), the Google News sitemap of the stories published in the two days before `now`, and
 * `robots.txt` pointing at both.
 */
export function sitemapPages(site: Site, now: number): Page[] {
  return [...sitemapFiles(site), newsSitemapPage(site, now), robotsPage()];
}

/**
 * The URLs a search engine should index: the home page, the sections, topics and tags indexes
 * (when not empty), the first page of every section, topic and tag, and every live story, newest
 * first. The archive pages of a list are left out: each story on them is listed in its own right.
 */
function plannedUrls(site: Site): PlannedUrl[] {
  const size = site.config.pageSize;
  const urls: PlannedUrl[] = [{ path: '', listed: site.articles.slice(0, size).map((article) => article.id) }];
  for (const kind of ['section', 'topic', 'tag'] as const) {
    const collections = collectionsOf(site, kind);
    if (collections.length === 0) continue;
    const firstPages = collections.map((collection) => ({ path: collection.path, listed: collection.articleIds.slice(0, size) }));
    urls.push({ path: `${collectionFolders[kind]}/`, listed: firstPages.flatMap((page) => page.listed) }, ...firstPages);
  }
  for (const article of site.articles) urls.push({ story: article.id });
  return urls;
}

function sitemapFiles(site: Site): Page[] {
  const urls = plannedUrls(site);
  if (urls.length <= sitemapUrlLimit) return [urlsetPage(sitemapPath, urls)];
  const chunks: { path: string; urls: PlannedUrl[] }[] = [];
  for (let start = 0; start < urls.length; start += sitemapUrlLimit) {
    chunks.push({ path: `sitemap-${chunks.length + 1}.xml`, urls: urls.slice(start, start + sitemapUrlLimit) });
  }
  const index: Page = {
    path: sitemapPath,
    kind: 'sitemap',
    deps: depsOf(urls),
    render: (current) =>
      sitemapIndexXml(
        current.config,
        chunks.map((chunk) => withLastmod(chunk.path, newest(chunk.urls.map((url) => entryOf(current, url)?.lastmod)))),
      ),
  };
  return [index, ...chunks.map((chunk) => urlsetPage(chunk.path, chunk.urls))];
}

function urlsetPage(path: string, urls: readonly PlannedUrl[]): Page {
  return {
    path,
    kind: 'sitemap',
    deps: depsOf(urls),
    render: (current) => urlsetXml(current.config, urls.flatMap((url) => entryOf(current, url) ?? [])),
  };
}

function depsOf(urls: readonly PlannedUrl[]): PageDeps {
  // Each list page's stories, in order, as well as every story: which stories a list shows decides its lastmod.
  return { articles: [], teasers: [], stamps: urls.flatMap((url) => ('story' in url ? [url.story] : url.listed)), collections: sitemapCollections };
}

/** The URL's path and lastmod in the site as it is now; undefined for a story no longer in it. */
function entryOf(site: Site, url: PlannedUrl): SitemapEntry | undefined {
  if ('path' in url) return withLastmod(url.path, newest(articlesWithIds(site, url.listed).map(modifiedAt)));
  const article = site.byId.get(url.story);
  return article ? { path: article.path, lastmod: modifiedAt(article) } : undefined;
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
  const ids = newsWindowIds(site.articles, now);
  return {
    path: newsSitemapPath,
    kind: 'sitemap',
    deps: { articles: [], teasers: ids, collections: [] },
    render: (current) => newsSitemapXml(current.config, articlesWithIds(current, ids)),
  };
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
