import { hash } from 'node:crypto';
import { collectionNameKey, type Page, type PageDeps } from '../pages/page.js';
import type { Fingerprints } from './fingerprints.js';

/**
 * `page` as its renders read its site, where that is more than its plan names: its list's
 * collection key when its render read how many stories its whole list has (`listCount`, see
 * `noteListCountRead`), and for each kind of `counts` (its group's, see `FieldsRead.counts`), the
 * full key of each collection of that kind it names by name only (`tag/japan` for
 * `name:tag/japan`), and `section-index` (every section's count) for the navigation's sections.
 * The page itself when it reads nothing more.
 */
export function withCountsRead(page: Page, listCount: boolean, counts: readonly string[]): Page {
  const named = page.deps.collections;
  const more: string[] = [];
  const add = (key: string) => {
    if (!named.includes(key) && !more.includes(key)) more.push(key);
  };
  if (listCount && page.listOf !== undefined) add(page.listOf);
  if (counts.length > 0) {
    for (const key of named) {
      if (key === 'sections') {
        if (counts.includes('sections')) add('section-index');
      } else if (key.startsWith(namePrefix) && counts.includes(key.slice(namePrefix.length, key.indexOf('/')))) add(key.slice(namePrefix.length));
    }
  }
  return more.length === 0 ? page : { ...page, deps: withCollections(page.deps, [...named, ...more]) };
}

/** `deps` reading `collections`: each of its fields read by name, as a planner may make some when asked (see `PageDeps.place`). */
function withCollections(deps: PageDeps, collections: readonly string[]): PageDeps {
  const { articles, teasers, stamps, place, stampsInPlace } = deps;
  return {
    articles,
    teasers,
    collections,
    ...(stamps === undefined ? {} : { stamps }),
    ...(place === undefined ? {} : { place }),
    ...(stampsInPlace === undefined ? {} : { stampsInPlace }),
  };
}

/** How a collection key of its name and place only starts (see `collectionNameKey`). */
const namePrefix = collectionNameKey('', '').slice(0, -'/'.length);

/**
 * One digest of everything a page reads: its kind, what it lists, the fingerprint of each
 * article, teaser (of the fields renders read, see `readRecorder`) and collection it reads, and
 * its place among its list's pages. Equal digests
 * mean equal output, so the page need not be rendered again (as long as the code and settings
 * are the same).
 */
export function pageReadsDigest(page: Page, fingerprints: Fingerprints): string {
  // One string, hashed once: thousands of small `update` calls per list page cost more than the hashing.
  const parts = [page.kind, '\u0001', page.path];
  for (const id of page.deps.articles) parts.push('\u0002', id, '\u0000', fingerprints.articles.get(id) ?? '?');
  for (const id of page.deps.teasers) parts.push('\u0003', id, '\u0000', fingerprints.teasers.get(id) ?? '?');
  for (const key of page.deps.collections) parts.push('\u0004', key, '\u0000', fingerprints.collections.get(key) ?? '?');
  if (page.deps.stampsInPlace !== true) for (const id of page.deps.stamps ?? []) parts.push('\u0005', id, '\u0000', fingerprints.stamps.get(id) ?? '?');
  if (page.deps.place !== undefined) parts.push('\u0006', page.deps.place);
  return hash('sha1', parts.join(''), 'base64');
}
