import type { Element, Root } from 'hast';
import type { Child } from 'hastscript';
import type { Raw } from 'mdast-util-to-hast';
import type { SiteConfig } from '../src/model/config.js';
import { collectionFolders } from '../src/model/site.js';
import { absoluteUrl, hrefTo } from '../src/model/urls.js';
import type { PageChrome } from '../src/model/views.js';
import { textDirection } from './language.js';
import { feedAlternates, feedList } from './parts/feed-links.js';
import { serializedOnce } from './parts/serialized-once.js';
import { asElement, documentRoot } from './parts/tree.js';

/** What a page puts inside the layout. */
export interface LayoutContent {
  readonly chrome: PageChrome;
  /** The page's own content, inside `<main>`. */
  readonly main: Child;
  /** Whether the page has a canonical URL (not so for the 404 page, served at any address). */
  readonly canonical?: boolean;
  /** Extra elements for the head (structured data, Open Graph, robots rules), after the description. */
  readonly head?: readonly Element[];
  /** The page's language when it is not the site's (a story in another language): sets `lang` and `dir`. */
  readonly lang?: string;
}

/** The document every page shares: head, site header with navigation, main content and footer. */
export function layout(content: LayoutContent): Root {
  const { chrome } = content;
  const { config } = chrome;
  const isHome = chrome.path === '' || chrome.title === '' || chrome.title === config.title;
  const title = isHome ? config.title : `${chrome.title} — ${config.title}`;
  const lang = content.lang ?? config.language;
  return documentRoot(
    <html lang={lang} dir={textDirection(lang)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {chrome.description === '' ? null : <meta name="description" content={chrome.description} />}
        <meta name="color-scheme" content="light dark" />
        <meta name="generator" content="wiredesk" />
        {content.canonical === false ? null : <link rel="canonical" href={absoluteUrl(config, chrome.path)} />}
        {content.head ? [...content.head] : null}
        {feedAlternates(config, chrome.feeds)}
        <link rel="stylesheet" href={hrefTo(config, chrome.stylesheetPath)} />
        {chrome.siteStylesheet === undefined ? null : <link rel="stylesheet" href={hrefTo(config, chrome.siteStylesheet)} />}
      </head>
      <body>
        <a class="skip-link" href="#content">
          Skip to content
        </a>
        {siteHeader(chrome)}
        <div class="wrap page">
          <main id="content">{content.main}</main>
        </div>
        <footer class="site-footer">
          <div class="wrap">
            {footerLine(config)}
            {feedList(config, chrome.feeds) ?? null}
          </div>
        </footer>
      </body>
    </html>,
  );
}

/** The navigation's entries: site-relative path and name. */
function navEntries(chrome: PageChrome): [path: string, name: string][] {
  return [
    ...chrome.sections.map((section): [string, string] => [section.path, section.name]),
    [`${collectionFolders.topic}/`, 'Topics'],
    [`${collectionFolders.tag}/`, 'Tags'],
    ...(chrome.config.search ? [['search/', 'Search'] as [string, string]] : []),
  ];
}

/**
 * The site header with its navigation. An entry is `aria-current="page"` on the page itself and
 * `true` on the pages below it (a topic under "Topics", page 2 of a section); the header is
 * serialized once for each way of marking the entries, since every story page shares one.
 */
function siteHeader(chrome: PageChrome): Raw {
  const { config } = chrome;
  const entries = navEntries(chrome);
  const current = entries.map(([path]) => (chrome.path === path ? 'page' : chrome.path.startsWith(path) ? 'true' : undefined));
  const key = current.map((mark) => mark ?? '-').join(' ');
  return serializedOnce([config, chrome.sections], key, () =>
    asElement(
      <header class="site-header">
        <div class="wrap">
          <a class="site-title" href={hrefTo(config, '')}>
            {config.title}
          </a>
          <nav class="site-nav" aria-label="Sections">
            <ul>
              {entries.map(([path, name], index) => (
                <li>
                  <a href={hrefTo(config, path)} aria-current={current[index]}>
                    {name}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </header>,
    ),
  );
}

/** The footer's line naming the site, serialized once a build. */
function footerLine(config: SiteConfig): Raw {
  return serializedOnce([config], 'footer', () =>
    asElement(
      <p>
        <a href={hrefTo(config, '')}>{config.title}</a>
        {config.description === '' ? null : ` — ${config.description}`}
      </p>,
    ),
  );
}
