import type { InlineCode, Link, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import remarkSmartypants from 'remark-smartypants';
import { unified } from 'unified';
import { setDashes, setFrenchPunctuation, typographicMarks, type TypographicMarks } from './typographic-marks.js';

// remark-smartypants (retext-smartypants over the text of each paragraph, heading and table cell,
// read across emphasis and links) decides which straight quote opens and which closes. It writes
// these stand-ins, which the walk below turns into the language's marks: its own marks could not
// tell a German closing ‘ from an apostrophe. Dashes are set here, not by it (its old-school
// dashes print to the console). Private-use characters: no story text holds them.
const openDouble = '\uE000';
const openSingle = '\uE001';
const closeDouble = '\uE002';
const closeSingle = '\uE003';
const smartypants = unified().use(remarkSmartypants, {
  openingQuotes: { double: openDouble, single: openSingle },
  closingQuotes: { double: closeDouble, single: closeSingle },
  dashes: false,
  backticks: false,
});

const blockTypes = new Set(['paragraph', 'heading', 'tableCell']);
// Bare URLs, and the stand-ins themselves where an author wrote them, are kept out of the quote rules.
const keptPattern = /\b(?:https?:\/\/|www\.)[^\s<>"]*[^\s<>"'.,;:!?)\]]|[\uE000-\uE003]+/gi;
const codeTagPattern = /^<(\/?)(code|pre|kbd|samp|var|script|style)\b/i;
const wordCharacter = /[\p{L}\p{N}]/u;

/**
 * Set the quotation marks, apostrophes, dashes and ellipses of a Markdown body in the typography
 * of `lang` (see `typographicMarks`), in place. Code, URLs (autolinks and bare addresses), raw
 * HTML and the text of inline HTML code elements are left as written.
 */
export function typesetBody(tree: Root, lang: string): void {
  const marks = typographicMarks(lang);
  if (marks) typesetTree(tree, marks);
}

/** A plain-text field (headline, summary, caption, note…) in the typography of `lang`, by the same rules as bodies. */
export function typesetText(text: string, lang: string): string {
  const marks = typographicMarks(lang);
  if (!marks || !/["'.\-;:!?«»]/.test(text)) return text;
  const paragraph = { type: 'paragraph', children: [{ type: 'text', value: text }] } as const satisfies RootContent;
  const tree: Root = { type: 'root', children: [paragraph] };
  typesetTree(tree, marks);
  return paragraph.children.map((child) => child.value).join('');
}

function typesetTree(tree: Root, marks: TypographicMarks): void {
  const kept = new Map<InlineCode, Text>();
  eachBlock(tree, (block) => keepLiteral(block, kept));
  smartypants.runSync(tree);
  eachBlock(tree, (block) => {
    setMarks(block, marks);
    restore(block, kept);
  });
}

/** Call `see` on every paragraph, heading and table cell. */
function eachBlock(node: Parent, see: (block: Parent) => void): void {
  for (const child of node.children) {
    if (blockTypes.has(child.type)) see(child as Parent);
    else if ('children' in child) eachBlock(child, see);
  }
}

/**
 * Hide from the quote rules what must stay as written, as inline code (which they read as a word):
 * the text of an autolink, bare URLs, the stand-ins, and the text inside inline HTML code elements.
 */
function keepLiteral(parent: Parent, kept: Map<InlineCode, Text>): void {
  let insideCode = 0;
  const children: RootContent[] = [];
  for (const child of parent.children as RootContent[]) {
    if (child.type === 'html') {
      const tag = codeTagPattern.exec(child.value);
      if (tag) insideCode = Math.max(0, insideCode + (tag[1] === '/' ? -1 : 1));
      children.push(child);
    } else if (child.type === 'text') {
      children.push(...(insideCode > 0 ? [hide(child, kept)] : splitUrls(child, kept)));
    } else if (child.type === 'link' && isAutolink(child)) {
      child.children = child.children.map((text) => (text.type === 'text' ? hide(text, kept) : text));
      children.push(child);
    } else {
      if ('children' in child) keepLiteral(child, kept);
      children.push(child);
    }
  }
  parent.children = children;
}

/** A link written as `<https://…>` or `<name@host>`: its text is its address. */
function isAutolink(link: Link): boolean {
  const [only] = link.children;
  return link.children.length === 1 && only?.type === 'text' && (link.url === only.value || link.url === `mailto:${only.value}`);
}

/** A text node cut around the bare URLs (and stand-ins) it holds, each hidden (see `hide`). */
function splitUrls(text: Text, kept: Map<InlineCode, Text>): PhrasingContent[] {
  const pieces: PhrasingContent[] = [];
  let from = 0;
  for (const url of text.value.matchAll(keptPattern)) {
    if (url.index > from) pieces.push({ type: 'text', value: text.value.slice(from, url.index) });
    pieces.push(hide({ type: 'text', value: url[0] }, kept));
    from = url.index + url[0].length;
  }
  if (from === 0) return [text];
  if (from < text.value.length) pieces.push({ type: 'text', value: text.value.slice(from) });
  return pieces;
}

/** Inline code standing for `text` until `restore` puts it back. */
function hide(text: Text, kept: Map<InlineCode, Text>): InlineCode {
  const stand: InlineCode = { type: 'inlineCode', value: text.value };
  kept.set(stand, text);
  return stand;
}

/** Put back what `keepLiteral` hid. */
function restore(parent: Parent, kept: Map<InlineCode, Text>): void {
  parent.children = (parent.children as RootContent[]).map((child) => {
    if (child.type === 'inlineCode') return kept.get(child) ?? child;
    if ('children' in child) restore(child, kept);
    return child;
  }) as Parent['children'];
}

/** The text nodes of a block in reading order (code, hidden text and raw HTML left out). */
function textsOf(parent: Parent, texts: Text[] = []): Text[] {
  for (const child of parent.children as RootContent[]) {
    if (child.type === 'text') texts.push(child);
    else if ('children' in child) textsOf(child, texts);
  }
  return texts;
}

/**
 * Turn the stand-ins of one block into the language's marks: a closing single quote before a
 * letter or digit, or with no single quote open, is an apostrophe (’); then set dashes, and French spacing.
 */
function setMarks(block: Parent, marks: TypographicMarks): void {
  let openSingles = 0;
  for (const text of textsOf(block)) {
    let value = '';
    const source = text.value;
    for (let index = 0; index < source.length; index++) {
      const character = source.charAt(index);
      if (character === openDouble) {
        value += marks.double[0] + marks.quoteSpace;
        if (marks.quoteSpace !== '') while (/[ \u00A0]/.test(source.charAt(index + 1))) index++;
      } else if (character === closeDouble) {
        value = (marks.quoteSpace === '' ? value : value.replace(/[ \u00A0]+$/, '')) + marks.quoteSpace + marks.double[1];
      } else if (character === openSingle) {
        openSingles++;
        value += marks.single[0];
      } else if (character === closeSingle) {
        const apostrophe = wordCharacter.test(source.charAt(index + 1)) || openSingles === 0;
        if (!apostrophe) openSingles--;
        value += apostrophe ? '’' : marks.single[1];
      } else {
        value += character;
      }
    }
    value = setDashes(value, marks);
    text.value = marks.frenchPunctuation ? setFrenchPunctuation(value) : value;
  }
}
