import { absoluteUrl } from '../src/model/urls.js';
import type { FeedView } from '../src/model/views.js';
import { feedItems, type FeedItem } from './parts/feed-item.js';

/** A JSON Feed 1.1 item (https://jsonfeed.org/version/1.1). */
export interface JsonFeedItem {
  readonly id: string;
  readonly url: string;
  readonly title: string;
  readonly summary: string;
  readonly content_html: string;
  readonly date_published: string;
  readonly date_modified: string;
  readonly authors?: readonly { readonly name: string }[];
  readonly tags?: readonly string[];
  readonly image?: string;
  readonly language?: string;
}

/** A JSON Feed 1.1 document. */
export interface JsonFeed {
  readonly version: 'https://jsonfeed.org/version/1.1';
  readonly title: string;
  readonly home_page_url: string;
  readonly feed_url: string;
  readonly description?: string;
  readonly language: string;
  readonly items: readonly JsonFeedItem[];
}

/** A JSON Feed 1.1 of the view's stories, as an object: the same items as the RSS and Atom feeds, a killed story as its notice. */
export function jsonFeed(view: FeedView): JsonFeed {
  const { config } = view;
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: view.title,
    home_page_url: absoluteUrl(config, view.pagePath),
    feed_url: absoluteUrl(config, view.path),
    ...(view.description === '' ? {} : { description: view.description }),
    language: config.language,
    items: feedItems(view).map(jsonItem),
  };
}

/** The JSON Feed file: `JSON.stringify` escapes whatever a story holds. */
export function renderJsonFeed(view: FeedView): string {
  return JSON.stringify(jsonFeed(view));
}

function jsonItem(item: FeedItem): JsonFeedItem {
  return {
    id: item.url,
    url: item.url,
    title: item.title,
    summary: item.summary,
    content_html: item.html,
    date_published: item.published.iso,
    date_modified: item.modified.iso,
    ...(item.author === undefined ? {} : { authors: [{ name: item.author }] }),
    ...(item.categories.length === 0 ? {} : { tags: item.categories }),
    ...(item.imageUrl === undefined ? {} : { image: item.imageUrl }),
    ...(item.lang === undefined ? {} : { language: item.lang }),
  };
}
