import type { Element, Root } from 'xast';
import { toXml, type Raw } from 'xast-util-to-xml';
import type { FeedItem } from './feed-item.js';
import { wellFormedXml } from './xml-text.js';

/**
 * An XML format's item builder made to serialize each item once: the same story sits in several
 * feeds, and its item (body included) is escaped once per format, not once per feed. The result is
 * a `raw` node, for a document serialized with `feedXml`.
 */
export function serializedOnce(build: (item: FeedItem) => Element): (item: FeedItem) => Raw {
  const serialized = new WeakMap<FeedItem, Raw>();
  return (item) => {
    const known = serialized.get(item);
    if (known) return known;
    const raw: Raw = { type: 'raw', value: toXml(wellFormedXml(build(item)), { allowDangerousXml: true }) };
    serialized.set(item, raw);
    return raw;
  };
}

/** A feed document: the XML declaration, then its root element. */
export function feedDocument(root: Element): Root {
  return { type: 'root', children: [{ type: 'instruction', name: 'xml', value: 'version="1.0" encoding="utf-8"' }, root] };
}

/** Serialize a feed document: its items are `raw` nodes, each serialized by xast-util-to-xml from its own tree (`serializedOnce`). */
export function feedXml(feed: Root): string {
  return toXml(wellFormedXml(feed), { allowDangerousXml: true });
}
