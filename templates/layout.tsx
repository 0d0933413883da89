import type { Element, Root } from 'hast';
import type { Child } from 'hastscript';
import type { Raw } from 'mdast-util-to-hast';
import type { SiteConfig } from '../src/model/config.js';
import { label } from '../src/labels/fill.js';
import { absoluteUrl, hrefTo } from '../src/model/urls.js';
import type { PageChrome } from '../src/model/views.js';
import { textDirection } from './language.js';
import { menuItems } from './header.js';
import { feedAlternates } from './parts/feed-links.js';
import { pagePreviewMeta } from './parts/open-graph.js';
import { previewDescription } from '../src/text/cut-at-word.js';
import { serializedOnce } from './parts/serialized-once.js';
import { documentRoot } from './parts/tree.js';
import type { Templates } from './table.js';

/** What a page puts inside the layout. */
export interface LayoutContent {
  readonly chrome: PageChrome;
  /** The page's own content, inside `<main>`. */
  readonly main: Child;
  /** Whether the page has a canonical URL (not so for the 404 page, served at any address). */
  readonly canonical?: boolean;
  /**
   * Extra elements for the head (structured data, Open Graph, robots rules), after the description.
   * Without an `og:type` meta among them, the layout adds the page's `og:type website` preview.
   */
  readonly head?: readonly Element[];
  /** The page's language when it is not the site's (a story in another language): sets `lang` and `dir`. */
  readonly lang?: string;
}

/**
 * The document every page shares: head (with the site's own snippets), site header with menu, main
 * content and footer; the header and footer are `templates.header` and `templates.footer`.
 */
export function layout(content: LayoutContent, templates: Templates): Root {
  const { chrome } = content;
  const { config, labels } = chrome;
  const isHome = chrome.path === '' || chrome.title === '' || chrome.title === config.title;
  const title = isHome ? config.title : `${chrome.title} — ${config.title}`;
  const lang = content.lang ?? config.language;
  return documentRoot(
    <html lang={lang} dir={textDirection(lang)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {chrome.description === '' ? null : <meta name="description" content={previewDescription(chrome.description)} />}
        <meta name="color-scheme" content="light dark" />
        <meta name="generator" content="wiredesk" />
        {content.canonical === false ? null : <link rel="canonical" href={absoluteUrl(config, chrome.path)} />}
        {hasOpenGraph(content.head) ? null : pagePreviewMeta(chrome, { canonical: content.canonical !== false, lang: content.lang })}
        {content.head ? [...content.head] : null}
        {feedAlternates(config, chrome.feeds, chrome.memo)}
        <link rel="stylesheet" href={hrefTo(config, chrome.stylesheetPath)} />
        {chrome.siteStylesheet === undefined ? null : <link rel="stylesheet" href={hrefTo(config, chrome.siteStylesheet)} />}
        {headSnippets(config)}
      </head>
      <body>
        <a class="skip-link" href="#content">
          {label(labels, 'skipToContent')}
        </a>
        {headerOf(chrome, templates)}
        <div class="wrap page">
          <main id="content">{content.main}</main>
        </div>
        {templates.footer({ config, labels, feeds: chrome.feeds, memo: chrome.memo }, templates)}
      </body>
    </html>,
  );
}

/** Whether the page brings its own Open Graph meta (a story page's `og:type article`): then the layout adds none. */
function hasOpenGraph(head: readonly Element[] | undefined): boolean {
  return head?.some((element) => element.tagName === 'meta' && element.properties['property'] === 'og:type') === true;
}

/**
 * The site's `head` snippets, as the owner wrote them (`raw` nodes: trusted, from `site.yaml`
 * only, checked to hold only head elements when the settings are read; never from a story).
 */
function headSnippets(config: SiteConfig): Raw[] {
  return config.head.map((snippet) => ({ type: 'raw', value: snippet }));
}

/**
 * The site header. A menu entry is `aria-current="page"` on the page itself and `true` on the
 * pages below it (a topic under "Topics", page 2 of a section) and on the stories of a section; the header is serialized once for
 * each way of marking the entries and each language, since every story page shares one.
 */
function headerOf(chrome: PageChrome, templates: Templates): Raw {
  const { config, sections, labels } = chrome;
  const items = menuItems(config, sections, labels);
  const current = items.map(({ path }) =>
    path === undefined ? undefined : chrome.path === path ? 'page' : (path !== '' && chrome.path.startsWith(path)) || chrome.within === path ? 'true' : undefined,
  );
  const key = current.map((mark) => mark ?? '-').join(' ');
  return serializedOnce(chrome.memo, [templates.header, config, sections, labels], key, () => templates.header({ config, sections, labels, current }, templates));
}
