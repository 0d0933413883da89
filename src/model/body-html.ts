import { randomUUID } from 'node:crypto';
import type { Element, ElementContent, Properties, Root, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import type { Dateline } from './article.js';

/** One link to another story, cut out of the body's HTML so its target is linked when a page renders. */
export interface BodyLink {
  /** Index of the reference in the story's `references`. */
  readonly ref: number;
  /** The link's own attributes (a `title`, say), without `href`. */
  readonly properties: Properties;
  /** True when the link has no text of its own: the target's headline is shown. */
  readonly empty: boolean;
  /**
   * For the empty link of a READ MORE callout: how many characters of HTML the callout has
   * before the link's opening tag (the `<aside>` and its label), and after it (the link's
   * children and closing tag, then the aside's). Without a target the whole callout is left out:
   * it would be an empty box.
   */
  readonly callout?: { readonly head: number; readonly tail: number };
}

/**
 * A story body as HTML, serialized once when the story is modelled, as UTF-8 bytes cut where
 * story links open: piece 0 (`bytes` up to `cuts[0]`), the opening tag of `links[0]`, piece 1,
 * … (`cuts` has one offset per link). Each piece was produced by hast-util-to-html from a
 * sanitized tree, so joining them with opening tags built the same way keeps escaping by
 * construction, while a page costs a join instead of a tree walk. Bytes, not a string: wire copy
 * is full of `–` and `“”`, which make a JavaScript string two bytes a character, and bytes cross
 * threads and the cache as one copy.
 */
export interface BodyHtml {
  readonly bytes: Uint8Array;
  readonly cuts: readonly number[];
  readonly links: readonly BodyLink[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The HTML pieces of a body, between its story links (one more than the links). */
export function bodyPieces(body: BodyHtml): string[] {
  const bounds = [0, ...body.cuts, body.bytes.byteLength];
  return bounds.slice(1).map((end, index) => decoder.decode(body.bytes.subarray(bounds[index], end)));
}

/** A dateline as wire services print it: `ST PETERSBURG (Sputnik) –` (place as written, agency in parentheses). */
function datelineText(dateline: Dateline): string {
  return `${dateline.place}${dateline.agency === undefined ? '' : ` (${dateline.agency})`} –`;
}

// Stands in for a story link's opening tag while the body is serialized. Text and attribute values
// are escaped (`<` and `"` never survive), and the nonce changes with every process: a story cannot
// forge it.
const nonce = randomUUID();
const slotPattern = new RegExp(`<a data-wiredesk-slot="${nonce}-(\\d+)">`);

/**
 * Serialize a story body (hast, sanitized, story links marked with `dataStoryRef`) as shown on a
 * page: headings moved one level down when the author used `#` (the page's only `<h1>` is the
 * headline), the dateline put at the start of the first paragraph (or before the body when it
 * does not open with one), and story links cut out to be linked at render time.
 */
export function serializeBody(tree: Root, dateline: Dateline | undefined): BodyHtml {
  const leveled = hasH1(tree.children) ? { ...tree, children: tree.children.map(demote) } : tree;
  const shown = dateline ? withDateline(leveled, dateline) : leveled;
  const links: BodyLink[] = [];
  const cut = (node: RootContent | ElementContent): RootContent | ElementContent => {
    if (node.type !== 'element') return node;
    const first = links.length;
    const children = node.children.map((child) => cut(child) as ElementContent);
    const ref = node.properties.dataStoryRef;
    if (ref === undefined) {
      const callout = isReadMore(node) && links.length === first + 1 ? calloutAround({ ...node, children }) : undefined;
      const link = links[first];
      if (callout && link?.empty) links[first] = { ...link, callout };
      return { ...node, children };
    }
    const { dataStoryRef: _ref, href: _href, ...properties } = node.properties;
    const slot = links.length;
    links.push({ ref: Number(ref), properties, empty: toString(node).trim() === '' });
    return { type: 'element', tagName: 'a', properties: { dataWiredeskSlot: `${nonce}-${slot}` }, children };
  };
  const split = toHtml({ ...shown, children: shown.children.map(cut) as RootContent[] }).split(slotPattern);
  // `split` with a capturing group puts each slot number between the pieces: keep the pieces.
  const pieces = split.filter((_, index) => index % 2 === 0).map((piece) => encoder.encode(piece));
  const bytes = new Uint8Array(pieces.reduce((total, piece) => total + piece.byteLength, 0));
  const cuts: number[] = [];
  let offset = 0;
  for (const [index, piece] of pieces.entries()) {
    bytes.set(piece, offset);
    offset += piece.byteLength;
    if (index < pieces.length - 1) cuts.push(offset);
  }
  return { bytes, cuts, links };
}

/**
 * Join a body into HTML, each story link opened with `href` from `hrefOf` (and the target's
 * headline as its text when the link has none). A link whose target is absent stays an `<a>`
 * without `href`: text, not a link; a READ MORE callout whose link has no text of its own and whose
 * target is absent is left out.
 */
export function linkBody<T extends { readonly title: string }>(body: BodyHtml, targets: readonly (T | undefined)[], hrefOf: (target: T) => string): string {
  const pieces = bodyPieces(body);
  let out = pieces[0] ?? '';
  body.links.forEach((link, index) => {
    const target = targets[link.ref];
    if (!target && link.callout) {
      // A READ MORE of a story not shown: the callout is left out whole.
      out = out.slice(0, out.length - link.callout.head) + (pieces[index + 1] ?? '').slice(link.callout.tail);
      return;
    }
    const properties = target ? { href: hrefOf(target), ...link.properties } : link.properties;
    const text: ElementContent[] = target && link.empty ? [{ type: 'text', value: target.title }] : [];
    out += openingTag({ type: 'element', tagName: 'a', properties, children: text }) + (pieces[index + 1] ?? '');
  });
  return out;
}

/** True for a READ MORE callout (see `markStoryReferences`). */
function isReadMore(element: Element): boolean {
  const className = element.properties.className;
  return element.tagName === 'aside' && Array.isArray(className) && className.includes('read-more');
}

/** The lengths of a callout's HTML around its one story link's opening tag (see `BodyLink.callout`). */
function calloutAround(aside: Element): BodyLink['callout'] {
  const at = aside.children.findIndex((child) => child.type === 'element' && child.properties.dataWiredeskSlot !== undefined);
  const slot = aside.children[at];
  if (slot?.type !== 'element') return undefined;
  const closing = '</aside>'.length;
  const opening = toHtml({ ...aside, children: [] }).length - closing;
  const head = toHtml({ ...aside, children: aside.children.slice(0, at) }).length - closing;
  const inner = toHtml({ type: 'root', children: slot.children }).length + '</a>'.length;
  const tail = inner + toHtml({ ...aside, children: aside.children.slice(at + 1) }).length - opening;
  return { head, tail };
}

/** An element serialized without its closing tag (its children, if any, are kept). */
function openingTag(element: Element): string {
  return toHtml(element).slice(0, -'</a>'.length);
}

function withDateline(body: Root, dateline: Dateline): Root {
  const span: Element = { type: 'element', tagName: 'span', properties: { className: ['dateline'] }, children: [{ type: 'text', value: datelineText(dateline) }] };
  const index = body.children.findIndex((node) => !(node.type === 'text' && node.value.trim() === '') && node.type !== 'comment');
  const first = body.children[index];
  if (first?.type === 'element' && first.tagName === 'p') {
    const opened: Element = { ...first, children: [span, { type: 'text', value: ' ' }, ...first.children] };
    return { ...body, children: body.children.map((node, at) => (at === index ? opened : node)) };
  }
  const own: Element = { type: 'element', tagName: 'p', properties: { className: ['dateline-line'] }, children: [span] };
  return { ...body, children: [own, ...body.children] };
}

const headingPattern = /^h([1-6])$/;

function hasH1(nodes: readonly (RootContent | ElementContent)[]): boolean {
  return nodes.some((node) => node.type === 'element' && (node.tagName === 'h1' || hasH1(node.children)));
}

function demote<T extends RootContent | ElementContent>(node: T): T {
  if (node.type !== 'element') return node;
  const level = headingPattern.exec(node.tagName)?.[1];
  const tagName = level === undefined ? node.tagName : `h${Math.min(6, Number(level) + 1)}`;
  return { ...node, tagName, children: node.children.map(demote) };
}
