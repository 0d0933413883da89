import type { Site } from '../model/site.js';
import { articlePages, notFoundPage, withdrawnPages } from '../render/article-pages.js';
import { feedPages } from '../render/feed-pages.js';
import { collectionPages, homePages, termIndexPages } from '../render/list-pages.js';
import type { Page } from '../render/page.js';
import { searchPages } from '../render/search-page.js';
import { sitemapPages } from '../render/sitemap-pages.js';
import { headersPages } from '../render/headers-page.js';
import { stylesheetPathOf, type ThemeFile } from './load-theme.js';

/**
 * Plan every output file of the site at the instant `now`: story pages and kill notices, home and
 * collection pages, indexes, the 404 and search pages, feeds, sitemaps and robots.txt, `_headers`
 * (with `headers: true`), and the theme's assets. Each page renders lazily, when the write stage asks.
 */
export function renderSite(site: Site, theme: readonly ThemeFile[], now: number = Date.now()): Page[] {
  const assets = theme.map(
    (file): Page => ({ path: file.path, kind: 'asset', deps: { articles: [], teasers: [], collections: ['theme'] }, render: () => file.bytes }),
  );
  const stylesheet = stylesheetPathOf(theme);
  return [
    ...articlePages(site, stylesheet),
    ...withdrawnPages(site, stylesheet),
    ...homePages(site, stylesheet),
    ...collectionPages(site, stylesheet),
    ...termIndexPages(stylesheet),
    notFoundPage(site, stylesheet),
    ...searchPages(site, stylesheet),
    ...feedPages(site),
    ...sitemapPages(site, now),
    ...headersPages(site.config, stylesheet),
    ...assets,
  ];
}
