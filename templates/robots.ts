import type { SiteConfig } from '../src/model/config.js';
import { absoluteUrl } from '../src/model/urls.js';

/**
 * `robots.txt`: every crawler may read everything, and the sitemaps are at these absolute URLs.
 * Plain text, not markup: its only variable part is `baseUrl`, which the settings have already
 * parsed as a URL (so it holds no line break).
 */
export function renderRobots(config: SiteConfig, sitemapPaths: readonly string[]): string {
  const sitemaps = sitemapPaths.map((sitePath) => `Sitemap: ${absoluteUrl(config, sitePath)}\n`);
  return ['User-agent: *\n', 'Allow: /\n', '\n', ...sitemaps].join('');
}
