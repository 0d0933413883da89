/** A Latin, Greek or Cyrillic letter followed by the combining marks (accents) NFKD split off it. */
const accentedLetter = /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{M}+/gu;

/**
 * Turn a section, topic or tag name into a URL segment: lower case, accents removed from Latin,
 * Greek and Cyrillic letters (`Ñandú` → `nandu`), the letters of other scripts kept whole, their
 * marks included (`ガス`, `हिन्दी`), in NFC; everything but letters, marks and digits folded into
 * single `-` (a mark that belongs to no letter goes too). An empty result means the name has
 * nothing to make a URL from.
 */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(accentedLetter, '$1')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/(^|-)\p{M}+/gu, '$1')
    .replace(/^-+|-+$/g, '');
}
