import type { DateTime } from './article.js';
import type { SiteConfig } from './config.js';
import type { LabelSet } from '../labels/select.js';
import type { RenderMemo } from './render-memo.js';
import type { Collection, LinkedArticle } from './site.js';
import type { SitePage } from './site-page.js';

/** A feed a page advertises: a `<link rel="alternate">` per format in the head, a line in the footer. */
export interface FeedLink {
  readonly title: string;
  /** Site-relative path of the feed's RSS file; its Atom and JSON Feed files sit beside it (`feedFormats`). */
  readonly path: string;
}

/** What every page's layout needs: the site, where the page is, its feeds and the navigation. */
export interface PageChrome {
  readonly config: SiteConfig;
  /** This page's site-relative URL path (e.g. `tags/japan/`, `` for home, `404.html`). */
  readonly path: string;
  /** The page's `<title>` (the site's name is added by the layout). */
  readonly title: string;
  /** The page's description meta. */
  readonly description: string;
  readonly feeds: readonly FeedLink[];
  /** Sections for the top navigation. */
  readonly sections: readonly Collection[];
  /** Site-relative path of the list a page belongs to without lying under it (a story page's section): the menu marks its entry as the reader's place. */
  readonly within?: string | undefined;
  /** Site-relative path of the stylesheet. */
  readonly stylesheetPath: string;
  /** Site-relative path of the script that adds the relative time ("12 min ago") beside the times of cards, for readers with JavaScript. */
  readonly relativeTimeScriptPath: string;
  /** Site-relative href of the site's own stylesheet (`static/assets/site.css`, with a `?v=` content hash), linked after the default one. */
  readonly siteStylesheet?: string | undefined;
  /** The page's interface texts: the site language's, or a story's own language's on its page. */
  readonly labels: LabelSet;
  /** What the build's pages keep for one another (the site's `RenderMemo`): fragments many pages repeat are serialized once; absent, nothing is kept. */
  readonly memo?: RenderMemo;
}

/** A page of a list the navigation links: the first page (no number) or an archive page. */
export interface PageLink {
  /** The archive page's number; undefined for the list's first page. */
  readonly number?: number | undefined;
  readonly path: string;
}

/**
 * Where a page of a list is and what its navigation links: everything the navigation shows, and
 * nothing else (a page's output must depend only on what it reads, see `PageDeps.place`). A list
 * has a first page with its newest stories, then archive pages numbered from its oldest stories.
 */
export interface Pagination {
  /** This page's archive number; undefined on the list's first page. */
  readonly number?: number | undefined;
  /** The next page towards the newest stories, and towards the oldest. */
  readonly newer?: string | undefined;
  readonly older?: string | undefined;
  /** The pages to link by number, newest first, with `undefined` for a gap; empty when the list has one page. */
  readonly links: readonly (PageLink | undefined)[];
}

/** A story page. */
export interface ArticleView {
  readonly kind: 'article';
  readonly chrome: PageChrome;
  readonly article: LinkedArticle;
  /** The story each body reference points at, by reference index. */
  readonly references: readonly (LinkedArticle | undefined)[];
  /** Related stories, as teaser cards. */
  readonly related: readonly LinkedArticle[];
  readonly section?: Collection;
  readonly topics: readonly Collection[];
  readonly tags: readonly Collection[];
  /** Set only by `dev --drafts` for a story not on the site at the preview's instant: the page says why, and asks not to be indexed. */
  readonly draft?: DraftNotice;
}

/** Why a previewed story is not on the site: embargoed until an instant, or withheld. */
export type DraftNotice = { readonly reason: 'embargoed'; readonly until: DateTime } | { readonly reason: 'withheld' };

/** The kinds of paginated story list. */
export type ListKind = 'home' | 'section' | 'topic' | 'tag';

/** One page of a story list: home, a section, a topic or a tag. */
export interface ListView {
  readonly kind: ListKind;
  readonly chrome: PageChrome;
  readonly heading: string;
  /** The collection listed; absent on home. */
  readonly collection?: Collection;
  /** How many stories the whole list has, all pages together (shown on its first page only). */
  readonly total: number;
  /** The stories on this page, newest first. */
  readonly articles: readonly LinkedArticle[];
  readonly pagination: Pagination;
}

/** The kinds of index of collections. */
export type TermIndexKind = 'section-index' | 'topic-index' | 'tag-index';

/** An index of every section, topic or tag with its story count. */
export interface TermIndexView {
  readonly kind: TermIndexKind;
  readonly chrome: PageChrome;
  readonly heading: string;
  readonly collections: readonly Collection[];
}

/** The 404 page. */
export interface NotFoundView {
  readonly kind: 'not-found';
  readonly chrome: PageChrome;
  readonly latest: readonly LinkedArticle[];
}

/** A feed, in any of its formats: the channel and its newest items. */
export interface FeedView {
  readonly config: SiteConfig;
  readonly title: string;
  readonly description: string;
  /** Site-relative path of this feed file (its self link; in Atom also its id). */
  readonly path: string;
  /** Site-relative path of the HTML page the feed mirrors. */
  readonly pagePath: string;
  /** The items' stories, newest first; a killed one (`status: canceled`) stands for the notice that replaces it. */
  readonly articles: readonly LinkedArticle[];
  /** The newest modified time (`modifiedAt`) among the items: deterministic, unlike the clock. */
  readonly updated?: DateTime;
  /** Resolve a story reference's target (for links inside item bodies). */
  readonly references: (article: LinkedArticle) => readonly (LinkedArticle | undefined)[];
  /** What the build's feeds keep for one another (the site's `RenderMemo`): an item is made once for all the feeds it is in; absent, nothing is kept. */
  readonly memo?: RenderMemo;
}

/** The notice served at a killed story's URL (`status: canceled`). */
export interface WithdrawnView {
  readonly kind: 'withdrawn';
  readonly chrome: PageChrome;
  readonly article: LinkedArticle;
}

/** A page of the site's `pages/` folder (About, Privacy…). */
export interface PageView {
  readonly kind: 'page';
  readonly chrome: PageChrome;
  readonly page: SitePage;
}

/** The page listing every feed of the site (`feeds/`), which every page's footer links. */
export interface FeedIndexView {
  readonly kind: 'feed-index';
  readonly chrome: PageChrome;
  /** The site's feed, then every section's, topic's and tag's, each in every format. */
  readonly feeds: readonly NamedFeed[];
}

/** A feed as the feeds page lists it: its link, and the name it goes by there (the collection's, or the site's for the site's feed). */
export interface NamedFeed extends FeedLink {
  readonly name: string;
}
