import type { Root } from 'xast';
import { x } from 'xastscript';
import type { SiteConfig } from '../model/config.js';
import { anyLanguageSegmenter } from '../text/segmenters.js';

// The site card, as a pure function of the site's settings: whether the site needs one (no
// `image`, no raster logo), where it is published, and the SVG it is drawn from, as an xast tree
// (the site's title and description are escaped by construction). `site-card.ts` rasterises it.

/** The site path of the card: at the site's root, beside the files of `static/` (one there by that name is reported as taken). */
export const siteCardPath = 'site-card.png';

/** The card's size in pixels: the 1.91:1 picture that Open Graph and Twitter previews show full width. */
export const siteCardSize = { width: 1200, height: 630 } as const;

/** The box the logo is drawn into at the card's top left, in pixels. */
export const siteCardLogoBox = { width: 520, height: 110 } as const;

/**
 * Whether the build makes a site card: the site has no `image` and no logo that previews show (a
 * logo in SVG, which Facebook, X, LinkedIn and Slack do not show, counts as none).
 */
export function needsSiteCard(config: Pick<SiteConfig, 'image' | 'logo'>): boolean {
  return config.image === undefined && (config.logo === undefined || /\.svg$/i.test(config.logo.src));
}

/** What the card shows: the site's title, description and host name, and the logo's size once fitted into `siteCardLogoBox`. */
export interface SiteCardText {
  readonly title: string;
  readonly description: string;
  /** The host of the site's `baseUrl` (`news.example.com`), written small beside the rule at the foot. */
  readonly host: string;
  readonly logo?: { readonly width: number; readonly height: number } | undefined;
}

/** Wiredesk's default look (see the `--wd-color-*` variables of `templates/assets/style.css`). */
const colors = { paper: '#ffffff', ink: '#1b1d21', muted: '#5d636e', accent: '#b3121f' } as const;

/** The generic family list: DejaVu Sans first (it has the widest coverage among the fonts found on Linux hosts). */
const fontFamily = "'DejaVu Sans', 'Liberation Sans', Arial, sans-serif";

const margin = 80;
const bandHeight = 16;
const ruleWidth = 120;
const textWidth = siteCardSize.width - 2 * margin;

/** Title sizes tried in turn: the largest whose lines fit wins; the last cuts the title. */
const titleFits = [
  { size: 76, lines: 2 },
  { size: 62, lines: 3 },
] as const;

const description = { size: 32, lines: 2 } as const;

/**
 * The SVG the card is drawn from: a paper background with the accent band along its top, the
 * logo's place (the logo is drawn over it), the title in ink wrapped to at most three lines and
 * cut at a word, the description below it in a muted colour (two lines at most), and the site's
 * host beside an accent rule at the foot. A title in a right-to-left script is set from the right margin.
 */
export function siteCardSvg(card: SiteCardText): Root {
  const fit = titleFits.find((each) => wrapText(card.title, textWidth / each.size, Infinity).length <= each.lines) ?? titleFits[titleFits.length - 1];
  const size = fit?.size ?? 62;
  const titleLines = wrapText(card.title, textWidth / size, fit?.lines ?? 3);
  const top = bandHeight + (card.logo ? margin / 2 + siteCardLogoBox.height : 0);
  const footY = siteCardSize.height - margin / 2;
  const bottom = footY - margin / 2;
  const titleHeight = titleLines.length * size * 1.15;
  const descriptionLines = wrapText(card.description, textWidth / description.size, description.lines);
  const descriptionHeight = descriptionLines.length * description.size * 1.35 + description.size * 0.6;
  // Three lines of title and two of description fit under the logo: the block is centred in what the band and logo leave.
  const blockHeight = titleHeight + (descriptionLines.length > 0 ? descriptionHeight : 0);
  const blockTop = top + (bottom - top - blockHeight) / 2;
  const rtl = startsRightToLeft(card.title);
  const line = (text: string, y: number, fontSize: number, fill: string, weight: string) =>
    x(
      'text',
      {
        x: rtl ? siteCardSize.width - margin : margin,
        y: Math.round(y),
        'font-family': fontFamily,
        'font-size': fontSize,
        'font-weight': weight,
        fill,
        // Right to left, `start` is the right end: the line is set from the right margin.
        'text-anchor': 'start',
        ...(rtl ? { direction: 'rtl' } : {}),
      },
      text,
    );
  const titleTexts = titleLines.map((text, index) => line(text, blockTop + size * (0.92 + index * 1.15), size, colors.ink, 'bold'));
  const descriptionTop = blockTop + titleHeight + description.size * 0.6;
  const descriptionTexts = descriptionLines.map((text, index) => line(text, descriptionTop + description.size * (1 + index * 1.35), description.size, colors.muted, 'normal'));
  return {
    type: 'root',
    children: [
      x(
        'svg',
        { xmlns: 'http://www.w3.org/2000/svg', width: siteCardSize.width, height: siteCardSize.height, viewBox: `0 0 ${siteCardSize.width} ${siteCardSize.height}` },
        x('rect', { width: siteCardSize.width, height: siteCardSize.height, fill: colors.paper }),
        x('rect', { width: siteCardSize.width, height: bandHeight, fill: colors.accent }),
        x('rect', { x: rtl ? siteCardSize.width - margin - ruleWidth : margin, y: footY - 9, width: ruleWidth, height: 4, fill: colors.accent }),
        x(
          'text',
          {
            x: rtl ? siteCardSize.width - margin - ruleWidth - 20 : margin + ruleWidth + 20,
            y: footY,
            'font-family': fontFamily,
            'font-size': 24,
            fill: colors.muted,
            'text-anchor': rtl ? 'end' : 'start',
          },
          card.host,
        ),
        ...titleTexts,
        ...descriptionTexts,
      ),
    ],
  };
}

