import type { Element } from 'hast';
import type { SiteConfig } from '../../src/model/config.js';
import { feedFilePath, feedFolderOf, feedFormatKeys, feedFormats } from '../../src/model/feed-formats.js';
import { hrefTo } from '../../src/model/urls.js';
import type { FeedLink } from '../../src/model/views.js';
import { asElement } from './tree.js';

/** Each format of a feed: its name, media type and root-relative href. */
function formatsOf(config: SiteConfig, feed: FeedLink): { name: string; mediaType: string; href: string }[] {
  const folder = feedFolderOf(feed.path);
  return feedFormatKeys.map((key) => ({ ...feedFormats[key], href: hrefTo(config, feedFilePath(folder, key)) }));
}

/** The head's `<link rel="alternate">` of every feed in every format (RSS, Atom, JSON Feed), each titled with its feed's name. */
export function feedAlternates(config: SiteConfig, feeds: readonly FeedLink[]): Element[] {
  return feeds.flatMap((feed) => formatsOf(config, feed).map((format) => asElement(<link rel="alternate" type={format.mediaType} title={feed.title} href={format.href} />)));
}

/** The footer's list of feeds, one line each with a link per format; nothing when there are none. */
export function feedList(config: SiteConfig, feeds: readonly FeedLink[]): Element | undefined {
  if (feeds.length === 0) return undefined;
  return asElement(
    <ul class="feeds">
      {feeds.map((feed) => (
        <li>
          {feed.title}:{' '}
          {formatsOf(config, feed).flatMap((format, index) => [index === 0 ? '' : ', ', <a href={format.href}>{format.name}</a>])}
        </li>
      ))}
    </ul>,
  );
}
