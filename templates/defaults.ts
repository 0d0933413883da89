import { renderArticle } from './article.js';
import { renderFeedIndex } from './feed-index.js';
import { siteFooter } from './footer.js';
import { siteHeader } from './header.js';
import { layout } from './layout.js';
import { renderList } from './list.js';
import { renderNotFound } from './not-found.js';
import { storyCard } from './parts/story-card.js';
import { renderPage } from './page.js';
import { renderSearch } from './search.js';
import type { Templates } from './table.js';
import { renderTermIndex } from './term-index.js';
import { renderWithdrawn } from './withdrawn.js';

/** wiredesk's own templates: what a page is rendered with where the site's `templates/` folder has no file of its own. */
export const defaultTemplates: Templates = {
  layout,
  header: siteHeader,
  footer: siteFooter,
  article: renderArticle,
  storyCard: (card) => storyCard(card.config, card.article, card.options),
  list: renderList,
  termIndex: renderTermIndex,
  feedIndex: renderFeedIndex,
  notFound: renderNotFound,
  withdrawn: renderWithdrawn,
  search: renderSearch,
  page: renderPage,
};
