import { defaultTemplates } from '../../templates/defaults.js';
import type { Templates } from '../../templates/table.js';
import type { Site } from '../model/site.js';
import { articlePages, notFoundPage, withdrawnPages } from '../pages/article-pages.js';
import { feedIndexPage } from '../pages/feed-index-page.js';
import { feedPages } from '../pages/feed-pages.js';
import { collectionPages, homePages, termIndexPages } from '../pages/list-pages.js';
import type { Page } from '../pages/page.js';
import { searchPages } from '../pages/search-page.js';
import { sitePages } from '../pages/site-pages.js';
import { sitemapPages } from '../pages/sitemap-pages.js';
import { headersPages } from '../pages/headers-page.js';
import { fingerprintedPathsOf, type ThemeFile } from '../io/load-theme.js';

/**
 * Plan every output file of the site at the instant `now`: story pages and kill notices, home and
 * collection pages, indexes (of sections, topics, tags and feeds), the 404 and search pages, the pages of `pages/`, feeds, sitemaps and
 * robots.txt, `_headers` (with `headers: true`), and the theme's assets, with `templates` (the
 * defaults, or a site's overrides). Each page renders lazily, when the write stage asks.
 */
export function planSite(site: Site, theme: readonly ThemeFile[], now: number = Date.now(), templates: Templates = defaultTemplates): Page[] {
  const assets = theme.map((file): Page => ({
    path: file.path,
    kind: 'asset',
    deps: { articles: [], teasers: [], collections: ['theme'], ...(file.print === undefined ? {} : { place: file.print }) },
    render: () => file.bytes,
  }));
  return [
    ...articlePages(site, templates),
    ...withdrawnPages(site, templates),
    ...homePages(site, templates),
    ...collectionPages(site, templates),
    ...termIndexPages(templates),
    feedIndexPage(site, templates),
    notFoundPage(site, templates),
    ...searchPages(site, templates),
    ...sitePages(site, templates),
    ...feedPages(site),
    ...sitemapPages(site, now),
    ...headersPages(site.config, fingerprintedPathsOf(theme)),
    ...assets,
  ];
}
