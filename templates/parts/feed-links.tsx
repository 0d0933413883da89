import type { Element } from 'hast';
import type { Raw } from 'mdast-util-to-hast';
import type { SiteConfig } from '../../src/model/config.js';
import { feedFilePath, feedFolderOf, feedFormatKeys, feedFormats } from '../../src/model/feed-formats.js';
import type { RenderMemo } from '../../src/model/render-memo.js';
import { hrefTo } from '../../src/model/urls.js';
import type { FeedLink } from '../../src/model/views.js';
import { serializedOnce } from './serialized-once.js';
import { asElement } from './tree.js';

/** Each format of a feed: its name (`RSS`, `Atom`, `JSON Feed`), media type and root-relative href. */
export function formatsOf(config: SiteConfig, feed: FeedLink): { name: string; mediaType: string; href: string }[] {
  const folder = feedFolderOf(feed.path);
  return feedFormatKeys.map((key) => ({ ...feedFormats[key], href: hrefTo(config, feedFilePath(folder, key)) }));
}

/** A key naming a feed link exactly (its title and path), for fragments serialized once. */
function feedKey(kind: string, feed: FeedLink): string {
  return `${kind}\u0000${feed.title}\u0000${feed.path}`;
}

/**
 * The head's `<link rel="alternate">` of every feed in every format (RSS, Atom, JSON Feed), each
 * titled with its feed's name. A feed's links are serialized once a build (kept in `memo`, the
 * page's `chrome.memo`): a topic's feed is advertised on every story page of the topic.
 */
export function feedAlternates(config: SiteConfig, feeds: readonly FeedLink[], memo?: RenderMemo): Raw[] {
  return feeds.map((feed) =>
    serializedOnce(memo, [config], feedKey('alternates', feed), () =>
      formatsOf(config, feed).map((format) => asElement(<link rel="alternate" type={format.mediaType} title={feed.title} href={format.href} />)),
    ),
  );
}

/** The footer's list of feeds, one line each with a link per format (each line serialized once a build, kept in `memo`); nothing when there are none. */
export function feedList(config: SiteConfig, feeds: readonly FeedLink[], memo?: RenderMemo): Element | undefined {
  if (feeds.length === 0) return undefined;
  return asElement(
    <ul class="feeds">
      {feeds.map((feed) =>
        serializedOnce(memo, [config], feedKey('list', feed), () =>
          asElement(
            <li>
              {feed.title}: {formatsOf(config, feed).flatMap((format, index) => [index === 0 ? '' : ', ', <a href={format.href}>{format.name}</a>])}
            </li>,
          ),
        ),
      )}
    </ul>,
  );
}
