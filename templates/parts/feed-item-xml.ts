import type { Element, Root } from 'xast';
import type { Raw } from 'xast-util-to-xml';
import type { FeedView } from '../../src/model/views.js';
import type { FeedItem } from './feed-item.js';
import { writtenItem } from './feed-item-written.js';
import { xmlOf } from './xml-text.js';

/** A feed document: the XML declaration, then its root element. */
export function feedDocument(root: Element): Root {
  return { type: 'root', children: [{ type: 'instruction', name: 'xml', value: 'version="1.0" encoding="utf-8"' }, root] };
}

/** Serialize a feed document, its text made well-formed XML (see `xmlOf`). */
export function feedXml(feed: Root): string {
  return xmlOf(feed);
}

/**
 * The XML of the element `element` makes of `item`, as a `raw` node for the feed's tree: written
 * once per format for the feeds of a build that list the item (see `writtenItem`).
 */
export function feedItemXml(view: FeedView, item: FeedItem, format: 'rss' | 'atom', element: (item: FeedItem) => Element): Raw {
  return { type: 'raw', value: writtenItem(view, item, format, (written) => xmlOf(element(written))) };
}
