import type { Element, Root } from 'hast';
import type { SiteConfig } from '../src/model/config.js';
import type { LinkedArticle } from '../src/model/site.js';
import type { ArticleView, FeedIndexView, ListView, NotFoundView, PageView, TermIndexView, WithdrawnView } from '../src/model/views.js';
import type { FooterView } from './footer.js';
import type { HeaderView } from './header.js';
import type { LayoutContent } from './layout.js';
import type { CardOptions } from './parts/story-card.js';
import type { SearchView } from './search.js';

/**
 * A page template: its view model in, a hast tree out. `templates` is the table the page is
 * rendered with: a template that shows another (the story page its layout, a list its cards)
 * calls it through the table, so that a site's override of one is used everywhere.
 */
export type Template<View, Tree = Root> = (view: View, templates: Templates) => Tree;

/** What a story card shows: one story, as a list or a story page's related stories show it. */
export interface StoryCardView {
  readonly config: SiteConfig;
  readonly article: LinkedArticle;
  readonly options: CardOptions;
}

/** Every template a site may override, by name: the defaults (`defaultTemplates`), or a site's own files in `templates/`. */
export interface Templates {
  /** The document every page shares: head, site header, main content and footer (`templates/layout.tsx`). */
  readonly layout: Template<LayoutContent>;
  /** The site header: the title or logo, and the menu (`templates/header.tsx`). */
  readonly header: Template<HeaderView, Element>;
  /** The site footer: name, description, the owner's links and copyright, the page's feeds (`templates/footer.tsx`). */
  readonly footer: Template<FooterView, Element>;
  /** A story page (`templates/article.tsx`). */
  readonly article: Template<ArticleView>;
  /** A story's teaser card in lists, related stories and the 404 page (`templates/story-card.tsx`). */
  readonly storyCard: Template<StoryCardView, Element>;
  /** A page of stories: home, a section, topic or tag (`templates/list.tsx`). */
  readonly list: Template<ListView>;
  /** The index of every section, topic or tag (`templates/term-index.tsx`). */
  readonly termIndex: Template<TermIndexView>;
  /** The page listing every feed, which the footer links (`templates/feed-index.tsx`). */
  readonly feedIndex: Template<FeedIndexView>;
  /** The 404 page (`templates/not-found.tsx`). */
  readonly notFound: Template<NotFoundView>;
  /** The notice at a killed story's URL (`templates/withdrawn.tsx`). */
  readonly withdrawn: Template<WithdrawnView>;
  /** The search page (`templates/search.tsx`). */
  readonly search: Template<SearchView>;
  /** A page of the site's `pages/` folder: About, Privacy… (`templates/page.tsx`). */
  readonly page: Template<PageView>;
}

/** The name of an overridable template. */
export type TemplateName = keyof Templates;

/**
 * The file (without its extension) of each template in a site's `templates/` folder. A new
 * overridable template is one line here, one in `Templates` and one in `defaultTemplates`.
 */
export const templateFiles: Readonly<Record<TemplateName, string>> = {
  layout: 'layout',
  header: 'header',
  footer: 'footer',
  article: 'article',
  storyCard: 'story-card',
  list: 'list',
  termIndex: 'term-index',
  feedIndex: 'feed-index',
  notFound: 'not-found',
  withdrawn: 'withdrawn',
  search: 'search',
  page: 'page',
};
