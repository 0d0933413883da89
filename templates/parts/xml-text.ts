import type { Element, ElementContent, Root, RootContent } from 'xast';
import { toXml, type Raw } from 'xast-util-to-xml';

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

// What a text node changes when written: `&` and `<` (as xast-util-to-xml writes them), a `]]>`,
// and characters XML does not allow (`notXml`).
const changedInText = /[&<]|\]\]>|[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function writtenInText(found: string): string {
  if (found === '&') return '&#x26;';
  if (found === '<') return '&#x3C;';
  return found === ']]>' ? ']]&gt;' : '\uFFFD';
}

/**
 * A text as a `raw` node of the XML that `wellFormedXml` and xast-util-to-xml make of it, in one
 * pass over the text: for a long text (a story's body) that more than one element or feed carries.
 */
export function xmlText(value: string): Raw {
  return { type: 'raw', value: value.replace(changedInText, writtenInText) };
}

// What an attribute value changes when written: `<`, `&` and `"` (as xast-util-to-xml writes them),
// and characters XML does not allow.
const changedInAttribute = /[<&"]|[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function writtenInAttribute(found: string): string {
  if (found === '<') return '&#x3C;';
  if (found === '&') return '&#x26;';
  return found === '"' ? '&#x22;' : '\uFFFD';
}

// What xast-util-to-xml drops from a name or an instruction, and what it escapes in a name.
const dropped = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;
const changedInName = /[\t\n "&'/<=>\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const escapedInName = /[\t\n "&'/<=>]/g;

function hexReference(character: string): string {
  return `&#x${character.charCodeAt(0).toString(16).toUpperCase()};`;
}

function nameXml(name: string): string {
  return changedInName.test(name) ? name.replace(dropped, '').replace(escapedInName, hexReference) : name;
}

/** A node `xmlOf` writes: xast's, or a `raw` node of XML written already. */
type XmlNode = Root | RootContent | Raw;

/**
 * The XML text of a tree, well formed whatever text it holds: what xast-util-to-xml writes of
 * `wellFormedXml(tree)` with `allowDangerousXml` (raw nodes as they are), byte for byte, but in
 * one pass that checks and escapes each text once, without copying the tree.
 */
export function xmlOf(node: XmlNode): string {
  switch (node.type) {
    case 'root':
      return childrenXml(node.children);
    case 'element':
      return elementXml(node);
    case 'text':
      return node.value.replace(changedInText, writtenInText);
    case 'raw':
      return node.value;
    case 'instruction':
      return `<?${nameXml(node.name) || 'x'}${instructionValue(node.value)}?>`;
    default:
      // Comments, CDATA and doctypes: as xast-util-to-xml writes them (`wellFormedXml` leaves them alone too).
      return toXml(node);
  }
}

function childrenXml(children: readonly (RootContent | Raw)[]): string {
  let xml = '';
  for (const child of children) xml += xmlOf(child);
  return xml;
}

function elementXml(element: Element): string {
  const name = nameXml(element.name);
  let attributes = '';
  const given = element.attributes ?? {};
  for (const key in given) {
    if (!Object.hasOwn(given, key)) continue;
    const value = given[key];
    if (value === null || value === undefined) continue;
    attributes += ` ${nameXml(key)}="${String(value).replace(changedInAttribute, writtenInAttribute)}"`;
  }
  return `<${name}${attributes}>${childrenXml(element.children)}</${name}>`;
}

function instructionValue(value: string): string {
  const written = value.replace(dropped, '').replace(/\?>/g, '?&#x3E;');
  return written === '' ? '' : ` ${written}`;
}
