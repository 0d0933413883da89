/**
 * Turn a section, topic or tag name into a URL segment: lower case, accents removed, letters and
 * digits of any script kept (Cyrillic stays Cyrillic), everything else folded into single `-`.
 * An empty result means the name has nothing to make a URL from.
 */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}
