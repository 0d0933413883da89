import type { TermKind } from '../model/article.js';
import type { LinkedArticle, Site } from '../model/site.js';
import { collectionKey } from '../pages/page.js';
import type { ChangedReads } from './changed-reads.js';

// An index from what changed to the pages that may read it, for the two families of pages that
// make up most of a site, found from the site alone: no page's dependencies are made or compared.
// Each answer may name more pages than read a change (they are compared as any other), never fewer.

/** How a collection key of a name and place only starts (see `collectionNameKey`). */
const namePrefix = 'name:';

const termKinds: ReadonlySet<string> = new Set<TermKind>(['section', 'topic', 'tag']);

/** The pages that may read a change: undefined where every page of the family may. */
export interface ChangeReaders {
  /** The paths of the story pages that may (see `articlePages`). */
  readonly storyPages: ReadonlySet<string> | undefined;
  /** The collection keys (`home` for the site's) whose feeds may (see `feedPages`), for feeds whose last render read no story count. */
  readonly feeds: ReadonlySet<string> | undefined;
}

/**
 * The story pages and feeds that may read a change of `changed`, the story pages reading the counts
 * of the collection kinds `counts.article` names, and feeds those of `counts.feed` (see
 * `withCountsRead`). A story page reads its story in full, the stories it links or names as related
 * as teasers, and the name and place of the navigation and of its section, topics and tags; a feed
 * reads its items (stories filed under its collection, live or killed) in full, the stories they
 * link as teasers, and its collection's name and place.
 */
export function changeReaders(site: Site, changed: ChangedReads, counts: { readonly article: readonly string[]; readonly feed: readonly string[] }): ChangeReaders {
  // The stories read in full that changed, and those that show one whose teaser changed.
  const stories = new Set(changed.articles);
  if (changed.teasers.size > 0) {
    for (const article of site.articles) if (anyIn(article.linkedIds, changed.teasers) || anyIn(article.relatedIds, changed.teasers)) stories.add(article.id);
  }
  return { storyPages: storyPagesReading(site, changed, counts.article, stories), feeds: feedsReading(site, changed, counts.feed, stories) };
}

function storyPagesReading(site: Site, changed: ChangedReads, counts: readonly string[], stories: ReadonlySet<string>): ReadonlySet<string> | undefined {
  if (changed.collections.has('sections') || (counts.includes('sections') && changed.collections.has('section-index'))) return undefined;
  const ids = new Set(stories);
  for (const key of termKeysRead(changed.collections, counts)) for (const id of site.collection(key.kind, key.slug)?.articleIds ?? []) ids.add(id);
  const paths = new Set<string>();
  for (const id of ids) {
    const article = site.byId.get(id);
    if (article) paths.add(article.path);
  }
  return paths;
}

function feedsReading(site: Site, changed: ChangedReads, counts: readonly string[], stories: ReadonlySet<string>): ReadonlySet<string> | undefined {
  const keys = new Set(termKeysRead(changed.collections, counts).map(({ kind, slug }) => collectionKey(kind, slug)));
  if (stories.size === 0) return keys;
  keys.add('home');
  const killed = new Map(site.withdrawn.map((article) => [article.id, article]));
  for (const id of stories) {
    const article: LinkedArticle | undefined = site.byId.get(id) ?? killed.get(id);
    // A story of neither kind is in no feed.
    if (!article) continue;
    if (article.section) keys.add(collectionKey('section', article.section.slug));
    for (const term of article.topics) keys.add(collectionKey('topic', term.slug));
    for (const term of article.tags) keys.add(collectionKey('tag', term.slug));
  }
  return keys;
}

/** The sections, topics and tags of the changed collection keys that pages read: those whose name and place changed, and for the kinds of `counts`, whose stories did. */
function termKeysRead(collections: ReadonlySet<string>, counts: readonly string[]): { kind: TermKind; slug: string }[] {
  const terms: { kind: TermKind; slug: string }[] = [];
  for (const key of collections) {
    const term = key.startsWith(namePrefix) ? key.slice(namePrefix.length) : key;
    const slash = term.indexOf('/');
    const kind = term.slice(0, slash);
    if (slash < 0 || !termKinds.has(kind) || (term === key && !counts.includes(kind))) continue;
    terms.push({ kind: kind as TermKind, slug: term.slice(slash + 1) });
  }
  return terms;
}

function anyIn(ids: readonly string[], set: ReadonlySet<string>): boolean {
  for (const id of ids) if (set.has(id)) return true;
  return false;
}
