import type { TermKind } from '../model/article.js';
import type { LinkedArticle, Site } from '../model/site.js';
import { listCountRead } from '../pages/list-count.js';
import { collectionKey, collectionNameKey, type Page } from '../pages/page.js';
import { collectionViews, countingView, type CollectionViews } from './collection-views.js';
import { readGroupOf, type FieldRole, type ReadFields } from './read-fields.js';

// A page's reads are recorded, not declared: while it renders, the site is seen through a view
// whose articles record each field read, by the role the page's plan gives the article (a teaser,
// a stamp). The plan still says which articles and collections a page reads (which stories a list
// shows is structure); a render that reaches for one the plan does not name fails, so nothing a
// page shows escapes its digest. What is recorded is what of them the templates read, by group of
// pages (see `readGroupOf`): a site's story card that shows the byline makes the byline part of
// the list pages' teasers, and leaves the feeds' alone. So are the story counts read of collections
// the plan names only by name (see `FieldsRead.counts`): a header showing each section's count.

/** Records what renders read of the articles they show (see `ReadFields`), for one build or one dev session. */
export interface ReadRecorder {
  /** The site as `page` may read it while it renders: its articles by id, recorded by their role in the page's plan and the page's group. */
  view(site: Site, page: Pick<Page, 'path' | 'kind' | 'deps' | 'listOf'>): Site;
  /** Fields recorded elsewhere (by a render thread) join this recording. */
  add(fields: ReadFields): void;
  /** The fields read so far, by group. */
  fields(): ReadFields;
  /** The site paths of the list pages whose render read how many stories their whole list has (see `noteListCountRead`). */
  listCountReaders(): ReadonlySet<string>;
}

/** Where a page's view of the site keeps the site it stands for. */
const behind = Symbol('site behind a page view');

/** The site a page's view stands for (see `ReadRecorder.view`), or the site itself: for a page that plans from it and compares. */
export function siteBehind(site: Site): Site {
  return (site as Site & { readonly [behind]?: Site })[behind] ?? site;
}

/** What a recorder keeps of one group and role: the fields read, and one view of each article that records into them. */
interface Recording {
  readonly fields: Set<string>;
  readonly handler: ProxyHandler<Holder>;
  readonly views: WeakMap<LinkedArticle, LinkedArticle>;
}

/** What a recorder keeps of one group: its articles' fields by role, and the kinds whose story counts it read with the views of collections that record them. */
interface GroupRecording extends Record<FieldRole, Recording> {
  readonly counts: Set<string>;
  readonly collections: CollectionViews;
}

