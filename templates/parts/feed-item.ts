import type { Element, Root } from 'hast';
import type { DateTime } from '../../src/model/article.js';
import type { SiteConfig } from '../../src/model/config.js';
import { modifiedAt } from '../../src/model/modified.js';
import { memoSlot, type RenderMemo } from '../../src/model/render-memo.js';
import type { LinkedArticle } from '../../src/model/site.js';
import { absoluteUrl } from '../../src/model/urls.js';
import type { FeedView } from '../../src/model/views.js';
import { label } from '../../src/labels/fill.js';
import { labelSetFor } from '../../src/labels/select.js';
import { pageHtml } from '../../src/pages/page-html.js';
import { storyBody } from './body.js';
import { leadFigure } from './figure.js';
import { feedImageUrl } from './image.js';

/** One feed item as every format tells it: a live story, or the notice that replaces a killed one. */
export interface FeedItem {
  /** The story's absolute URL: its link, and its RSS guid, Atom id and JSON Feed id. */
  readonly url: string;
  readonly title: string;
  /** Plain text: the story's summary, or the notice's text. */
  readonly summary: string;
  /** The item's HTML: lead picture, body with absolute story links, closing note; or the notice. */
  readonly html: string;
  readonly published: DateTime;
  /** When it last changed (`modifiedAt`). */
  readonly modified: DateTime;
  /** Section and tag names, each once. */
  readonly categories: readonly string[];
  readonly author?: string;
  /** Absolute URL of the lead picture. */
  readonly imageUrl?: string;
  /** The story's language when it is not the site's. */
  readonly lang?: string;
}

type References = readonly (LinkedArticle | undefined)[];

/** An item built, with the stories its body links to when it was. */
interface BuiltItem {
  readonly references: References;
  readonly item: FeedItem;
}

// Items a memo keeps: a story appears in the site feed and in the feeds of its section, topics
// and tags, each in three formats. An item reads its article, the config and the stories its body
// links to: articles are immutable values (an edit makes a new object), so those objects key it.
const builtItems = memoSlot(() => new WeakMap<SiteConfig, WeakMap<LinkedArticle, BuiltItem>>());

/**
 * The feed item of a story: the same object each time `memo` (the build's, see `RenderMemo`) is
 * asked with the same inputs, so formats can keep what they make of it; without a memo, a new one.
 */
export function feedItemOf(config: SiteConfig, article: LinkedArticle, references: References, memo?: RenderMemo): FeedItem {
  if (!memo) return itemOf(config, article, references);
  const built = memo.get(builtItems);
  const byArticle = built.get(config) ?? new WeakMap<LinkedArticle, BuiltItem>();
  built.set(config, byArticle);
  const known = byArticle.get(article);
  if (known && known.references.length === references.length && known.references.every((reference, index) => reference === references[index])) return known.item;
  const item = itemOf(config, article, references);
  byArticle.set(article, { references, item });
  return item;
}

/** What a killed story's notice links: nothing, as it shows no body. */
const noReferences: References = [];

/**
 * The items of a feed, in its order (kept in the view's memo, when it has one). A killed story's
 * links are not looked up: its notice shows no body, and the feed's plan names only the links of
 * the stories it shows (see `FeedDeps`).
 */
export function feedItems(view: FeedView): FeedItem[] {
  return view.articles.map((article) => feedItemOf(view.config, article, article.status === 'canceled' ? noReferences : view.references(article), view.memo));
}

function itemOf(config: SiteConfig, article: LinkedArticle, references: References): FeedItem {
  return article.status === 'canceled' ? noticeItem(config, article) : storyItem(config, article, references);
}

function storyItem(config: SiteConfig, article: LinkedArticle, references: References): FeedItem {
  const categories = [...(article.section ? [article.section.name] : []), ...article.tags.map((tag) => tag.name)];
  const imageUrl = article.image?.src === undefined ? undefined : feedImageUrl(config)(article.image.src);
  return {
    ...common(config, article),
    title: article.title,
    summary: article.summary,
    html: pageHtml(storyContent(config, article, references)),
    categories: [...new Set(categories)],
    ...(article.byline === undefined ? {} : { author: article.byline }),
    ...(imageUrl === undefined ? {} : { imageUrl }),
    ...(article.lang === undefined ? {} : { lang: article.lang }),
  };
}

/**
 * A killed story's notice: its address and times, `Withdrawn` (`Withdrawn: <headline>` only when the
 * story sets `killNotice: {showHeadline: true}`), the notice and the editor's note; no body, no picture.
 */
function noticeItem(config: SiteConfig, article: LinkedArticle): FeedItem {
  const labels = labelSetFor(config);
  const paragraphs = [label(labels, 'withdrawn'), ...(article.note === undefined ? [] : [article.note])];
  return {
    ...common(config, article),
    title: article.killNotice?.showHeadline === true ? label(labels, 'withdrawnTitle', { title: article.title }) : label(labels, 'withdrawnHeading'),
    summary: paragraphs.join(' '),
    html: pageHtml({ type: 'root', children: paragraphs.map((text, index) => paragraph(text, index === 0 ? [] : ['note'])) }),
    categories: [],
  };
}

function common(config: SiteConfig, article: LinkedArticle): Pick<FeedItem, 'url' | 'published' | 'modified'> {
  return { url: absoluteUrl(config, article.path), published: article.date, modified: modifiedAt(article) };
}

/** The story's HTML: lead picture, body with absolute story links and the dateline, closing note (the body is a `raw` node). */
function storyContent(config: SiteConfig, article: LinkedArticle, references: References): Root {
  // A caption without its picture means nothing in a feed reader: the figure comes only with a picture.
  const figure = article.image?.src === undefined ? undefined : leadFigure(article.image, feedImageUrl(config), 'feed');
  const body = storyBody(article, references, (target) => absoluteUrl(config, target.path));
  const note = article.note === undefined ? undefined : paragraph(article.note, ['note']);
  return { type: 'root', children: [...(figure ? [figure] : []), body, ...(note ? [note] : [])] };
}

function paragraph(text: string, className: readonly string[]): Element {
  return { type: 'element', tagName: 'p', properties: className.length === 0 ? {} : { className: [...className] }, children: [{ type: 'text', value: text }] };
}
