import type { Element, ElementContent, Root, RootContent } from 'hast';
import type { Article, Dateline } from '../../src/model/article.js';
import { linkStoryReferences } from '../../src/plugins/link-story-refs.js';

/** A dateline as wire services print it: `ST PETERSBURG (Sputnik) –` (place as written, agency in parentheses). */
export function datelineText(dateline: Dateline): string {
  return `${dateline.place}${dateline.agency === undefined ? '' : ` (${dateline.agency})`} –`;
}

/**
 * A story body ready to show: story references linked through `hrefOf`, headings moved one level
 * down when the author used `#` (the page's only `<h1>` is the headline), and the dateline put at
 * the start of the first paragraph (or before the body when it does not open with one).
 * The stored body is never changed.
 */
export function storyBody(article: Article, targets: readonly Article[], hrefOf: (target: Article) => string): Root {
  const linked = linkStoryReferences(article.body, targets, hrefOf);
  const leveled = hasH1(linked.children) ? { ...linked, children: linked.children.map(demote) } : linked;
  return article.dateline ? withDateline(leveled, article.dateline) : leveled;
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
