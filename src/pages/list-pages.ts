import type { Templates } from '../../templates/table.js';
import type { TermKind } from '../model/article.js';
import { articlesWithIds, collectionFolders, type Collection, type Site } from '../model/site.js';
import type { TermIndexKind } from '../model/views.js';
import { label } from '../labels/fill.js';
import type { TextLabelKey } from '../labels/keys.js';
import { labelSetFor } from '../labels/select.js';
import { pageChrome } from './chrome.js';
import { pageHtml } from './page-html.js';
import { collectionKey, collectionNameKey, type Page, type PageDeps } from './page.js';
import { paginate, type ListPage } from './paginate.js';
import { noteListCountRead } from './list-count.js';
import { siteBehind } from '../incremental/read-tracking.js';

/** The label keys naming each kind of collection, one and many, and describing its index. */
const kindLabels = {
  section: { one: 'section', many: 'sections', index: 'sectionIndexDescription' },
  topic: { one: 'topic', many: 'topics', index: 'topicIndexDescription' },
  tag: { one: 'tag', many: 'tags', index: 'tagIndexDescription' },
} as const satisfies Readonly<Record<TermKind, { one: TextLabelKey; many: TextLabelKey; index: TextLabelKey }>>;

/** The home pages: every story, newest first, on the first page (`/`) and archive pages (`/page/1/` the oldest, see `paginate`). */
export function homePages(site: Site, templates: Templates): Page[] {
  return paginate(
    site.articles.map((article) => article.id),
    site.config.pageSize,
    '',
  ).map((page): Page => {
    const number = page.number;
    return {
      path: page.path,
      kind: 'home',
      listOf: 'home',
      // Home shows no story count: a page reads its own stories and its place among the pages.
      deps: listDeps(page, ['sections']),
      render: (current) => {
        const labels = labelSetFor(current.config);
        return pageHtml(
          templates.list(
            {
              kind: 'home',
              chrome: pageChrome(current, page.path, number === undefined ? current.config.title : label(labels, 'archivePageTitle', { number }), current.config.description),
              heading: label(labels, number === undefined ? 'latestStories' : 'archive'),
              // Read only when a template shows it: noted, as home's plan leaves the story count out.
              get total() {
                noteListCountRead(current);
                return current.articles.length;
              },
              articles: articlesWithIds(current, page.items),
              pagination: page.pagination,
            },
            templates,
          ),
        );
      },
    };
  });
}

/** The paginated pages of every section, topic and tag: the first with the story count, the archive pages without. */
export function collectionPages(site: Site, templates: Templates): Page[] {
  return [...site.sections, ...site.topics, ...site.tags].flatMap(({ kind, slug, path, articleIds }) =>
    paginate(articleIds, site.config.pageSize, path).map((page): Page => {
      const number = page.number;
      const collectionRead = number === undefined ? collectionKey(kind, slug) : collectionNameKey(kind, slug);
      return {
        path: page.path,
        kind,
        listOf: collectionKey(kind, slug),
        deps: listDeps(page, [collectionRead, 'sections']),
        render: (current) => {
          const collection = current.collection(kind, slug);
          if (!collection) throw new Error(`The ${kind} "${slug}" is not in the site any more`);
          const labels = labelSetFor(current.config);
          const title = number === undefined ? collection.name : label(labels, 'collectionArchivePageTitle', { name: collection.name, number });
          const description = label(labels, 'collectionDescription', { kind: label(labels, kindLabels[kind].one), name: collection.name });
          return pageHtml(
            templates.list(
              {
                kind,
                chrome: pageChrome(current, page.path, title, description, [{ title: `${current.config.title}: ${collection.name}`, path: collection.feedPath }]),
                heading: collection.name,
                collection,
                // Read when a template shows it: the page's view notes the read where its plan leaves the count out.
                get total() {
                  return collection.articleIds.length;
                },
                articles: articlesWithIds(current, page.items),
                pagination: page.pagination,
              },
              templates,
            ),
          );
        },
      };
    }),
  );
}

/**
 * What a list page reads: its stories as teasers, `collections`, and its place among its list's
 * pages as its navigation shows it (`PageDeps.place`), made when first asked for: a publish
 * digests the few list pages whose stories or collections changed, and keeps the others' reads.
 * A class, as an object literal with a getter costs some microseconds to make.
 */
class ListDeps implements PageDeps {
  readonly articles: readonly string[] = [];
  readonly teasers: readonly string[];
  readonly #page: ListPage<string>;
  #place: string | undefined;

  constructor(
    page: ListPage<string>,
    readonly collections: readonly string[],
  ) {
    this.#page = page;
    this.teasers = page.items;
  }

  get place(): string {
    return (this.#place ??= JSON.stringify(this.#page.pagination));
  }
}

/** What a list page reads (see `ListDeps`). */
function listDeps(page: ListPage<string>, collections: readonly string[]): PageDeps {
  return new ListDeps(page, collections);
}

/** The index pages listing every section, topic and tag with its story count. */
export function termIndexPages(templates: Templates): Page[] {
  return (['section', 'topic', 'tag'] as const).map((kind): Page => {
    const path = `${collectionFolders[kind]}/`;
    const indexKind = `${kind}-index` as TermIndexKind;
    return {
      path,
      kind: indexKind,
      deps: { articles: [], teasers: [], collections: [indexKind, 'sections'] },
      render: (current) => {
        const labels = labelSetFor(current.config);
        const heading = label(labels, kindLabels[kind].many);
        return pageHtml(
          templates.termIndex(
            {
              kind: indexKind,
              chrome: pageChrome(current, path, heading, label(labels, kindLabels[kind].index)),
              heading,
              // Every collection of the kind, as the index key reads them (name, place, count): read as the site has them.
              collections: collectionsOfKind(siteBehind(current), kind),
            },
            templates,
          ),
        );
      },
    };
  });
}

function collectionsOfKind(site: Site, kind: TermKind): readonly Collection[] {
  return kind === 'section' ? site.sections : kind === 'topic' ? site.topics : site.tags;
}
