import type { Article } from '../model/article.js';
import type { LinkedArticle, Site } from '../model/site.js';
import type { PageDeps } from '../pages/page.js';
import { articleLookup, articlePrintsFor } from './fingerprints.js';
import type { FieldsRead } from './read-fields.js';
import { linkedArticleOf } from '../store/lazy-article.js';

/** The ids of the articles whose fingerprint of each kind changed since the last build, and the collection keys whose fingerprint did. */
export interface ChangedReads {
  readonly articles: ReadonlySet<string>;
  readonly teasers: ReadonlySet<string>;
  readonly stamps: ReadonlySet<string>;
  readonly collections: ReadonlySet<string>;
}

/**
 * What changed for the pages of a site that took the last build's frame (see `SiteFrame`): its
 * pages and their dependencies are the last build's, and so is every fingerprint but those of the
 * stories modelled anew. Each such story is given with its cached version from the last build
 * (undefined when there is none, and then everything about it counts as changed). `collections`
 * names the collection keys whose fingerprint changed (none when the frame was taken as it was),
 * `relinked` the stories whose related stories an extension of the frame changed (read in full,
 * they changed). Teasers and stamps are compared by the `fields` the last build's renders read (of any page).
 */
export function changedReads(
  site: Site,
  anew: Iterable<readonly [now: Article, before: Article | undefined]>,
  fields: FieldsRead,
  collections: ReadonlySet<string> = new Set(),
  relinked: Iterable<string> = [],
): ChangedReads {
  const articleWithId = articleLookup(site);
  const articlePrints = articlePrintsFor(fields);
  const changed = { articles: new Set<string>(relinked), teasers: new Set<string>(), stamps: new Set<string>(), collections };
  for (const [now, before] of anew) {
    const linked = articleWithId(now.id);
    // The same links and related stories: the frame gave them to both versions.
    const then: LinkedArticle | undefined = linked && before?.id === now.id ? linkedArticleOf(before, linked.linkedIds, linked.relatedIds) : undefined;
    for (const [kind, print] of articlePrints) if (!linked || !then || print(then) !== print(linked)) changed[kind].add(now.id);
  }
  return changed;
}

/** Whether a page reads anything that changed (asked of every page of the site: plain loops, no closures). */
export function readsAnyChange(deps: PageDeps, changed: ChangedReads): boolean {
  return readsAny(deps.articles, changed.articles) || readsAny(deps.teasers, changed.teasers) || readsAny(deps.stamps, changed.stamps) || readsAny(deps.collections, changed.collections);
}

function readsAny(keys: readonly string[] | undefined, changed: ReadonlySet<string>): boolean {
  if (keys === undefined || changed.size === 0) return false;
  for (const key of keys) if (changed.has(key)) return true;
  return false;
}
