import { createHash } from 'node:crypto';
import { headlineKey } from './story-link.js';
import type { ExistingStories } from './imported-story.js';

/** How many significant words of the headline an id keeps. */
export const idWords = 8;

// Words that carry no meaning in an id ("Russia Interested in Developing…" → "russia-interested-developing…").
const stopWords = new Set('a an and are as at be been but by for from had has have he her his in into is it its of on or she than that the their them they this to was were will with'.split(' '));

// Russian and Ukrainian letters, transliterated after the common passport (ICAO 9303) table.
const cyrillic: Record<string, string> = Object.fromEntries(
  [
    ...'а:a б:b в:v г:g д:d е:e ё:e ж:zh з:z и:i й:i к:k л:l м:m н:n о:o п:p р:r с:s т:t у:u ф:f х:kh ц:ts ч:ch ш:sh щ:shch ъ:ie ы:y ь: э:e ю:iu я:ia'.split(' '),
    ...'і:i ї:i є:ie ґ:g ў:u ђ:d ј:j љ:lj њ:nj ћ:c џ:dz'.split(' '),
  ].map((pair) => pair.split(':') as [string, string]),
);
// Latin letters that have no decomposition into a base letter and marks.
const latin: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** A word in lower-case ASCII letters, digits and inner hyphens, or `undefined` when some of its letters have no ASCII spelling here. */
function asciiWord(word: string): string | undefined {
  const folded = [
    ...word
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase(),
  ]
    .map((char) => cyrillic[char] ?? latin[char] ?? char)
    .join('')
    // `Int'l` → `intl`, `U.S.` → `us`: an apostrophe or a dot inside a word joins it.
    .replace(/(?<=\p{L})['’.](?=\p{L})/gu, '');
  if (/[^\x00-\x7F]/.test(folded.replace(/[^\p{L}\p{N}]/gu, ''))) return undefined;
  return folded.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** A short stable digest of some text, for ids that cannot be spelt from the headline. */
function digestOf(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/**
 * The id of an imported story, made from its headline alone, so that importing the same story
 * again gives the same id: its first significant words (stop words such as "in" and "the"
 * dropped, accents removed, Cyrillic transliterated), joined by `-`. A headline with words that
 * cannot be spelt in ASCII (Chinese, Arabic…) gets a digest of the headline as well, or only that
 * (`story-…`) when no word can be spelt. When `existing` already has a story with that id and
 * another headline, the digest of the headline is added to tell the two apart.
 */
export function storyIdFrom(headline: string, existing: ExistingStories): string {
  const words = headline.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));
  const spelt = words.map(asciiWord);
  const kept = spelt.filter((word): word is string => word !== undefined && word !== '');
  const significant = kept.filter((word) => !stopWords.has(word));
  const chosen = (significant.length > 0 ? significant : kept).slice(0, idWords);
  const digest = digestOf(headlineKey(headline), 8);
  const base = chosen.length === 0 ? `story-${digest}` : spelt.includes(undefined) ? `${chosen.join('-')}-${digest}` : chosen.join('-');
  const taken = existing.byId(base);
  return taken && headlineKey(taken.title) !== headlineKey(headline) && !base.endsWith(digest) ? `${base}-${digest}` : base;
}
