import { absoluteUrl, hrefTo } from '../../src/model/urls.js';
import type { SiteConfig } from '../../src/model/config.js';

/** How an image `src` (a copied `media/…` path or an http(s) URL) becomes a URL on a page or in a feed. */
export type ImageUrl = (src: string) => string;

const remote = /^https?:\/\//i;

/** Image URLs for pages: copied pictures root-relative under the base path, remote ones as written. */
export function pageImageUrl(config: SiteConfig): ImageUrl {
  return (src) => (remote.test(src) ? src : hrefTo(config, src));
}

/** Image URLs for feeds: copied pictures as absolute URLs, remote ones as written. */
export function feedImageUrl(config: SiteConfig): ImageUrl {
  return (src) => (remote.test(src) ? src : absoluteUrl(config, src));
}
