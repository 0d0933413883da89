import type { Element, ElementContent, Root, RootContent } from 'xast';
import { toXml, type Raw } from 'xast-util-to-xml';

// Characters XML 1.0 does not allow at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF).
const notXml = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * A copy of an XML tree that serializes to well-formed XML whatever text a story holds:
 * characters XML does not allow become U+FFFD (in text and attribute values), and no text closes
 * a CDATA section by accident: xast-util-to-xml escapes `<` and `&` in text but not `>`, and
 * `]]>` is not allowed in XML content, so each such `>` becomes `&gt;` (a `raw` node: serialize
 * with `allowDangerousXml`). `xmlOf` writes a tree as this copy of it is written, without the copy.
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

// A character that XML does not allow, or a surrogate, which XML allows in pairs only: a quick test
// (no `u` flag, which makes a scan of a long text many times slower) before the exact one.
const maybeNotXml = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/;

/** `value` with the characters XML does not allow made U+FFFD, as `wellFormedXml` makes them. */
function allowedXml(value: string): string {
  return maybeNotXml.test(value) ? value.replace(notXml, '\uFFFD') : value;
}

/**
 * A text as the XML that `wellFormedXml` and xast-util-to-xml make of it: `&` and `<` escaped as
 * they write them, and each `>` of a `]]>` as `&gt;`. A story's body holds a `<` for each of its
 * tags: replacing each character with a string, not a function, keeps the pass over it native.
 */
function textXml(value: string): string {
  const escaped = allowedXml(value).replace(/&/g, '&#x26;').replace(/</g, '&#x3C;');
  // Escaping leaves `]` and `>` alone and adds neither.
  return escaped.includes(']]>') ? escaped.replaceAll(']]>', ']]&gt;') : escaped;
}

/** An attribute's value as xast-util-to-xml writes it once `wellFormedXml` made it well formed. */
function attributeXml(value: string): string {
  return allowedXml(value).replace(/&/g, '&#x26;').replace(/</g, '&#x3C;').replace(/"/g, '&#x22;');
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
  const parts: string[] = [];
  write(node, parts);
  // Joined once: a string built by `+=` is a rope of every piece, several times the bytes of its text.
  return parts.join('');
}

function write(node: XmlNode, parts: string[]): void {
  switch (node.type) {
    case 'root':
      for (const child of node.children) write(child, parts);
      return;
    case 'element':
      writeElement(node, parts);
      return;
    case 'text':
      parts.push(textXml(node.value));
      return;
    case 'raw':
      parts.push(node.value);
      return;
    case 'instruction':
      parts.push(`<?${nameXml(node.name) || 'x'}${instructionValue(node.value)}?>`);
      return;
    default:
      // Comments, CDATA and doctypes: as xast-util-to-xml writes them (`wellFormedXml` leaves them alone too).
      parts.push(toXml(node));
  }
}

function writeElement(element: Element, parts: string[]): void {
  const name = nameXml(element.name);
  parts.push(`<${name}`);
  const given = element.attributes ?? {};
  for (const key in given) {
    if (!Object.hasOwn(given, key)) continue;
    const value = given[key];
    if (value === null || value === undefined) continue;
    parts.push(` ${nameXml(key)}="${attributeXml(String(value))}"`);
  }
  parts.push('>');
  for (const child of element.children) write(child, parts);
  parts.push(`</${name}>`);
}

function instructionValue(value: string): string {
  const written = value.replace(dropped, '').replace(/\?>/g, '?&#x3E;');
  return written === '' ? '' : ` ${written}`;
}
