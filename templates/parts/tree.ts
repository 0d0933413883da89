import type { Element, Root } from 'hast';
import type { Result } from 'hastscript';

/** A complete HTML document: a root holding the doctype, then the nodes of `html`. */
export function documentRoot(html: Result): Root {
  return { type: 'root', children: [{ type: 'doctype' }, ...(html.type === 'root' ? html.children : [html])] };
}

/** The element a JSX expression built (hastscript types every JSX expression as element-or-root). */
export function asElement(result: Result): Element {
  if (result.type === 'element') return result;
  const [first] = result.children;
  if (result.children.length !== 1 || first?.type !== 'element') throw new Error('Expected one element, got a root');
  return first;
}
