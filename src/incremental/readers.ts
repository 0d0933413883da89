import type { Page } from '../pages/page.js';

/** Which pages read each article (in full, as a teaser, or only its place and time) and each collection key. */
export interface Readers {
  readonly articles: ReadonlyMap<string, readonly string[]>;
  readonly teasers: ReadonlyMap<string, readonly string[]>;
  readonly collections: ReadonlyMap<string, readonly string[]>;
  readonly stamps: ReadonlyMap<string, readonly string[]>;
}

/** Index pages by what they read, so a change finds its pages without looking at every page. */
export function indexReaders(pages: Iterable<Page>): Readers {
  const articles = new Map<string, string[]>();
  const teasers = new Map<string, string[]>();
  const collections = new Map<string, string[]>();
  const stamps = new Map<string, string[]>();
  const add = (index: Map<string, string[]>, key: string, path: string) => {
    const list = index.get(key);
    if (!list) index.set(key, [path]);
    else if (list[list.length - 1] !== path) list.push(path);
  };
  for (const page of pages) {
    for (const id of page.deps.articles) add(articles, id, page.path);
    for (const id of page.deps.teasers) add(teasers, id, page.path);
    for (const key of page.deps.collections) add(collections, key, page.path);
    for (const id of page.deps.stamps ?? []) add(stamps, id, page.path);
  }
  return { articles, teasers, collections, stamps };
}
