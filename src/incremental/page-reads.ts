import { hash } from 'node:crypto';
import type { Page } from '../pages/page.js';
import type { Fingerprints } from './fingerprints.js';

/**
 * `page` as it reads its site when its render read how many stories its whole list has (see
 * `noteListCountRead`): its list's collection key joins what it reads. Unchanged otherwise, or
 * when the plan reads the count already (a list's first page).
 */
export function withListCount(page: Page, readsCount: boolean): Page {
  const list = page.listOf;
  if (!readsCount || list === undefined || page.deps.collections.includes(list)) return page;
  return { ...page, deps: { ...page.deps, collections: [...page.deps.collections, list] } };
}

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
