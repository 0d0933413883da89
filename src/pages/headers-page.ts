import { renderHeaders, type HeaderRule } from '../../templates/headers.js';
import type { SiteConfig } from '../model/config.js';
import { collectionFolders } from '../model/site.js';
import { feedFormatKeys, feedFormats } from '../model/feed-formats.js';
import { searchFolder } from '../search/pagefind-index.js';
import type { Page } from './page.js';
import { newsSitemapPath, robotsPath, sitemapPath } from './sitemap-pages.js';
import { searchPagePath } from './search-page.js';

/** Where the headers file is written: the root of the output folder, where Netlify and Cloudflare Pages read it. */
export const headersPath = '_headers';

/**
 * How long browsers and caches may keep each kind of output file: the `Cache-Control` values of
 * `_headers` and of `deploy/nginx.conf`, named once.
 */
export const cacheControl = {
  /** The stylesheet, whose name carries a digest of its bytes: a new stylesheet is a new URL. */
  fingerprinted: 'public, max-age=31536000, immutable',
  /**
   * Archive pages (`…/page/N/`): they keep their stories as stories are published, but a
   * correction, a kill or a back-dated story changes some, and the newest takes the stories that
   * leave the first page: a day, not for good.
   */
  archive: 'public, max-age=86400',
  /** Front pages, feeds, sitemaps, robots.txt and the search index: they change with every story published. */
  front: 'public, max-age=60',
  /**
   * Story pages and everything else: asked again on every use (a 304 while unchanged), so that a
   * correction or a kill is seen at once. Netlify and Cloudflare Pages send this by default.
   */
  revalidate: 'public, max-age=0, must-revalidate',
} as const;

/** The header every file gets: browsers must not guess a file's type from its bytes. */
const noSniff = ['X-Content-Type-Options', 'nosniff'] as const;

/**
 * `_headers`, when the settings ask for it (`headers: true`): cache rules for each kind of output
 * file (see `headerRules`). It reads nothing but the settings and the paths of the fingerprinted theme files.
 */
export function headersPages(config: SiteConfig, fingerprintedPaths: readonly string[]): Page[] {
  if (!config.headers) return [];
  return [{ path: headersPath, kind: 'headers', deps: { articles: [], teasers: [], collections: [] }, render: (current) => renderHeaders(headerRules(current.config, fingerprintedPaths)) }];
}

/**
 * The rules of `_headers` under the site's `basePath`. A request that matches several rules gets
 * the headers of all of them (Cloudflare Pages joins two values of one header with a comma), so no
 * two rules that can match one URL both set `Cache-Control`: every path pattern below is exact or
 * of a fixed depth. Story pages and the 404 page have no rule: the hosts' default (`revalidate`).
 */
export function headerRules(config: Pick<SiteConfig, 'basePath' | 'search'>, fingerprintedPaths: readonly string[]): HeaderRule[] {
  const base = config.basePath;
  const cache = (comment: string, value: string, paths: readonly string[]): HeaderRule[] => paths.map((path) => ({ path: `${base}${path}`, comment, headers: [['Cache-Control', value]] }));
  const feedNames = feedFormatKeys.map((key) => feedFormats[key].file);
  const lists = Object.values(collectionFolders);
  return [
    { path: `${base}*`, comment: 'Every file', headers: [noSniff] },
    ...cache('The stylesheet and scripts: their names change with their bytes', cacheControl.fingerprinted, fingerprintedPaths),
    ...cache('Archive pages: numbered from the oldest, they keep their stories', cacheControl.archive, ['page/*', ...lists.map((folder) => `${folder}/:slug/page/*`)]),
    ...cache('Front pages: they change with every story published', cacheControl.front, ['', ...lists.map((folder) => `${folder}/`), ...lists.map((folder) => `${folder}/:slug/`)]),
    ...cache('Feeds', cacheControl.front, [...feedNames, ...lists.flatMap((folder) => feedNames.map((name) => `${folder}/:slug/${name}`))]),
    ...cache('Sitemaps and robots.txt', cacheControl.front, [sitemapPath, newsSitemapPath, robotsPath]),
    ...(config.search ? cache('The search page and its index', cacheControl.front, [searchPagePath, `${searchFolder}*`]) : []),
  ];
}
