import type { Site } from '../model/site.js';

/** Where a page's view of the site (see `readRecorder`) keeps what records that the page read its list's story count. */
export const listCountRead = Symbol('list count read by a page view');

/**
 * Note that the page `site` is the view of read how many stories its whole list has (home's
 * `total`; the view notes a read of a collection's own `articleIds` itself): a number its plan reads only on a list's first page, so
 * a page that shows it elsewhere must be rendered again when it changes. Nothing for a plain site.
 */
export function noteListCountRead(site: Site): void {
  (site as Site & { readonly [listCountRead]?: () => void })[listCountRead]?.();
}
