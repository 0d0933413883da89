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
  if (!unspacedScript.test(text)) return spacedWords(text);
  // Runs first, then a test of each: one pattern for a word (`\S*[\p{L}\p{N}]\S*`) backtracks over
  // every run without a letter, in time that grows with the square of its length.
  let count = 0;
  for (const [run] of text.matchAll(spacedRun)) {
    if (!letterOrDigit.test(run)) continue;
    count += unspacedScript.test(run) ? Math.max(1, segmentedWords(run)) : 1;
  }
  return count;
}

/**
 * The runs between white space holding a letter or digit, in one pass over the text's code units:
 * a run is tested once, at its first character that is not an ASCII one (an ASCII letter or digit
 * settles it at once), and white space is JavaScript's `\s` (see `isSpace`).
 */
function spacedWords(text: string): number {
  let count = 0;
  // Whether the run being read is counted already.
  let counted = false;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (isSpace(code)) {
      counted = false;
    } else if (!counted && (isAsciiLetterOrDigit(code) || (code >= 0x80 && letterOrDigit.test(text.slice(at, at + 2))))) {
      // Two code units: a letter outside the Basic Multilingual Plane is a surrogate pair.
      counted = true;
      count++;
    }
  }
  return count;
}

function isAsciiLetterOrDigit(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39);
}

/** Whether a code unit is white space as JavaScript's `\s` has it: ASCII's, the no-break and Unicode spaces, line and paragraph separators, and U+FEFF. */
function isSpace(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

function segmentedWords(run: string): number {
  let found = 0;
  for (let start = 0; start < run.length; start += sliceLength) {
    for (const segment of anyLanguageSegmenter('word').segment(run.slice(start, start + sliceLength))) if (segment.isWordLike === true) found++;
  }
  return found;
}
