import type { Point } from '../model/article.js';

/** One line of scraped text, cleaned up, with where its text starts in the input. */
export interface TextLine {
  /** The line's text: control characters removed, every run of spaces (no-break ones included) one space, trimmed. */
  readonly text: string;
  /** Line and column (1-based) of the line's first non-space character in the input. */
  readonly place: Point;
}

// C0 and C1 control characters but tab (a space for us), and zero-width spaces: scraping leftovers.
const invisible = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B\uFEFF]/g;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Split scraped text into cleaned lines (LF, CRLF and CR endings alike). Blank lines are kept,
 * as `''`: they separate the story's blocks. No-break spaces, which scraped pages are full of,
 * become ordinary spaces, and a lone UTF-16 surrogate becomes U+FFFD.
 */
export function textLines(input: string): TextLine[] {
  return input.split(/\r\n|\r|\n/).map((raw, index) => {
    const start = raw.search(/[^\s\u200B]/u);
    const text = raw.replace(loneSurrogate, '\uFFFD').replace(invisible, '').replace(/\s+/g, ' ').trim();
    return { text, place: { line: index + 1, column: start === -1 ? 1 : start + 1 } };
  });
}

/** Whether a line is a page counter such as `0 20` (views, comments): numbers only, never story text. */
export function isCounter(line: TextLine): boolean {
  return /^\d+(?: \d+)*$/.test(line.text);
}

/** Whether a line is a photo credit, `© REUTERS / Alexander Zemlianichenko/Pool`. */
export function isCredit(line: TextLine): boolean {
  return line.text.startsWith('©');
}
