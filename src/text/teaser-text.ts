import { formatterTable } from './formatter-table.js';

/** How long a card's teaser text may be, in UTF-16 code units: a sentence or two. */
export const teaserLimits = {
  /** Past this, the text is shortened. */
  longest: 200,
  /** A cut at a sentence's end is taken when it keeps at least this much. */
  shortestSentences: 80,
  /** Otherwise the text is cut at the last word boundary before this, and `…` added. */
  wordCut: 180,
} as const;

// The sentence and word segmenters of each language (see `formatterTable`: they hold no site state).
const sentences = formatterTable((language: string): Intl.Segmenter => segmenter(language, 'sentence'));
const words = formatterTable((language: string): Intl.Segmenter => segmenter(language, 'word'));

function segmenter(language: string, granularity: 'sentence' | 'word'): Intl.Segmenter {
  try {
    return new Intl.Segmenter(language, { granularity });
  } catch {
    return new Intl.Segmenter('en', { granularity });
  }
}

/**
 * A teaser text cut to a sentence or two: the text itself when it is at most `longest` long; else
 * its whole sentences up to `longest` when they keep at least `shortestSentences`; else the text
 * up to the last word that ends before `wordCut`, with `…`. Sentences and words are found by the
 * rules of `language` (`Intl.Segmenter`), so a cut never falls inside a word, in any script.
 */
export function teaserText(text: string, language: string): string {
  const trimmed = text.trim();
  if (trimmed.length <= teaserLimits.longest) return trimmed;
  let sentenceEnd = 0;
  for (const { index, segment } of sentences(language).segment(trimmed)) {
    const end = index + segment.length;
    if (end > teaserLimits.longest) break;
    sentenceEnd = end;
  }
  const bySentence = trimmed.slice(0, sentenceEnd).trimEnd();
  if (bySentence.length >= teaserLimits.shortestSentences) return bySentence;
  let wordEnd = 0;
  for (const { index, segment, isWordLike } of words(language).segment(trimmed)) {
    const end = index + segment.length;
    if (end > teaserLimits.wordCut) break;
    if (isWordLike === true) wordEnd = end;
  }
  // One word longer than the cut (a URL, say): cut at the limit, on a whole character.
  const cut = wordEnd > 0 ? trimmed.slice(0, wordEnd) : [...trimmed.slice(0, teaserLimits.wordCut)].slice(0, -1).join('');
  return `${cut.replace(/[\s,;:–—-]+$/u, '')}…`;
}
