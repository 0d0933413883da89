import type { Element } from 'hast';
import type { LabelSet } from '../src/labels/select.js';
import type { SiteConfig } from '../src/model/config.js';
import type { RenderMemo } from '../src/model/render-memo.js';
import { hrefTo } from '../src/model/urls.js';
import type { FeedLink } from '../src/model/views.js';
import { feedIndexPath } from '../src/model/feed-formats.js';
import { label } from '../src/labels/fill.js';
import { asElement } from './parts/tree.js';

/** What the site footer shows: the site's name and description, its `footer` settings, and the link to the feeds page. */
export interface FooterView {
  readonly config: SiteConfig;
  readonly labels: LabelSet;
  /** The page's own feeds (those its head advertises), for a site's footer that lists them; wiredesk's links the feeds page instead. */
  readonly feeds: readonly FeedLink[];
  /** The page's `chrome.memo`, for a site's footer that serializes fragments once a build (see `feedList`). */
  readonly memo?: RenderMemo | undefined;
}

/** The site footer: the site's name and description, the owner's links, one "Feeds" link to the page listing every feed, and the copyright. */
export function siteFooter(view: FooterView): Element {
  const { config } = view;
  const links = config.footer?.links ?? [];
  return asElement(
    <footer class="site-footer">
      <div class="wrap">
        <p class="site-about">
          <a href={hrefTo(config, '')}>{config.title}</a>
          {config.description === '' ? null : ` — ${config.description}`}
        </p>
        {links.length === 0 ? null : (
          <ul class="footer-links">
            {links.map((link) => (
              <li>
                <a href={link.url.startsWith('/') ? hrefTo(config, link.url) : link.url}>{link.title}</a>
              </li>
            ))}
          </ul>
        )}
        <p class="footer-feeds">
          <a href={hrefTo(config, feedIndexPath)}>{label(view.labels, 'feeds')}</a>
        </p>
        {config.footer?.copyright === undefined ? null : <p class="copyright">{config.footer.copyright}</p>}
      </div>
    </footer>,
  );
}
