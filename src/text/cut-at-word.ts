/**
 * `text` when it is at most `limit` UTF-16 code units long, else cut to fit with `…` added: at a
 * word boundary in the last third of the room (else at a grapheme boundary, never inside a letter
 * or emoji), without the spaces and punctuation the cut leaves at its end.
 */
export function cutAtWord(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const room = limit - 1; // for the ellipsis
  let kept = '';
  let lastSpace = -1;
  for (const { segment } of graphemes.segment(text)) {
    if (kept.length + segment.length > room) break;
    if (/^\s+$/u.test(segment)) lastSpace = kept.length;
    kept += segment;
  }
  // A word boundary in the last third reads better than a cut word; further back it loses too much.
  const cut = lastSpace >= (room * 2) / 3 ? kept.slice(0, lastSpace) : kept;
  return `${cut.replace(/[\s\p{P}]+$/u, '') || cut}…`;
}

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * The longest description a page emits (meta description, Open Graph, Twitter card, JSON-LD), in
 * UTF-16 code units: search engines and link previews show about this much and cut the rest.
 */
export const descriptionLimit = 160;

/** A page's description as its head emits it: as written when it fits, else cut at a word near {@link descriptionLimit} characters with `…`. */
export function previewDescription(text: string): string {
  return cutAtWord(text, descriptionLimit);
}
