import type { Element } from 'hast';
import type { LabelSet } from '../src/labels/select.js';
import type { SiteConfig } from '../src/model/config.js';
import type { RenderMemo } from '../src/model/render-memo.js';
import { hrefTo } from '../src/model/urls.js';
import type { FeedLink } from '../src/model/views.js';
import { feedList } from './parts/feed-links.js';
import { asElement } from './parts/tree.js';

/** What the site footer shows: the site's name and description, its `footer` settings, and the page's feeds. */
export interface FooterView {
  readonly config: SiteConfig;
  readonly labels: LabelSet;
  readonly feeds: readonly FeedLink[];
  /** The page's `chrome.memo`: each feed's line is serialized once a build; absent, each time. */
  readonly memo?: RenderMemo | undefined;
}

/** The site footer: the site's name and description, the owner's links and copyright, then a line per feed. */
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
        {feedList(config, view.feeds, view.memo) ?? null}
        {config.footer?.copyright === undefined ? null : <p class="copyright">{config.footer.copyright}</p>}
      </div>
    </footer>,
  );
}
