import { anyLanguageSegmenter } from './segmenters.js';

/** A run of characters between white space: a word when it holds a letter or a digit. */
const spacedRun = /\S+/g;
const letterOrDigit = /[\p{L}\p{N}]/u;

/** Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Burmese). */
const unspacedScript = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/**
 * How much of an unspaced run the segmenter reads at once: ICU's word iterator slows down with the
 * length of its text, so a long run goes in slices (a word cut in two at a seam counts twice).
 */
const sliceLength = 200;

/**
 * How many words a text has: one per run between white space holding a letter or digit, and
 * for a run in a script written without spaces, the words `Intl.Segmenter` finds in it.
 */
export function countWords(text: string): number {
  // Runs first, then a test of each: one pattern for a word (`\S*[\p{L}\p{N}]\S*`) backtracks over
  // every run without a letter, in time that grows with the square of its length.
  const unspaced = unspacedScript.test(text);
  let count = 0;
  for (const [run] of text.matchAll(spacedRun)) {
    if (!letterOrDigit.test(run)) continue;
    count += unspaced && unspacedScript.test(run) ? Math.max(1, segmentedWords(run)) : 1;
  }
  return count;
}

function segmentedWords(run: string): number {
  let found = 0;
  for (let start = 0; start < run.length; start += sliceLength) {
    for (const segment of anyLanguageSegmenter('word').segment(run.slice(start, start + sliceLength))) if (segment.isWordLike === true) found++;
  }
  return found;
}
