import { feedXml, renderRss } from '../../templates/rss.js';
import type { DateTime } from '../model/article.js';
import { articlesWithIds, referenceTargets, type LinkedArticle, type Site } from '../model/site.js';
import { siteFeedPath } from './chrome.js';
import { collectionKey, type Page } from './page.js';

/** The RSS feeds: one for the site and one for each section, topic and tag (newest `feedSize` stories). */
export function feedPages(site: Site): Page[] {
  const size = site.config.feedSize;
  const siteFeed = feedPage(siteFeedPath, '', site.articles.slice(0, size).map((article) => article.id), 'home', (current) => ({
    title: current.config.title,
    description: current.config.description,
  }));
  const collectionFeeds = [...site.sections, ...site.topics, ...site.tags].map(({ kind, slug, path, feedPath, articleIds }) =>
    feedPage(feedPath, path, articleIds.slice(0, size), collectionKey(kind, slug), (current) => {
      const name = current.collection(kind, slug)?.name ?? slug;
      return { title: `${current.config.title}: ${name}`, description: `Stories filed under ${name}` };
    }),
  );
  return [siteFeed, ...collectionFeeds].map((page) => ({ ...page, deps: { ...page.deps, teasers: linkedIdsOf(site, page.deps.articles) } }));
}

function feedPage(path: string, pagePath: string, ids: readonly string[], key: string, channel: (site: Site) => { title: string; description: string }): Page {
  return {
    path,
    kind: 'feed',
    deps: { articles: ids, teasers: [], collections: [key] },
    render: (current) => {
      const articles = articlesWithIds(current, ids);
      const lastBuildDate = newest(articles);
      const references = (article: LinkedArticle) => referenceTargets(current, article);
      return feedXml(renderRss({ config: current.config, ...channel(current), path, pagePath, articles, references, ...(lastBuildDate ? { lastBuildDate } : {}) }));
    },
  };
}

function linkedIdsOf(site: Site, ids: readonly string[]): string[] {
  return articlesWithIds(site, ids).flatMap((article) => article.linkedIds);
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
