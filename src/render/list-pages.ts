import { toHtml } from 'hast-util-to-html';
import { renderList } from '../../templates/list.js';
import { renderTermIndex } from '../../templates/term-index.js';
import type { TermKind } from '../model/article.js';
import { articlesWithIds, collectionFolders, type Collection, type LinkedArticle, type Site } from '../model/site.js';
import type { TermIndexKind } from '../model/views.js';
import { pageChrome } from './chrome.js';
import { collectionKey, type Page } from './page.js';
import { paginate } from './paginate.js';

const kindNames: Readonly<Record<TermKind, { one: string; many: string }>> = {
  section: { one: 'Section', many: 'Sections' },
  topic: { one: 'Topic', many: 'Topics' },
  tag: { one: 'Tag', many: 'Tags' },
};

/** The home pages: every story, newest first, paginated (`/`, `/page/2/`…). */
export function homePages(site: Site): Page[] {
  return paginate(site.articles, site.config.pageSize, '').map(
    (page): Page => ({
      path: page.path,
      kind: 'home',
      deps: { articles: [], teasers: page.items.map((article) => article.id), collections: ['home', 'sections'] },
      render: () =>
        toHtml(
          renderList({
            kind: 'home',
            chrome: pageChrome(site, page.path, page.pagination.page === 1 ? site.config.title : `Latest stories, page ${page.pagination.page}`, site.config.description),
            heading: 'Latest stories',
            total: site.articles.length,
            articles: page.items,
            pagination: page.pagination,
          }),
        ),
    }),
  );
}

/** The paginated pages of every section, topic and tag. */
export function collectionPages(site: Site): Page[] {
  return [...site.sections, ...site.topics, ...site.tags].flatMap((collection) => {
    const articles = articlesWithIds(site, collection.articleIds);
    return paginate<LinkedArticle>(articles, site.config.pageSize, collection.path).map(
      (page): Page => ({
        path: page.path,
        kind: collection.kind,
        deps: { articles: [], teasers: page.items.map((article) => article.id), collections: [collectionKey(collection.kind, collection.slug), 'sections'] },
        render: () =>
          toHtml(
            renderList({
              kind: collection.kind,
              chrome: pageChrome(site, page.path, pageTitle(collection, page.pagination.page), `${kindNames[collection.kind].one}: ${collection.name}`, [
                { title: `${site.config.title}: ${collection.name}`, path: collection.feedPath },
              ]),
              heading: collection.name,
              collection,
              total: articles.length,
              articles: page.items,
              pagination: page.pagination,
            }),
          ),
      }),
    );
  });
}

/** The index pages listing every section, topic and tag with its story count. */
export function termIndexPages(site: Site): Page[] {
  const indexes: readonly [TermKind, readonly Collection[]][] = [
    ['section', site.sections],
    ['topic', site.topics],
    ['tag', site.tags],
  ];
  return indexes.map(([kind, collections]): Page => {
    const path = `${collectionFolders[kind]}/`;
    const indexKind = `${kind}-index` as TermIndexKind;
    return {
      path,
      kind: indexKind,
      deps: { articles: [], teasers: [], collections: [indexKind, 'sections'] },
      render: () =>
        toHtml(
          renderTermIndex({
            kind: indexKind,
            chrome: pageChrome(site, path, kindNames[kind].many, `Every ${kind} with its number of stories.`),
            heading: kindNames[kind].many,
            collections,
          }),
        ),
    };
  });
}

function pageTitle(collection: Collection, page: number): string {
  return page === 1 ? collection.name : `${collection.name}, page ${page}`;
}
