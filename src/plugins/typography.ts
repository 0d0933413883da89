import type { Parent, Root, RootContent, Text } from 'mdast';
import { pairQuotes, type QuoteRole } from './quote-pairs.js';
import { setDashes, setEllipses, setFrenchPunctuation, typographicMarks, type TypographicMarks } from './typographic-marks.js';

// remark-smartypants was tried and not kept: it parses every text twice with retext (some 13 ms a
// wire story, four times the cost of modelling it), cannot tell a German closing ‘ from an
// apostrophe, and changes bare URLs. Quotes are paired here in one pass over each block's text.

const blockTypes = new Set(['paragraph', 'heading', 'tableCell']);
const urlPattern = /\b(?:https?:\/\/|www\.)[^\s<>"]*[^\s<>"'.,;:!?)\]]/gi;
const codeTagPattern = /^<(\/?)(code|pre|kbd|samp|var|script|style)\b/i;

/** A stretch of a text node: `literal` ones (URLs, code) are read as a word and left as written. */
interface Piece {
  readonly text: string;
  readonly literal: boolean;
}

/** What one block reads, in order: its text nodes, cut into pieces, and the code between them. */
type Item = { readonly node: Text; readonly pieces: readonly Piece[] } | { readonly opaque: number };

/**
 * Set the quotation marks, apostrophes, dashes and ellipses of a Markdown body in the typography
 * of `lang` (see `typographicMarks`), in place. Code, URLs (autolinks and bare addresses), raw
 * HTML and the text inside inline HTML code elements are left as written.
 */
export function typesetBody(tree: Root, lang: string): void {
  const marks = typographicMarks(lang);
  if (marks) eachBlock(tree, (block) => typesetBlock(itemsOf(block), marks));
}

/** A plain-text field (headline, summary, caption, note…) in the typography of `lang`, by the same rules as bodies. */
export function typesetText(text: string, lang: string): string {
  const marks = typographicMarks(lang);
  if (!marks || !/["'.\-—;:!?«»]/.test(text)) return text;
  const node: Text = { type: 'text', value: text };
  typesetBlock([{ node, pieces: piecesOf(text, false) }], marks);
  return node.value;
}

/** Call `see` on every paragraph, heading and table cell. */
function eachBlock(node: Parent, see: (block: Parent) => void): void {
  for (const child of node.children) {
    if (blockTypes.has(child.type)) see(child as Parent);
    else if ('children' in child) eachBlock(child, see);
  }
}

/** The text of a block in reading order: autolinks' text, bare URLs and text inside inline HTML code elements literal; inline code opaque. */
function itemsOf(parent: Parent, items: Item[] = []): Item[] {
  let insideCode = 0;
  for (const child of parent.children as RootContent[]) {
    if (child.type === 'html') {
      const tag = codeTagPattern.exec(child.value);
      if (tag) insideCode = Math.max(0, insideCode + (tag[1] === '/' ? -1 : 1));
    } else if (child.type === 'text') {
      items.push({ node: child, pieces: piecesOf(child.value, insideCode > 0) });
    } else if (child.type === 'inlineCode') {
      items.push({ opaque: child.value.length });
    } else if (child.type === 'link' && isAutolink(child.url, child.children)) {
      for (const text of child.children) if (text.type === 'text') items.push({ node: text, pieces: [{ text: text.value, literal: true }] });
    } else if ('children' in child) {
      itemsOf(child, items);
    }
  }
  return items;
}

/** A link written as `<https://…>` or `<name@host>`: its text is its address. */
function isAutolink(url: string, children: readonly RootContent[]): boolean {
  const [only] = children;
  return children.length === 1 && only?.type === 'text' && (only.value === url || `mailto:${only.value}` === url);
}

/** A text cut around the bare URLs it holds (all of it literal when `literal`). */
function piecesOf(text: string, literal: boolean): Piece[] {
  if (literal) return [{ text, literal }];
  const pieces: Piece[] = [];
  let from = 0;
  for (const url of text.matchAll(urlPattern)) {
    if (url.index > from) pieces.push({ text: text.slice(from, url.index), literal: false });
    pieces.push({ text: url[0], literal: true });
    from = url.index + url[0].length;
  }
  if (from < text.length || pieces.length === 0) pieces.push({ text: text.slice(from), literal: false });
  return pieces;
}

/** Pair the quotes of a block's text, then rewrite each text node's free pieces in the language's marks. */
function typesetBlock(items: readonly Item[], marks: TypographicMarks): void {
  const read = items.map((item) => ('opaque' in item ? 'A'.repeat(item.opaque) : item.pieces.map((piece) => (piece.literal ? 'A'.repeat(piece.text.length) : piece.text)).join(''))).join('');
  const roles = read.includes('"') || read.includes("'") ? pairQuotes(read) : new Map<number, QuoteRole>();
  let offset = 0;
  for (const item of items) {
    if ('opaque' in item) {
      offset += item.opaque;
      continue;
    }
    let value = '';
    for (const piece of item.pieces) {
      value += piece.literal ? piece.text : setFree(piece.text, offset, roles, marks);
      offset += piece.text.length;
    }
    item.node.value = value;
  }
}

/** A free piece starting at `offset` of its block: quotes by their roles, then dashes, ellipses and French spacing. */
function setFree(text: string, offset: number, roles: ReadonlyMap<number, QuoteRole>, marks: TypographicMarks): string {
  // The text between the quotes is copied as it is: only a straight quote has a role.
  let value = '';
  let from = 0;
  for (let index = roles.size === 0 ? -1 : nextStraightQuote(text, 0); index >= 0; index = nextStraightQuote(text, index + 1)) {
    const quote = roles.get(offset + index);
    if (!quote) continue;
    value += text.slice(from, index);
    if (quote.role === 'apostrophe') {
      value += '’';
    } else if (!quote.double) {
      value += quote.role === 'open' ? marks.single[0] : marks.single[1];
    } else if (quote.role === 'open') {
      value += marks.double[0] + marks.quoteSpace;
      if (marks.quoteSpace !== '') while (/[ \u00A0]/.test(text.charAt(index + 1))) index++;
    } else {
      value = (marks.quoteSpace === '' ? value : value.replace(/[ \u00A0]+$/, '')) + marks.quoteSpace + marks.double[1];
    }
    from = index + 1;
  }
  value += text.slice(from);
  value = setEllipses(setDashes(value, marks));
  return marks.frenchPunctuation ? setFrenchPunctuation(value) : value;
}

/** The index of the first `"` or `'` of `text` at or after `from`, or -1. */
function nextStraightQuote(text: string, from: number): number {
  const double = text.indexOf('"', from);
  const single = text.indexOf("'", from);
  return double < 0 ? single : single < 0 ? double : Math.min(double, single);
}
