import { anyLanguageSegmenter } from './segmenters.js';

/**
 * `text` when it is at most `limit` UTF-16 code units long, else cut to fit with `…` added: at a
 * word boundary in the last third of the room (else at a grapheme boundary, never inside a letter
 * or emoji), without the spaces and punctuation the cut leaves at its end.
 */
export function cutAtWord(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const room = limit - 1; // for the ellipsis
  // The last white space that fits: a cut there is a cut between graphemes, found without segmenting.
  let lastSpace = -1;
  for (let index = room - 1; index >= 0 && lastSpace < 0; index--) if (whiteSpace.test(text.charAt(index))) lastSpace = index;
  // A word boundary in the last third reads better than a cut word; further back it loses too much.
  const cut = lastSpace >= (room * 2) / 3 ? text.slice(0, lastSpace) : text.slice(0, graphemeStart(text, room));
  return `${cut.replace(/[\s\p{P}]+$/u, '') || cut}…`;
}

const whiteSpace = /\s/u;

/**
 * Where the grapheme that holds the code unit at `at` starts (`at` itself when one starts there),
 * asked of the segmenter directly rather than by walking every grapheme before it. The text is
 * taken from its start (a run of flags pairs its regional indicators from the run's first), and a
 * little past `at`, which grapheme rules need (an emoji sequence, a letter with its marks).
 */
function graphemeStart(text: string, at: number): number {
  return (
    anyLanguageSegmenter('grapheme')
      .segment(text.slice(0, at + 32))
      .containing(at)?.index ?? at
  );
}

/**
 * The longest description a page emits (meta description, Open Graph, Twitter card, JSON-LD), in
 * UTF-16 code units: search engines and link previews show about this much and cut the rest.
 */
export const descriptionLimit = 160;

/** A page's description as its head emits it: as written when it fits, else cut at a word near {@link descriptionLimit} characters with `…`. */
export function previewDescription(text: string): string {
  return cutAtWord(text, descriptionLimit);
}