/** Where the logo is drawn over the card (its top left corner), fitted into `siteCardLogoBox`. */
export function siteCardLogoPlace(): { readonly left: number; readonly top: number } {
  return { left: margin, top: bandHeight + margin / 2 };
}

/**
 * `text` broken into lines of at most `room` ems (as wide as DejaVu Sans Bold sets them, a little
 * over), at spaces, or between graphemes inside a word longer than a line (CJK text has no
 * spaces); more than `maxLines` lines are cut at a word of the last with `…`.
 */
export function wrapText(text: string, room: number, maxLines: number): string[] {
  const words = text.split(/\s+/u).filter((word) => word !== '');
  const lines: string[] = [];
  let current = '';
  for (const word of words.flatMap((each) => (widthOf(each) <= room ? [each] : splitToFit(each, room)))) {
    const joined = current === '' ? word : `${current} ${word}`;
    if (widthOf(joined) <= room) current = joined;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current !== '') lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept.pop() ?? '';
  return [...kept, withEllipsis(last, room)];
}

/** A line with `…` after it, words dropped from its end (or graphemes, from a single word) until both fit. */
function withEllipsis(line: string, room: number): string {
  let cut = line;
  while (cut !== '' && widthOf(`${cut}…`) > room) {
    const space = cut.lastIndexOf(' ');
    cut =
      space > 0
        ? cut.slice(0, space)
        : [...anyLanguageSegmenter('grapheme').segment(cut)]
            .slice(0, -1)
            .map((part) => part.segment)
            .join('');
  }
  return `${cut.replace(/[\s\p{P}]+$/u, '') || cut}…`;
}

/** A word too wide for a line, in pieces that fit, broken between graphemes. */
function splitToFit(word: string, room: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const { segment } of anyLanguageSegmenter('grapheme').segment(word)) {
    if (current !== '' && widthOf(current + segment) > room) {
      pieces.push(current);
      current = segment;
    } else current += segment;
  }
  return current === '' ? pieces : [...pieces, current];
}

/** The width of `text` in ems, as DejaVu Sans Bold sets it or a little wider (an estimate by kind of character). */
export function widthOf(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
}

const narrow = /[ilj.,:;!|'’`\s]/u;
const half = /[frt()[\]{}\-/"“”]/u;
const wide = /[mwMW@%]/u;
const mark = /\p{M}/u;
// CJK, kana, Hangul and full-width forms, and emoji: a full em each.
const fullWidth = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1faff}\u{20000}-\u{3fffd}]/u;

function charWidth(char: string): number {
  if (mark.test(char)) return 0;
  if (narrow.test(char)) return 0.36;
  if (half.test(char)) return 0.5;
  if (wide.test(char)) return 1.08;
  if (fullWidth.test(char)) return 1.02;
  if (/[a-z\u00df-\u00ff\u0430-\u045f]/.test(char)) return 0.72;
  if (/[\u0590-\u08ff]/.test(char)) return 0.62;
  return 0.8;
}

/** Whether the first letter of `text` that has a direction is of a right-to-left script (Hebrew, Arabic, Syriac, Thaana…). */
function startsRightToLeft(text: string): boolean {
  const strong = /[\p{L}]/u.exec(text)?.[0];
  return strong !== undefined && /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u.test(strong);
}
