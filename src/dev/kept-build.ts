import type { VFileMessage } from 'vfile-message';
import { fingerprintSite } from '../incremental/fingerprints.js';
import { readsOfPages } from '../incremental/invalidate.js';
import type { FieldsRead } from '../incremental/read-fields.js';
import { indexReaders, type Readers } from '../incremental/readers.js';
import { keptResolution, type KeptResolution } from '../incremental/resolution.js';
import type { Site } from '../model/site.js';
import type { Page } from '../pages/page.js';
import type { DevFrame } from './frame-reuse.js';

/**
 * The last good build of the preview and what a change needs to update it without resolving
 * again: the resolution (see `KeptResolution`, which a light edit updates in place, so that it
 * costs the same at any size), which pages read each article and collection, and what each page
 * reads (see `readsOf`).
 */
export interface KeptBuild {
  readonly resolution: KeptResolution;
  /** The frame of the last resolution when it was clean (see `devFrameOf`): what stories added extend. */
  readonly frame: DevFrame | undefined;
  readonly pages: ReadonlyMap<string, Page>;
  /** Each page's reads digest, by site path, when taken since the site last changed (see `readsOf`). */
  readonly reads: ReadonlyMap<string, string> | undefined;
  readonly readers: Readers;
  /** Messages of the resolve and render stages (errors only for stories left out). */
  readonly siteMessages: readonly VFileMessage[];
  readonly leftOut: readonly string[];
  /** With `drafts`: preview pages of embargoed and withheld stories, rendered on each request. */
  readonly drafts: ReadonlyMap<string, Page>;
}

/** What a full rebuild gives to keep: the site, its pages and the rest (see `KeptBuild`). */
export interface Assembled {
  readonly site: Site;
  readonly pages: readonly Page[];
  readonly frame: DevFrame | undefined;
  readonly siteMessages: readonly VFileMessage[];
  readonly leftOut: readonly string[];
  readonly drafts: ReadonlyMap<string, Page>;
}

/** Keep an assembled site: index its pages by path and by what they read. */
export function keptBuild(assembled: Assembled): KeptBuild {
  const { site, frame, siteMessages, leftOut, drafts } = assembled;
  const pages = new Map(assembled.pages.map((page) => [page.path, page]));
  return { resolution: keptResolution(site), frame, pages, reads: undefined, readers: indexReaders(pages.values()), siteMessages, leftOut, drafts };
}

/**
 * What each page of a kept build reads, as one digest per page (see `pageReadsDigest`), from the
 * site as it is now: taken only when a full rebuild compares it with the next (the first build and
 * light edits need none, and light edits keep what pages read, so the digests follow them).
 */
export function readsOf(kept: KeptBuild, fields: FieldsRead, listCountReaders: ReadonlySet<string>): ReadonlyMap<string, string> {
  return kept.reads ?? readsOfPages(kept.pages.values(), fingerprintSite(kept.resolution.site, fields), listCountReaders, fields.counts);
}
