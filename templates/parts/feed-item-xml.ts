import type { Element, Root } from 'xast';
import type { Raw } from 'xast-util-to-xml';
import { memoSlot } from '../../src/model/render-memo.js';
import type { FeedView } from '../../src/model/views.js';
import type { FeedItem } from './feed-item.js';
import { xmlOf, xmlText } from './xml-text.js';

/** A feed document: the XML declaration, then its root element. */
export function feedDocument(root: Element): Root {
  return { type: 'root', children: [{ type: 'instruction', name: 'xml', value: 'version="1.0" encoding="utf-8"' }, root] };
}

/** Serialize a feed document, its text made well-formed XML (see `xmlOf`). */
export function feedXml(feed: Root): string {
  return xmlOf(feed);
}

/** The XML feed formats, each of which writes an item of its own. */
export type XmlFeedFormat = 'rss' | 'atom';

/** An item's element in one format, given the item and its body's XML (the same for every format). */
export type ItemElement = (item: FeedItem, body: Raw) => Element;

/** What a memo keeps of one item: its body's XML until both formats have their item's. */
interface KeptXml {
  body?: Raw;
  rss?: Raw;
  atom?: Raw;
}

// The XML of the items most recently serialized, oldest first. A publish renders the site's feed
// and those of the new story's section, topics and tags, which list many of the same newest
// stories: each is serialized once per format. Only the newest few feeds' worth is kept, so a
// cold build, whose feeds list thousands of stories, does not keep every body's XML to its end.
const keptXml = memoSlot(() => new Map<FeedItem, KeptXml>());

/** How many feeds' items a memo keeps the XML of: more than a publish's feeds list. */
const feedsKept = 8;

/**
 * The XML of `item` in `format`, as a `raw` node for the feed's tree: made by `element` with its
 * text made well formed (see `wellFormedXml`), the body's in one pass; kept in the view's memo,
 * when it has one, for the other feeds that list the same item.
 */
export function feedItemXml(view: FeedView, item: FeedItem, format: XmlFeedFormat, element: ItemElement): Raw {
  if (!view.memo) return serializedItem(item, xmlText(item.html), element);
  const kept = view.memo.get(keptXml);
  const known = kept.get(item);
  const found = known?.[format];
  if (found) return found;
  const entry = known ?? keepEntry(kept, item, feedsKept * view.config.feedSize);
  const body = entry.body ?? xmlText(item.html);
  const made = serializedItem(item, body, element);
  entry[format] = made;
  // Both formats made: their items hold the body, which need not be kept on its own.
  if (entry.rss && entry.atom) delete entry.body;
  else entry.body = body;
  return made;
}

/** A new entry for `item`, the oldest one dropped when more than `limit` are kept. */
function keepEntry(kept: Map<FeedItem, KeptXml>, item: FeedItem, limit: number): KeptXml {
  const entry: KeptXml = {};
  kept.set(item, entry);
  if (kept.size > limit) {
    const oldest = kept.keys().next();
    if (!oldest.done) kept.delete(oldest.value);
  }
  return entry;
}

function serializedItem(item: FeedItem, body: Raw, element: ItemElement): Raw {
  return { type: 'raw', value: xmlOf(element(item, body)) };
}
