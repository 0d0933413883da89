import type { Element, ElementContent, Root, RootContent } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import { headlineKey } from './story-link.js';

/** What the cleanup needs to know about the story. */
export interface WireHtmlCleanupOptions {
  /** The story's headline: a heading in the body that repeats it is dropped. */
  readonly title: string;
  /** Told of each embed, media player or picture that the cleanup drops (scripts, styles and forms are not copy, and go unsaid). */
  readonly leftOut?: ((what: string) => void) | undefined;
}

/** What the cleanup of one tree carries down: the headline's key and where to tell of parts left out. */
interface Cleaning {
  readonly titleKey: string;
  readonly leftOut: (what: string) => void;
}

/** Elements whose content is never story text (`base` would re-aim links, media players are not text). */
const dropped = new Set(['script', 'style', 'template', 'noscript', 'head', 'title', 'base', 'iframe', 'object', 'embed', 'audio', 'video', 'form', 'button', 'select', 'textarea', 'input']);
/** The dropped elements that carry copy a reader would have seen (an embedded video, a tweet), with the attribute naming what they show. */
const shown: Readonly<Record<string, { readonly article: string; readonly attribute: string }>> = {
  iframe: { article: 'an', attribute: 'src' },
  object: { article: 'an', attribute: 'data' },
  embed: { article: 'an', attribute: 'src' },
  audio: { article: 'an', attribute: 'src' },
  video: { article: 'a', attribute: 'src' },
};
/** Elements kept for their text only: strike-through and stray table parts, which wiredesk's Markdown (no GFM) cannot write. */
const unwrapped = new Set(['del', 's', 'strike', 'td', 'th', 'thead', 'tbody', 'tfoot', 'caption']);
const headingRank: Readonly<Record<string, number>> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };

/** True for an absolute `http(s):` or `mailto:` URL, the only links and pictures worth keeping from wire copy. */
export function isWebUrl(url: unknown, allowMail = false): url is string {
  return typeof url === 'string' && (/^https?:\/\/[^\s/]/i.test(url.trim()) || (allowMail && /^mailto:[^\s]/i.test(url.trim())));
}

/**
 * A rehype plugin that readies a wire body for Markdown: scripts, styles, embeds and forms go; links other
 * than http(s)/mailto lose their target and keep their text (relative links point into the
 * provider's site, `javascript:` ones run code); pictures without an http(s) source go; tables
 * become one paragraph a row, cells joined by ` | ` (wiredesk's Markdown has no tables); a heading
 * that repeats the headline goes, and when an `<h1>` is left every heading moves down a rank, so
 * the page's own `<h1>` stays the only one.
 */
export function rehypeWireCleanup(options: WireHtmlCleanupOptions) {
  const cleaning: Cleaning = { titleKey: headlineKey(options.title), leftOut: options.leftOut ?? (() => undefined) };
  return (tree: Root): void => {
    tree.children = cleanChildren(tree.children, cleaning);
    let hasTopHeading = false;
    visit(tree, 'element', (element) => {
      if (element.tagName === 'h1') hasTopHeading = true;
    });
    if (!hasTopHeading) return;
    visit(tree, 'element', (element) => {
      const rank = headingRank[element.tagName];
      if (rank !== undefined) element.tagName = `h${Math.min(rank + 1, 6)}`;
    });
  };
}

/** The cleaned children of a node, elements unwrapped or removed as the plugin documents. */
function cleanChildren(children: readonly RootContent[], cleaning: Cleaning): RootContent[] {
  return children.flatMap((child): RootContent[] => {
    if (child.type === 'comment') return [];
    return child.type === 'element' ? cleanElement(child, cleaning) : [child];
  });
}

/** One element after cleaning: itself, its children (unwrapped), or nothing. */
function cleanElement(element: Element, cleaning: Cleaning): ElementContent[] {
  const name = element.tagName;
  if (dropped.has(name)) {
    const media = shown[name];
    if (media) {
      const source = element.properties[media.attribute];
      cleaning.leftOut(`${media.article} \`<${name}>\`${isWebUrl(source) ? ` of ${source.trim()}` : ''}`);
    }
    return [];
  }
  if (name === 'img' && !isWebUrl(element.properties['src'])) {
    cleaning.leftOut('a picture without an http(s) source');
    return [];
  }
  if (name === 'table' || name === 'tr') return tableRows(element, cleaning);
  const children = cleanChildren(element.children, cleaning) as ElementContent[];
  if (unwrapped.has(name) || (name === 'a' && !isWebUrl(element.properties['href'], true))) return children;
  const rank = headingRank[name];
  if (rank !== undefined && headlineKey(toString(element)) === cleaning.titleKey) return [];
  return [{ ...element, children }];
}

/** A table as paragraphs: its caption, then each row with its cells joined by ` | `. */
function tableRows(table: Element, cleaning: Cleaning): ElementContent[] {
  const paragraphs: ElementContent[] = [];
  visit(table, 'element', (element) => {
    if (element.tagName !== 'caption' && element.tagName !== 'tr') return;
    const parts = element.tagName === 'caption' ? [element] : element.children.filter((cell): cell is Element => cell.type === 'element' && (cell.tagName === 'td' || cell.tagName === 'th'));
    const children = parts.flatMap((part, index): ElementContent[] => [
      ...(index > 0 ? [{ type: 'text' as const, value: ' | ' }] : []),
      ...(cleanChildren(part.children, cleaning) as ElementContent[]),
    ]);
    if (children.length > 0) paragraphs.push({ type: 'element', tagName: 'p', properties: {}, children });
    return 'skip';
  });
  return paragraphs;
}
