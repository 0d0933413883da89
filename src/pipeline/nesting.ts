import type { Root as MdastRoot } from 'mdast';
import type { Node, Parent } from 'unist';

/**
 * How deep a story body may nest: block quotes and list items within one another, emphasis,
 * links and strike-through within one another. Deeper bodies are refused (`nesting-too-deep`):
 * the Markdown parser slows down with depth and tree walks run out of stack.
 */
export const nestingLimit = 100;

const space = 0x20;
const tab = 0x09;
const newline = 0x0a;
const carriageReturn = 0x0d;
const greaterThan = 0x3e;
const digit0 = 0x30;
const digit9 = 0x39;

/**
 * Where a body's block containers (block quotes and list items) first nest past `nestingLimit`:
 * the offset of the marker too deep, or undefined. One pass over the text, before parsing. It
 * errs on the side of depth (code blocks and thematic breaks are counted as the markers they
 * start with), which only matters past the limit: no story nests that deep.
 */
export function tooDeepContainer(text: string, limit = nestingLimit): number | undefined {
  // The content columns of the list items that may still be open, ascending: an item line drops
  // those starting right of its marker; a line indented to a column continues the items left of it.
  const items: number[] = [];
  let offset = 0;
  while (offset < text.length) {
    let column = 0;
    let quotes = 0;
    for (;;) {
      let code = text.charCodeAt(offset);
      while (code === space || code === tab) {
        column = code === tab ? column + 4 - (column % 4) : column + 1;
        code = text.charCodeAt(++offset);
      }
      const width = code === greaterThan ? 1 : listMarkerWidth(text, offset);
      if (width === 0) break;
      if (code === greaterThan) quotes++;
      else {
        while (items.length > 0 && (items[items.length - 1] as number) > column) items.pop();
        items.push(column + width + 1);
      }
      // A quote is inside the items its column continues; an item inside those left of its content.
      if (quotes + itemsUpTo(items, code === greaterThan ? column : column + width + 1) > limit) return offset;
      offset += width;
      column += width;
    }
    const end = text.indexOf('\n', offset);
    if (end < 0) break;
    offset = end + 1;
  }
  return undefined;
}

/** The width of the list marker (`-`, `+`, `*`, `1.`, `1)`) at `offset` when one starts a list item there, else 0. */
function listMarkerWidth(text: string, offset: number): number {
  const code = text.charCodeAt(offset);
  let width = 0;
  if (code === 0x2d || code === 0x2b || code === 0x2a) width = 1;
  else {
    while (width < 9 && isDigit(text.charCodeAt(offset + width))) width++;
    const after = text.charCodeAt(offset + width);
    if (width === 0 || (after !== 0x2e && after !== 0x29)) return 0;
    width++;
  }
  const after = text.charCodeAt(offset + width);
  return after === space || after === tab || after === newline || after === carriageReturn || Number.isNaN(after) ? width : 0;
}

function isDigit(code: number): boolean {
  return code >= digit0 && code <= digit9;
}

/** How many of the ascending content columns `items` are at or left of `column`. */
function itemsUpTo(items: readonly number[], column: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((items[middle] as number) <= column) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Where a body's inline markup first nests past `nestingLimit`: emphasis (`*`, `_`) and brackets
 * (links, images) closed inside one another, within a paragraph (lines up to a blank one). The
 * offset of the opening delimiter too deep, or undefined. One pass over the text, before parsing:
 * the parser takes time that grows with the square of such nesting.
 */
export function tooDeepInline(text: string, limit = nestingLimit): number | undefined {
  const blank = /\n[ \t]*\r?\n/g;
  let start = 0;
  while (start < text.length) {
    blank.lastIndex = start;
    const end = blank.exec(text)?.index ?? text.length;
    const found = tooDeepInParagraph(text, start, end, limit);
    if (found !== undefined) return found;
    start = end + 1;
  }
  return undefined;
}

/** One delimiter that opens or closes inline markup, and the index of its partner once matched. */
interface Delimiter {
  readonly offset: number;
  readonly opens: boolean;
  /** The levels it opens or closes: a run of `n` asterisks makes up to `n / 2` (rounded up) nested emphasis and strong. */
  readonly levels: number;
  closed?: boolean;
}

function tooDeepInParagraph(text: string, start: number, end: number, limit: number): number | undefined {
  const delimiters: Delimiter[] = [];
  const open: number[][] = [[], []];
  for (let offset = start; offset < end; offset++) {
    const code = text.charCodeAt(offset);
    if (code === 0x5c) {
      offset++;
      continue;
    }
    let kind = -1;
    let opens = false;
    let width = 1;
    if (code === 0x5b || code === 0x5d) {
      kind = 1;
      opens = code === 0x5b;
    } else if (code === 0x2a || code === 0x5f) {
      while (text.charCodeAt(offset + width) === code) width++;
      const before = text.charCodeAt(offset - 1);
      const after = text.charCodeAt(offset + width);
      const leftFlanking = !isWhite(after);
      const rightFlanking = offset > start && !isWhite(before);
      if (leftFlanking !== rightFlanking) {
        kind = 0;
        opens = leftFlanking;
      }
    }
    if (kind >= 0) {
      const stack = open[kind] as number[];
      const levels = Math.ceil(width / 2);
      if (opens) {
        stack.push(delimiters.length);
        delimiters.push({ offset, opens, levels });
      } else if (stack.length > 0) {
        const opener = delimiters[stack.pop() as number] as Delimiter;
        opener.closed = true;
        delimiters.push({ offset, opens, levels: opener.levels });
      }
    }
    offset += width - 1;
  }
  // Only what is closed nests (an opener never closed is text): count matched pairs open at once.
  let depth = 0;
  for (const delimiter of delimiters) {
    if (!delimiter.opens) depth -= delimiter.levels;
    else if (delimiter.closed === true && (depth += delimiter.levels) > limit) return delimiter.offset;
  }
  return undefined;
}

function isWhite(code: number): boolean {
  return Number.isNaN(code) || code === space || code === tab || code === newline || code === carriageReturn;
}

/** The node kinds that nest: each one inside another is a level. */
const nestingKinds = new Set(['blockquote', 'listItem', 'footnoteDefinition', 'emphasis', 'strong', 'delete', 'link', 'linkReference']);

/** The first node (in document order) of a Markdown tree that is nested past `nestingLimit`, or undefined. Walks without recursion. */
export function tooDeepNode(tree: MdastRoot, limit = nestingLimit): Node | undefined {
  const stack: { node: Node; level: number }[] = [{ node: tree, level: 0 }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const level = next.level + (nestingKinds.has(next.node.type) ? 1 : 0);
    if (level > limit) return next.node;
    const children = (next.node as Partial<Parent>).children;
    if (children) for (let index = children.length - 1; index >= 0; index--) stack.push({ node: children[index] as Node, level });
  }
  return undefined;
}
