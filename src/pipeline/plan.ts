import { defaultTemplates } from '../../templates/defaults.js';
import type { Templates } from '../../templates/table.js';
import type { Site } from '../model/site.js';
import { articlePages, notFoundPage, withdrawnPages } from '../render/article-pages.js';
import { feedPages } from '../render/feed-pages.js';
import { collectionPages, homePages, termIndexPages } from '../render/list-pages.js';
import type { Page } from '../render/page.js';
import { searchPages } from '../render/search-page.js';
import { sitePages } from '../render/site-pages.js';
import { sitemapPages } from '../render/sitemap-pages.js';
import { headersPages } from '../render/headers-page.js';
import { stylesheetPathOf, type ThemeFile } from '../io/load-theme.js';

/**
 * Plan every output file of the site at the instant `now`: story pages and kill notices, home and
 * collection pages, indexes, the 404 and search pages, the pages of `pages/`, feeds, sitemaps and
 * robots.txt, `_headers` (with `headers: true`), and the theme's assets, with `templates` (the
 * defaults, or a site's overrides). Each page renders lazily, when the write stage asks.
 */
export function planSite(site: Site, theme: readonly ThemeFile[], now: number = Date.now(), templates: Templates = defaultTemplates): Page[] {
  const assets = theme.map(
    (file): Page => ({ path: file.path, kind: 'asset', deps: { articles: [], teasers: [], collections: ['theme'] }, render: () => file.bytes }),
  );
  return [
    ...articlePages(site, templates),
    ...withdrawnPages(site, templates),
    ...homePages(site, templates),
    ...collectionPages(site, templates),
    ...termIndexPages(templates),
    notFoundPage(site, templates),
    ...searchPages(site, templates),
    ...sitePages(site, templates),
    ...feedPages(site),
    ...sitemapPages(site, now),
    ...headersPages(site.config, stylesheetPathOf(theme)),
    ...assets,
  ];
}
