import type { Element as HastElement, Root as HastRoot } from 'hast';
import type { Element, Root } from 'xast';
import { toXml, type Raw } from 'xast-util-to-xml';
import { x } from 'xastscript';
import type { SiteConfig } from '../src/model/config.js';
import type { LinkedArticle } from '../src/model/site.js';
import { absoluteUrl } from '../src/model/urls.js';
import { pageHtml } from '../src/render/page-html.js';
import type { FeedView } from '../src/model/views.js';
import { formatRfc822 } from './dates.js';
import { storyBody } from './parts/body.js';
import { leadFigure } from './parts/figure.js';
import { feedImageUrl } from './parts/image.js';
import { wellFormedXml } from './parts/xml-text.js';

const namespaces = {
  'xmlns:atom': 'http://www.w3.org/2005/Atom',
  'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
  'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
};

/** An RSS 2.0 feed of the view's stories, each with its full body (links made absolute) as `content:encoded`; serialize it with `feedXml`. */
export function renderRss(view: FeedView): Root {
  const { config } = view;
  // xastscript reads any plain object in second place as attributes, a node included: elements whose
  // first child is a node must pass `{}` first.
  const channel = x(
    'channel',
    {},
    x('title', view.title),
    x('link', absoluteUrl(config, view.pagePath)),
    x('description', view.description),
    x('language', config.language),
    x('atom:link', { href: absoluteUrl(config, view.path), rel: 'self', type: 'application/rss+xml' }),
    view.lastBuildDate ? x('lastBuildDate', formatRfc822(view.lastBuildDate)) : undefined,
    x('generator', 'wiredesk'),
    view.articles.map((article) => builtItem(config, article, view.references(article))),
  );
  return {
    type: 'root',
    children: [{ type: 'instruction', name: 'xml', value: 'version="1.0" encoding="utf-8"' }, x('rss', { version: '2.0', ...namespaces }, channel)],
  };
}

// Items already serialized: a story appears in the site feed and in the feeds of its section,
// topics and tags. An item reads its article, the config and the stories its body links to:
// articles are immutable values (an edit makes a new object), so those objects key it.
const built = new WeakMap<SiteConfig, WeakMap<LinkedArticle, { readonly references: readonly (LinkedArticle | undefined)[]; readonly item: Raw }>>();

function builtItem(config: SiteConfig, article: LinkedArticle, references: readonly (LinkedArticle | undefined)[]): Raw {
  const byArticle = built.get(config) ?? new WeakMap<LinkedArticle, { readonly references: readonly (LinkedArticle | undefined)[]; readonly item: Raw }>();
  built.set(config, byArticle);
  const known = byArticle.get(article);
  if (known && known.references.length === references.length && known.references.every((reference, index) => reference === references[index])) return known.item;
  const item: Raw = { type: 'raw', value: toXml(wellFormedXml(feedItem(config, article, references)), { allowDangerousXml: true }) };
  byArticle.set(article, { references, item });
  return item;
}

function feedItem(config: SiteConfig, article: LinkedArticle, references: readonly (LinkedArticle | undefined)[]): Element {
  const url = absoluteUrl(config, article.path);
  const categories = [...(article.section ? [article.section.name] : []), ...article.tags.map((tag) => tag.name)];
  return x(
    'item',
    {},
    x('title', article.title),
    x('link', url),
    x('guid', { isPermaLink: 'true' }, url),
    x('pubDate', formatRfc822(article.date)),
    x('description', article.summary),
    x('content:encoded', pageHtml(itemContent(config, article, references))),
    [...new Set(categories)].map((name) => x('category', name)),
    article.byline === undefined ? undefined : x('dc:creator', article.byline),
  );
}

/** The item's HTML: lead picture, body with absolute story links and the dateline, closing note (the body is a `raw` node). */
function itemContent(config: SiteConfig, article: LinkedArticle, references: readonly (LinkedArticle | undefined)[]): HastRoot {
  // A caption without its picture means nothing in a feed reader: the figure comes only with a picture.
  const figure = article.image?.src === undefined ? undefined : leadFigure(article.image, feedImageUrl(config));
  const body = storyBody(article, references, (target) => absoluteUrl(config, target.path));
  const note: HastElement | undefined =
    article.note === undefined ? undefined : { type: 'element', tagName: 'p', properties: { className: ['note'] }, children: [{ type: 'text', value: article.note }] };
  return { type: 'root', children: [...(figure ? [figure] : []), body, ...(note ? [note] : [])] };
}

/** Serialize a feed built by `renderRss`: its items are `raw` nodes, each serialized by xast-util-to-xml from its own tree. */
export function feedXml(feed: Root): string {
  return toXml(wellFormedXml(feed), { allowDangerousXml: true });
}
