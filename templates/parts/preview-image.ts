import type { SiteConfig } from '../../src/model/config.js';
import { absoluteUrl } from '../../src/model/urls.js';
import { siteImageUrl } from './image.js';

/** The picture of a link preview: its absolute URL, and whether it is the site's logo (a small square, not a wide picture). */
export interface PreviewImage {
  readonly url: string;
  readonly isLogo: boolean;
}

/** The absolute URL of the site's logo (`logo.src` under `static/`), or undefined when the site has none. */
export function siteLogoUrl(config: SiteConfig): string | undefined {
  return config.logo === undefined ? undefined : absoluteUrl(config, config.logo.src);
}

/**
 * The picture a page is previewed with: `own` (a story's picture, absolute) when given, else the
 * site's `image`, else its logo; undefined only for a site with neither.
 */
export function previewImage(config: SiteConfig, own?: string): PreviewImage | undefined {
  const picture = own ?? siteImageUrl(config);
  if (picture !== undefined) return { url: picture, isLogo: false };
  const logo = siteLogoUrl(config);
  return logo === undefined ? undefined : { url: logo, isLogo: true };
}