/** A recorder with nothing recorded yet. */
export function readRecorder(): ReadRecorder {
  const groups = new Map<string, GroupRecording>();
  const countReaders = new Set<string>();
  const recordingOf = (group: string): GroupRecording => {
    let found = groups.get(group);
    if (!found) {
      const counts = new Set<string>();
      groups.set(group, (found = { teasers: recording(), stamps: recording(), counts, collections: collectionViews(counts) }));
    }
    return found;
  };
  return {
    view(site, page) {
      const roleOf = plannedRoles(page);
      const recordings = recordingOf(readGroupOf(page.kind));
      // One view of an article per group and role for the whole build: a card a list serializes once (see `serializedOnce`) stays shared.
      const viewOf = (article: LinkedArticle, role: FieldRole): LinkedArticle => {
        const { handler, views } = recordings[role];
        let view = views.get(article);
        // A view reads as the article it holds (every read goes to it): that the proxy is one, the type system cannot see.
        if (!view) views.set(article, (view = new Proxy<Holder>({ [held]: article }, handler) as unknown as LinkedArticle));
        return view;
      };
      const articleFor = (id: string, article: LinkedArticle): LinkedArticle => {
        const role = roleOf(id);
        if (role === undefined) throw new Error(`The page "${page.path}" read the story "${id}", which its plan does not name (see PageDeps)`);
        return role === 'articles' ? article : viewOf(article, role);
      };
      const byId: ReadonlyMap<string, LinkedArticle> = {
        get size() {
          return site.byId.size;
        },
        has: (id) => site.byId.has(id),
        get: (id) => {
          const article = site.byId.get(id);
          return article && articleFor(id, article);
        },
        // Listing every story reads every story: each must be in the plan (no page does).
        forEach: (each) => every().forEach(each),
        entries: () => every().entries(),
        keys: () => site.byId.keys(),
        values: () => every().values(),
        [Symbol.iterator]: () => every().entries(),
      };
      const every = () => new Map([...site.byId].map(([id, article]) => [id, articleFor(id, article)]));
      const collection = (kind: TermKind, slug: string) => {
        const collections = page.deps.collections;
        const key = collectionKey(kind, slug);
        const inFull = collections.includes(key);
        if (!inFull && !collections.includes(collectionNameKey(kind, slug))) {
          throw new Error(`The page "${page.path}" read the ${kind} "${slug}", which its plan does not name (see PageDeps)`);
        }
        const found = site.collection(kind, slug);
        if (!found || inFull) return found;
        // Named by name only: a list page's own count is the page's read (see `withCountsRead`); another collection's, its group's.
        return key === page.listOf ? countingView(found, noteListCount) : recordings.collections.of(found, kind);
      };
      const noteListCount = () => countReaders.add(page.path);
      const views = recordings.collections;
      return {
        ...site,
        byId,
        collection,
        sections: views.list(site.sections, 'sections'),
        // Viewed when first read: no page of wiredesk's own reads every topic or tag through its view.
        get topics() {
          return views.list(site.topics, 'topic');
        },
        get tags() {
          return views.list(site.tags, 'tag');
        },
        [behind]: site,
        [listCountRead]: noteListCount,
      };
    },
    add(fields) {
      for (const [group, read] of Object.entries(fields)) {
        const recordings = recordingOf(group);
        for (const role of ['teasers', 'stamps'] as const) for (const field of read[role]) recordings[role].fields.add(field);
        for (const kind of read.counts) recordings.counts.add(kind);
      }
    },
    listCountReaders: () => countReaders,
    fields: () =>
      Object.fromEntries([...groups].map(([group, { teasers, stamps, counts }]) => [group, { teasers: [...teasers.fields].sort(), stamps: [...stamps.fields].sort(), counts: [...counts].sort() }])),
  };
}

function recording(): Recording {
  const fields = new Set<string>();
  return { fields, handler: recordingHandler(fields), views: new WeakMap() };
}

/** The role each article has in a page's plan: read in full, as a teaser, or as a stamp (the first of these that names it). */
function plannedRoles(page: Pick<Page, 'deps'>): (id: string) => 'articles' | FieldRole | undefined {
  let roles: Map<string, 'articles' | FieldRole> | undefined;
  return (id) => {
    if (!roles) {
      // Made on the first read: most of a page's reads are of one or two articles, a sitemap's of thousands.
      roles = new Map();
      const { articles, teasers, stamps = [] } = page.deps;
      for (const [list, role] of [
        [stamps, 'stamps'],
        [teasers, 'teasers'],
        [articles, 'articles'],
      ] as const)
        for (const planned of list) roles.set(planned, role);
    }
    return roles.get(id);
  };
}

/** Where a view holds its article: a view's own target is this holder, so that checking a read against it reads nothing of the article. */
const held = Symbol('article seen through a view');

/** What a view of an article stands on (see `held`). */
interface Holder {
  readonly [held]: LinkedArticle;
}

/**
 * Reads of an article that add each field they touch to `fields`; the article is never changed.
 * A lazy article (see `lazyArticle`) stays lazy: only the fields read are read from its bytes.
 */
function recordingHandler(fields: Set<string>): ProxyHandler<Holder> {
  const record = (key: string | symbol) => {
    if (typeof key === 'string') fields.add(key);
  };
  return {
    get: (holder, key) => {
      record(key);
      return Reflect.get(holder[held], key);
    },
    has: (holder, key) => {
      record(key);
      return Reflect.has(holder[held], key);
    },
    // Listing the fields (a spread, JSON) reads every one of them.
    ownKeys: (holder) => {
      const keys = Reflect.ownKeys(holder[held]);
      for (const key of keys) record(key);
      return keys;
    },
    getOwnPropertyDescriptor: (holder, key) => {
      record(key);
      return Reflect.getOwnPropertyDescriptor(holder[held], key);
    },
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  };
}
