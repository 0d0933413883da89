import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';

/** A parsed page to query with CSS selectors, as a reader's browser would see it. */
export interface ParsedPage {
  readonly tree: Root;
  /** Text of the first element matching `selector` (whitespace collapsed), or undefined. */
  text(selector: string): string | undefined;
  /** Texts of every element matching `selector`. */
  texts(selector: string): string[];
  /** An attribute of every element matching `selector`. */
  attrs(selector: string, name: string): string[];
  /** The whole visible text of the page, whitespace collapsed. */
  readonly allText: string;
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Parse an HTML page for assertions. */
export function parsePage(html: string): ParsedPage {
  const tree = fromHtml(html);
  const attr = (element: Element, name: string) => {
    const value = element.properties[name];
    return Array.isArray(value) ? value.join(' ') : String(value ?? '');
  };
  return {
    tree,
    text: (selector) => {
      const found = select(selector, tree);
      return found ? squash(toString(found)) : undefined;
    },
    texts: (selector) => selectAll(selector, tree).map((element) => squash(toString(element))),
    attrs: (selector, name) => selectAll(selector, tree).map((element) => attr(element, name)),
    allText: squash(toString(select('body', tree) ?? tree)),
  };
}
