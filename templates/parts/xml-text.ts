import type { Element, ElementContent, Root, RootContent } from 'xast';
import type { Raw } from 'xast-util-to-xml';

// Characters XML 1.0 does not allow at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF).
const notXml = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * A copy of an XML tree that serializes to well-formed XML whatever text a story holds:
 * characters XML does not allow become U+FFFD (in text and attribute values), and no text closes
 * a CDATA section by accident: xast-util-to-xml escapes `<` and `&` in text but not `>`, and
 * `]]>` is not allowed in XML content, so each such `>` becomes `&gt;` (a `raw` node: serialize
 * with `allowDangerousXml`).
 */
export function wellFormedXml<T extends Root | Element>(tree: T): T {
  const attributes = tree.type === 'element' ? { attributes: cleanAttributes(tree.attributes) } : {};
  return { ...tree, ...attributes, children: tree.children.flatMap(wellFormedNode) } as T;
}

function cleanAttributes(attributes: Element['attributes']): Element['attributes'] {
  if (!attributes) return attributes;
  return Object.fromEntries(Object.entries(attributes).map(([name, value]) => [name, typeof value === 'string' ? value.replace(notXml, '\uFFFD') : value]));
}

function wellFormedNode(node: RootContent): (RootContent | Raw)[] {
  if (node.type === 'element') return [wellFormedXml(node)];
  if (node.type !== 'text') return [node];
  const value = node.value.replace(notXml, '\uFFFD');
  const parts = value.split(']]>');
  return parts.flatMap((part, index): (ElementContent | Raw)[] => {
    const last = index === parts.length - 1;
    const text: ElementContent = { type: 'text', value: last ? part : `${part}]]` };
    return last ? [text] : [text, { type: 'raw', value: '&gt;' }];
  });
}
