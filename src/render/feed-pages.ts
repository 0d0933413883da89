import { toXml } from 'xast-util-to-xml';
import { renderRss } from '../../templates/rss.js';
import type { DateTime } from '../model/article.js';
import { articlesWithIds, type LinkedArticle, type Site } from '../model/site.js';
import { siteFeedPath } from './chrome.js';
import { collectionKey, type Page } from './page.js';

/** The RSS feeds: one for the site and one for each section, topic and tag (newest `feedSize` stories). */
export function feedPages(site: Site): Page[] {
  const siteFeed = feedPage(site, siteFeedPath, '', site.config.title, site.config.description, site.articles, 'home');
  const collectionFeeds = [...site.sections, ...site.topics, ...site.tags].map((collection) =>
    feedPage(
      site,
      collection.feedPath,
      collection.path,
      `${site.config.title}: ${collection.name}`,
      `Stories filed under ${collection.name}`,
      articlesWithIds(site, collection.articleIds),
      collectionKey(collection.kind, collection.slug),
    ),
  );
  return [siteFeed, ...collectionFeeds];
}

function feedPage(site: Site, path: string, pagePath: string, title: string, description: string, all: readonly LinkedArticle[], key: string): Page {
  const articles = all.slice(0, site.config.feedSize);
  const references = (article: LinkedArticle) => articlesWithIds(site, article.linkedIds);
  const lastBuildDate = newest(articles);
  return {
    path,
    kind: 'feed',
    deps: { articles: articles.map((article) => article.id), teasers: articles.flatMap((article) => article.linkedIds), collections: [key] },
    render: () =>
      toXml(
        renderRss({ config: site.config, title, description, path, pagePath, articles, references, ...(lastBuildDate ? { lastBuildDate } : {}) }),
      ),
  };
}

function newest(articles: readonly LinkedArticle[]): DateTime | undefined {
  let best: DateTime | undefined;
  for (const article of articles) {
    for (const when of [article.date, article.updated]) {
      if (when && (!best || when.epochMs > best.epochMs)) best = when;
    }
  }
  return best;
}
