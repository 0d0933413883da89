import type { Element, Root } from 'xast';
import { x } from 'xastscript';
import { feedFormats } from '../src/model/feed-formats.js';
import { absoluteUrl } from '../src/model/urls.js';
import type { FeedView } from '../src/model/views.js';
import { feedItems, type FeedItem } from './parts/feed-item.js';
import { feedDocument } from './parts/feed-item-xml.js';

/**
 * An Atom 1.0 feed of the view's stories (RFC 4287): ids are absolute URLs (the feed's own, each
 * story's permalink), so they stay the same from build to build; `updated` is the newest modified
 * time, each entry's its story's. The site is the feed's author; a byline is its entry's. A killed
 * story appears as its notice. Serialize it with `feedXml`.
 */
export function renderAtom(view: FeedView): Root {
  const { config } = view;
  const self = absoluteUrl(config, view.path);
  return feedDocument(
    x(
      'feed',
      { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': config.language },
      x('id', self),
      x('title', view.title),
      view.description === '' ? undefined : x('subtitle', view.description),
      view.updated ? x('updated', view.updated.iso) : undefined,
      x('link', { rel: 'alternate', type: 'text/html', href: absoluteUrl(config, view.pagePath) }),
      x('link', { rel: 'self', type: feedFormats.atom.mediaType, href: self }),
      x('author', {}, x('name', config.title)),
      x('generator', 'wiredesk'),
      feedItems(view).map(atomEntry),
    ),
  );
}

/** A story's entry, built for each feed that lists it: only its item (`feedItemOf`) is kept for the others, as a serialized copy per format would hold every listed body twice more. */
const atomEntry = (item: FeedItem): Element =>
  x(
    'entry',
    item.lang === undefined ? {} : { 'xml:lang': item.lang },
    x('id', item.url),
    x('title', item.title),
    x('link', { rel: 'alternate', type: 'text/html', href: item.url }),
    x('published', item.published.iso),
    x('updated', item.modified.iso),
    item.author === undefined ? undefined : x('author', {}, x('name', item.author)),
    x('summary', item.summary),
    x('content', { type: 'html' }, item.html),
    item.categories.map((term) => x('category', { term })),
  );
