import type { Page } from '../pages/page.js';
import type { ChangedReads } from './changed-reads.js';
import type { Fingerprints } from './fingerprints.js';
import { pageReadsDigest, withCountsRead } from './page-reads.js';
import type { Readers } from './readers.js';

/** Which pages a change touches: pages to render again (new ones included) and pages that are gone. */
export interface Invalidation {
  readonly changed: readonly string[];
  readonly removed: readonly string[];
}

/**
 * What each page reads, as one digest (see `pageReadsDigest`), by site path; `listCountReaders`
 * also read their list's story count, and every page the counts of the kinds of `counts` (see `withCountsRead`).
 */
export function readsOfPages(pages: Iterable<Page>, fingerprints: Fingerprints, listCountReaders: ReadonlySet<string> = new Set(), counts: readonly string[] = []): Map<string, string> {
  const reads = new Map<string, string>();
  for (const page of pages) reads.set(page.path, pageReadsDigest(withCountsRead(page, listCountReaders.has(page.path), counts), fingerprints));
  return reads;
}

/**
 * The pages whose reads digest is new or not the last one (what they read changed, or is a
 * different list), and the last pages that are gone: equal digests mean equal output. `build`
 * keeps the last digests in its cache, `dev` in memory.
 */
export function invalidatedPages(previous: ReadonlyMap<string, string>, next: ReadonlyMap<string, string>): Invalidation {
  const changed: string[] = [];
  for (const [path, reads] of next) if (previous.get(path) !== reads) changed.push(path);
  const removed: string[] = [];
  for (const path of previous.keys()) if (!next.has(path)) removed.push(path);
  return { changed, removed };
}

/**
 * The pages that read something that changed (see `changedReads`), found through the readers
 * index without looking at the others: what a change to a few stories costs is what they are read by.
 * The same pages `readsAnyChange` finds asked of every page.
 */
export function pagesReading(changed: ChangedReads, readers: Readers): Set<string> {
  const pages = new Set<string>();
  for (const kind of ['articles', 'teasers', 'stamps', 'collections'] as const) {
    for (const key of changed[kind]) for (const path of readers[kind].get(key) ?? []) pages.add(path);
  }
  return pages;
}
