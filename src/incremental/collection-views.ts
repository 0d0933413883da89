import type { TermKind } from '../model/article.js';
import type { Collection } from '../model/site.js';

/**
 * Which story counts a read of a collection's stories (its `articleIds`) is of: a section, topic or
 * tag a page names, or one of the sections of the navigation every page's chrome carries.
 */
export type CountKind = TermKind | 'sections';

/** Views of collections that note the kinds whose story counts renders read, for one group of pages (see `FieldsRead.counts`). */
export interface CollectionViews {
  /** `collection` as the pages of the group see it, as a collection of `kind`: one view for the whole recording. */
  of(collection: Collection, kind: CountKind): Collection;
  /** Each collection of `list` so (see `of`), as one list for the whole recording: fragments serialized once from it (the header) stay shared. */
  list(list: readonly Collection[], kind: CountKind): readonly Collection[];
}

/** Views that add to `counts` each kind whose collections' stories a render reads. */
export function collectionViews(counts: Set<string>): CollectionViews {
  const views = new Map<CountKind, WeakMap<Collection, Collection>>();
  const lists = new Map<CountKind, WeakMap<readonly Collection[], readonly Collection[]>>();
  const of = (collection: Collection, kind: CountKind): Collection => {
    let byCollection = views.get(kind);
    if (!byCollection) views.set(kind, (byCollection = new WeakMap()));
    let view = byCollection.get(collection);
    if (!view) byCollection.set(collection, (view = countingView(collection, () => counts.add(kind))));
    return view;
  };
  return {
    of,
    list(list, kind) {
      let byList = lists.get(kind);
      if (!byList) lists.set(kind, (byList = new WeakMap()));
      let view = byList.get(list);
      if (!view) byList.set(list, (view = list.map((collection) => of(collection, kind))));
      return view;
    },
  };
}

/** `collection`, calling `read` whenever its stories (and so their count) are read. */
export function countingView(collection: Collection, read: () => void): Collection {
  return new Proxy(collection, {
    get: (target, key) => {
      if (key === 'articleIds') read();
      return Reflect.get(target, key);
    },
    getOwnPropertyDescriptor: (target, key) => {
      if (key === 'articleIds') read();
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
}
