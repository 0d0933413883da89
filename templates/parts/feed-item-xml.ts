import type { Element, Root } from 'xast';
import { xmlOf } from './xml-text.js';

/** A feed document: the XML declaration, then its root element. */
export function feedDocument(root: Element): Root {
  return { type: 'root', children: [{ type: 'instruction', name: 'xml', value: 'version="1.0" encoding="utf-8"' }, root] };
}

/** Serialize a feed document, its text made well-formed XML (see `xmlOf`). */
export function feedXml(feed: Root): string {
  return xmlOf(feed);
}
