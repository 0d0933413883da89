import type { Element, Root } from 'xast';
import { toXml, type Raw } from 'xast-util-to-xml';
import { memoSlot, type RenderMemo } from '../../src/model/render-memo.js';
import type { FeedItem } from './feed-item.js';
import { wellFormedXml } from './xml-text.js';

/** An XML format's item builder that serializes each item once per memo (see `serializedOnce`). */
export type SerializedItem = (item: FeedItem, memo: RenderMemo | undefined) => Raw;

/**
 * An XML format's item builder made to serialize each item once: the same story sits in several
 * feeds, and its item (body included) is escaped once per format and build, kept in the build's
 * memo (the feed view's `memo`; without one, each time). The result is a `raw` node, for a
 * document serialized with `feedXml`.
 */
export function serializedOnce(build: (item: FeedItem) => Element): SerializedItem {
  // The format's own slot: each memo keeps this format's serialized items.
  const serialized = memoSlot(() => new WeakMap<FeedItem, Raw>());
  const serialize = (item: FeedItem): Raw => ({ type: 'raw', value: toXml(wellFormedXml(build(item)), { allowDangerousXml: true }) });
  return (item, memo) => {
    if (!memo) return serialize(item);
    const kept = memo.get(serialized);
    let raw = kept.get(item);
    if (!raw) {
      raw = serialize(item);
      kept.set(item, raw);
    }
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
