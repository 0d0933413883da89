import type { Element, Root } from 'xast';
import { x } from 'xastscript';
import { feedFormats } from '../src/model/feed-formats.js';
import { absoluteUrl } from '../src/model/urls.js';
import type { FeedView } from '../src/model/views.js';
import { formatRfc822 } from './dates.js';
import { feedItems, type FeedItem } from './parts/feed-item.js';
import { feedDocument } from './parts/feed-item-xml.js';
import { htmlOfText } from './parts/html-text.js';

export { feedXml } from './parts/feed-item-xml.js';

const namespaces = {
  'xmlns:atom': 'http://www.w3.org/2005/Atom',
  'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
  'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
};

/**
 * An RSS 2.0 feed of the view's stories, each with its full body (links made absolute) as
 * `content:encoded`; a killed story as its notice. Readers parse RSS titles and descriptions as
 * HTML, so their plain text is HTML-escaped first (categories and the byline stay plain text).
 * `lastBuildDate` is the newest modified time (RSS has no per-item one: `pubDate` stays the
 * story's date). Serialize it with `feedXml`.
 */
export function renderRss(view: FeedView): Root {
  const { config } = view;
  // xastscript reads any plain object in second place as attributes, a node included: elements whose
  // first child is a node must pass `{}` first.
  const channel = x(
    'channel',
    {},
    x('title', htmlOfText(view.title)),
    x('link', absoluteUrl(config, view.pagePath)),
    x('description', htmlOfText(view.description)),
    x('language', config.language),
    x('atom:link', { href: absoluteUrl(config, view.path), rel: 'self', type: feedFormats.rss.mediaType }),
    view.updated ? x('lastBuildDate', formatRfc822(view.updated)) : undefined,
    x('generator', 'wiredesk'),
    feedItems(view).map(rssItem),
  );
  return feedDocument(x('rss', { version: '2.0', ...namespaces }, channel));
}

/** A story's item, built for each feed that lists it: only its item (`feedItemOf`) is kept for the others, as a serialized copy per format would hold every listed body twice more. */
const rssItem = (item: FeedItem): Element =>
  x(
    'item',
    {},
    x('title', htmlOfText(item.title)),
    x('link', item.url),
    x('guid', { isPermaLink: 'true' }, item.url),
    x('pubDate', formatRfc822(item.published)),
    x('description', htmlOfText(item.summary)),
    x('content:encoded', item.html),
    item.categories.map((name) => x('category', name)),
    item.author === undefined ? undefined : x('dc:creator', item.author),
  );
