// `wiredesk/templates`: what a site's template overrides import. The default templates (to wrap
// one, or show it inside another), the helpers they share, and the view-model types.
export { defaultTemplates } from './defaults.js';
export type { Template, TemplateName, Templates, StoryCardView } from './table.js';
export type { LayoutContent } from './layout.js';
export type { FooterView } from './footer.js';
export type { HeaderView, MenuItem } from './header.js';
export { menuItems } from './header.js';
export type { LabelSet } from '../src/labels/select.js';
export { label, countLabel } from '../src/labels/fill.js';
export type { CardLook, CardOptions } from './parts/story-card.js';
export { cardList, cardSummary } from './parts/story-card.js';
export type { FrontPage } from './parts/front-page.js';
export { frontPageLayout, leadStory } from './parts/front-page.js';
export type { RiverOptions } from './parts/river.js';
export { river } from './parts/river.js';
export type { PictureOptions, PicturePlace } from './parts/picture.js';
export { pictureOf, thumbnailOf } from './parts/picture.js';
export { pageImageUrl, type ImageUrl } from './parts/image.js';
export type { LeadImage, PictureFile, PictureSizes, PictureType } from '../src/model/article.js';
export type { SearchView } from './search.js';
export type {
  ArticleView,
  DraftNotice,
  FeedLink,
  ListKind,
  ListView,
  NotFoundView,
  PageChrome,
  PageLink,
  PageView,
  Pagination,
  TermIndexKind,
  TermIndexView,
  WithdrawnView,
} from '../src/model/views.js';
export type { Collection, LinkedArticle } from '../src/model/site.js';
export type { SitePage } from '../src/model/site-page.js';
export type { SiteConfig } from '../src/model/config.js';
export { absoluteUrl, hrefTo } from '../src/model/urls.js';
export { formatDateTime, formatDay, formatTime, timeStyleOf, type TimeStyle } from './dates.js';
export { h, s } from 'hastscript';
