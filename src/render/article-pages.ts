import { toHtml } from 'hast-util-to-html';
import { renderArticle } from '../../templates/article.js';
import { renderNotFound } from '../../templates/not-found.js';
import { articlesWithIds, type Collection, type Site } from '../model/site.js';
import { pageChrome } from './chrome.js';
import { collectionKey, type Page } from './page.js';

/** How many of the newest stories the article sidebar and the 404 page list. */
export const latestCount = 5;

/** One page per story, at its permalink. */
export function articlePages(site: Site): Page[] {
  const latestAll = site.articles.slice(0, latestCount + 1);
  return site.articles.map((article): Page => {
    const references = articlesWithIds(site, article.linkedIds);
    const related = articlesWithIds(site, article.relatedIds);
    const latest = latestAll.filter((other) => other.id !== article.id).slice(0, latestCount);
    const section = article.section && site.collection('section', article.section.slug);
    const topics = article.topics.flatMap((term) => existingCollection(site.collection('topic', term.slug)));
    const tags = article.tags.flatMap((term) => existingCollection(site.collection('tag', term.slug)));
    const collections = [section, ...topics, ...tags].flatMap(existingCollection);
    const feeds = collections.map((collection) => ({ title: `${site.config.title}: ${collection.name}`, path: collection.feedPath }));
    return {
      path: article.path,
      kind: 'article',
      deps: {
        articles: [article.id],
        teasers: [...references, ...related, ...latest].map((other) => other.id),
        collections: ['sections', ...collections.map((collection) => collectionKey(collection.kind, collection.slug))],
      },
      render: () =>
        toHtml(
          renderArticle({
            kind: 'article',
            chrome: pageChrome(site, article.path, article.title, article.summary, feeds),
            article,
            references,
            related,
            ...(section ? { section } : {}),
            topics,
            tags,
            latest,
          }),
        ),
    };
  });
}

/** The 404 page, served by static hosts for unknown URLs. */
export function notFoundPage(site: Site): Page {
  const latest = site.articles.slice(0, latestCount);
  return {
    path: '404.html',
    kind: 'not-found',
    deps: { articles: [], teasers: latest.map((article) => article.id), collections: ['sections'] },
    render: () => toHtml(renderNotFound({ kind: 'not-found', chrome: pageChrome(site, '404.html', 'Page not found', 'The page you asked for is not here.'), latest })),
  };
}

function existingCollection(collection: Collection | undefined): Collection[] {
  return collection ? [collection] : [];
}
