import { sameIds } from '../model/site.js';
import type { Page, PageDeps } from '../pages/page.js';
import type { Fingerprints } from './fingerprints.js';

/** One side of a comparison: a site's pages by path and its fingerprints. */
export interface PageSet {
  readonly pages: ReadonlyMap<string, Page>;
  readonly fingerprints: Fingerprints;
}

/** Which pages a change touches: pages to render again (new ones included) and pages that are gone. */
export interface Invalidation {
  readonly changed: readonly string[];
  readonly removed: readonly string[];
}

/**
 * Compare two versions of a site and list exactly the pages whose output may differ: a page is
 * changed when it is new, when what it reads is a different list, or when anything it reads has a
 * different fingerprint. Runs in time proportional to the pages and their dependencies.
 */
export function invalidatedPages(previous: PageSet, next: PageSet): Invalidation {
  const changed: string[] = [];
  for (const [path, page] of next.pages) {
    const before = previous.pages.get(path);
    if (!before || before.kind !== page.kind || !sameDeps(before.deps, page.deps) || readsChanged(page.deps, previous.fingerprints, next.fingerprints)) {
      changed.push(path);
    }
  }
  const removed = [...previous.pages.keys()].filter((path) => !next.pages.has(path));
  return { changed, removed };
}

function sameDeps(a: PageDeps, b: PageDeps): boolean {
  return sameIds(a.articles, b.articles) && sameIds(a.teasers, b.teasers) && sameIds(a.collections, b.collections) && sameIds(a.stamps ?? [], b.stamps ?? []) && a.place === b.place;
}

function readsChanged(deps: PageDeps, before: Fingerprints, after: Fingerprints): boolean {
  return (
    deps.articles.some((id) => before.articles.get(id) !== after.articles.get(id)) ||
    deps.teasers.some((id) => before.teasers.get(id) !== after.teasers.get(id)) ||
    deps.collections.some((key) => before.collections.get(key) !== after.collections.get(key)) ||
    (deps.stamps ?? []).some((id) => before.stamps.get(id) !== after.stamps.get(id))
  );
}
