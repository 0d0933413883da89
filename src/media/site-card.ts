import { hash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Sharp } from 'sharp';
import { toXml } from 'xast-util-to-xml';
import type { ThemeFile } from '../io/load-theme.js';
import type { SiteConfig } from '../model/config.js';
import { keepSiteCard, storedSiteCard } from '../store/site-card-store.js';
import { needsSiteCard, siteCardLogoBox, siteCardLogoPlace, siteCardPath, siteCardSvg, type SiteCardText } from './site-card-plan.js';

// The site card drawn with sharp (librsvg for the SVG, libvips for the PNG): the picture link
// previews show for a site without `image` or a raster logo. The same inputs give the same bytes,
// so it is kept in the cache by their key and published like the theme's files.

/** The PNG encoder's settings, pinned (part of the key): the same card gives the same bytes. */
const encoder = { compressionLevel: 9, adaptiveFiltering: false, palette: false } as const;

/** What the card is made from. */
export interface SiteCardInputs {
  readonly config: SiteConfig;
  /** The logo's file on disk (an SVG under `static/`), when the site has one. */
  readonly logoFile?: string | undefined;
  /** The cache folder, to find the card there and keep it; without one the card is drawn each time. */
  readonly cacheDir?: string | undefined;
  /** The digest of wiredesk's code (see `codeDigest`): new code draws the card again. */
  readonly code: string;
}

/** The site card of a build: the file to publish (none when the site needs no card), and how many cards were drawn (0 or 1). */
export interface SiteCardStep {
  readonly file: ThemeFile | undefined;
  readonly made: number;
}

/**
 * The site's card, when it needs one (see `needsSiteCard`): taken from the cache when it holds the
 * card of these inputs, else drawn and kept there. Published at `siteCardPath`, its key as its
 * print, so a new title, description or logo writes it again.
 */
export async function prepareSiteCard(inputs: SiteCardInputs): Promise<SiteCardStep> {
  const { config, logoFile, cacheDir, code } = inputs;
  if (!needsSiteCard(config)) return { file: undefined, made: 0 };
  const logo = logoFile === undefined ? undefined : await readFile(logoFile).catch(() => undefined);
  const text = { title: config.title, description: config.description, host: new URL(config.baseUrl).host };
  const key = hash('sha256', Buffer.concat([Buffer.from(`${JSON.stringify([code, encoder, text])}\n`), logo ?? Buffer.alloc(0)]), 'hex').slice(0, 32);
  const stored = cacheDir === undefined ? undefined : storedSiteCard(cacheDir, key);
  const file = (bytes: Uint8Array): ThemeFile => ({ path: siteCardPath, name: siteCardPath, bytes, print: key });
  if (stored) return { file: file(stored), made: 0 };
  const bytes = await drawSiteCard(text, logo);
  if (cacheDir !== undefined) keepSiteCard(cacheDir, key, bytes);
  return { file: file(bytes), made: 1 };
}

/** Draw the card of `text` with the SVG `logo` over it (left out when sharp cannot read it). */
export async function drawSiteCard(text: Omit<SiteCardText, 'logo'>, logo: Buffer | undefined): Promise<Buffer> {
  // Loaded only when a card is drawn: a build that takes it from the cache never loads sharp for it.
  const { default: sharp } = await import('sharp');
  const fitted = logo === undefined ? undefined : await fitLogo(sharp, logo);
  const svg = toXml(siteCardSvg({ ...text, logo: fitted?.size }));
  const card = sharp(Buffer.from(svg));
  const place = siteCardLogoPlace();
  const drawn = fitted ? card.composite([{ input: fitted.data, left: place.left, top: place.top }]) : card;
  return drawn.png(encoder).toBuffer();
}

type SharpFactory = (input: Buffer, options?: { density?: number }) => Sharp;

/** The logo rasterised to fit `siteCardLogoBox` (drawn at the density that fits it, not scaled up from a small one), or undefined when sharp cannot read it. */
async function fitLogo(sharp: SharpFactory, logo: Buffer): Promise<{ data: Buffer; size: { width: number; height: number } } | undefined> {
  try {
    const { width, height } = await sharp(logo).metadata();
    if (!width || !height) return undefined;
    const scale = Math.min(siteCardLogoBox.width / width, siteCardLogoBox.height / height);
    // librsvg draws at 72 dpi by default; the density that makes the logo as large as its box, within sharp's limits.
    const density = Math.min(Math.max(72 * scale, 1), 100_000);
    const { data, info } = await sharp(logo, { density }).resize({ width: siteCardLogoBox.width, height: siteCardLogoBox.height, fit: 'inside' }).png().toBuffer({ resolveWithObject: true });
    return { data, size: { width: info.width, height: info.height } };
  } catch {
    return undefined;
  }
}
