import type { FeedFormatKey } from '../../src/model/feed-formats.js';
import { memoSlot } from '../../src/model/render-memo.js';
import type { FeedView } from '../../src/model/views.js';
import type { FeedItem } from './feed-item.js';

// The items most recently written, oldest first, in each format they were written in. A publish
// renders the site's feed and those of the new story's section, topics and tags, which list many
// of the same newest stories: each is written once per format. Only the newest few feeds' worth
// is kept, so a cold build, whose feeds list thousands of stories, does not keep every body's
// written copies to its end.
const writtenItems = memoSlot(() => new Map<FeedItem, Partial<Record<FeedFormatKey, string>>>());

/** How many feeds' items a memo keeps written: more than a publish's feeds list. */
const feedsKept = 8;

/**
 * `item` as `write` writes it in `format` (an RSS item's XML, a JSON Feed item's JSON), kept in
 * the view's memo, when it has one, for the other feeds that list the same item.
 */
export function writtenItem(view: FeedView, item: FeedItem, format: FeedFormatKey, write: (item: FeedItem) => string): string {
  if (!view.memo) return write(item);
  const kept = view.memo.get(writtenItems);
  let entry = kept.get(item);
  const known = entry?.[format];
  if (known !== undefined) return known;
  if (!entry) {
    entry = {};
    kept.set(item, entry);
    if (kept.size > feedsKept * view.config.feedSize) dropOldest(kept);
  }
  const written = write(item);
  entry[format] = written;
  return written;
}

function dropOldest(kept: Map<FeedItem, unknown>): void {
  const oldest = kept.keys().next();
  if (!oldest.done) kept.delete(oldest.value);
}
