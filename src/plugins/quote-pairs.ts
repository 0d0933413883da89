/** What a straight quote in running text is: an opening or closing quotation mark, or an apostrophe. */
export interface QuoteRole {
  /** `"` (the outer marks) rather than `'` (the inner ones). */
  readonly double: boolean;
  readonly role: 'open' | 'close' | 'apostrophe';
}

const space = /\s/;
const punctuation = /[\p{P}\p{S}]/u;
const decade = /^\d\d(?:s)?(?![\p{L}\p{N}])/u;

/**
 * Read the straight quotes of one block's text (a paragraph, heading or table cell, read across
 * emphasis and links) as CommonMark reads emphasis delimiters: a quote with text after it and no
 * space can open, one with text before it can close; within a word it is an apostrophe
 * (`don't`, `l'État`), as is a single quote that closes nothing (`students'`) or starts a decade
 * (`'80s`). A closing quote pairs with the last open one of its kind; a quote left open stays an
 * opening one (a quotation running on into the next paragraph). A quote with spaces on both
 * sides is left as written (absent from the result). Returns the role of each quote by its index.
 */
export function pairQuotes(text: string): Map<number, QuoteRole> {
  const roles = new Map<number, QuoteRole>();
  const open: { readonly index: number; readonly double: boolean }[] = [];
  for (const found of text.matchAll(/["']/g)) {
    const index = found.index;
    const double = found[0] === '"';
    const before = index > 0 ? text.charAt(index - 1) : ' ';
    const after = index + 1 < text.length ? text.charAt(index + 1) : ' ';
    const [spaceBefore, spaceAfter] = [space.test(before), space.test(after)];
    const [punctuationBefore, punctuationAfter] = [punctuation.test(before), punctuation.test(after)];
    if (!double && (spaceBefore || punctuationBefore) && decade.test(text.slice(index + 1, index + 4))) {
      roles.set(index, { double, role: 'apostrophe' });
      continue;
    }
    let canOpen = !spaceAfter && (!punctuationAfter || spaceBefore || punctuationBefore);
    let canClose = !spaceBefore && (!punctuationBefore || spaceAfter || punctuationAfter);
    if (canOpen && canClose) [canOpen, canClose] = [punctuationBefore, punctuationAfter];
    if (canClose) {
      const opener = open.findLastIndex((candidate) => candidate.double === double);
      if (opener >= 0) {
        roles.set(open[opener]?.index ?? index, { double, role: 'open' });
        roles.set(index, { double, role: 'close' });
        open.length = opener;
        continue;
      }
    }
    if (canOpen) open.push({ index, double });
    else if (!double && (canClose || !spaceBefore || !spaceAfter)) roles.set(index, { double, role: 'apostrophe' });
    else if (canClose) roles.set(index, { double, role: 'close' });
  }
  for (const left of open) roles.set(left.index, { double: left.double, role: 'open' });
  return roles;
}
