import { absoluteUrl, hrefTo } from '../../src/model/urls.js';
import type { SiteConfig } from '../../src/model/config.js';

/** How an image `src` (a copied `media/…` path or an http(s) URL) becomes a URL on a page or in a feed. */
export type ImageUrl = (src: string) => string;

const remote = /^https?:\/\//i;

/** Image URLs for pages: copied pictures root-relative under the base path, remote ones as written. */
export function pageImageUrl(config: SiteConfig): ImageUrl {
  return (src) => (remote.test(src) ? src : hrefTo(config, src));
}

/**
 * The absolute URL of the site's fallback picture (`image` in site.yaml: an http(s) URL, or a file
 * under `static/` served from the site's root), for link previews of stories without one.
 */
export function siteImageUrl(config: SiteConfig): string | undefined {
  if (config.image === undefined) return undefined;
  return remote.test(config.image) ? config.image : absoluteUrl(config, config.image);
}

/** Image URLs for feeds: copied pictures as absolute URLs, remote ones as written. */
export function feedImageUrl(config: SiteConfig): ImageUrl {
  return (src) => (remote.test(src) ? src : absoluteUrl(config, src));
}
