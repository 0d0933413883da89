import type { SiteConfig } from '../../src/model/config.js';
import { absoluteUrl } from '../../src/model/urls.js';
import { needsSiteCard, siteCardPath, siteCardSize } from '../../src/media/site-card-plan.js';
import { siteImageUrl } from './image.js';

/** The picture of a link preview: its absolute URL, whether it is the site's logo (a small square, not a wide picture), and its size and alt when known. */
export interface PreviewImage {
  readonly url: string;
  readonly isLogo: boolean;
  readonly size?: { readonly width: number; readonly height: number };
  /** What the picture shows, when the site knows it (the site card shows the site's title). */
  readonly alt?: string;
}

/** The absolute URL of the site's logo (`logo.src` under `static/`), or undefined when the site has none. */
export function siteLogoUrl(config: SiteConfig): string | undefined {
  return config.logo === undefined ? undefined : absoluteUrl(config, config.logo.src);
}

/**
 * The picture a page is previewed with: `own` (a story's picture, absolute) when given, else the
 * site's `image`, else its logo when previews show it (not an SVG), else the site card the build
 * draws (`site-card.png`, 1200 × 630: the site's title and description, and its SVG logo).
 */
export function previewImage(config: SiteConfig, own?: string): PreviewImage {
  const picture = own ?? siteImageUrl(config);
  if (picture !== undefined) return { url: picture, isLogo: false };
  const logo = needsSiteCard(config) ? undefined : siteLogoUrl(config);
  if (logo !== undefined) return { url: logo, isLogo: true };
  return { url: absoluteUrl(config, siteCardPath), isLogo: false, size: siteCardSize, alt: config.title };
}
