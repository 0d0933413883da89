import type { Site } from '../model/site.js';
import type { DerivedFiles } from '../output/write.js';
import { buildSearchIndex, searchFolder } from './pagefind-index.js';

/**
 * The write stage's search step: once every page of `site` is in the output tree that is not yet
 * live, index that tree and add the bundle under `pagefind/`, so the index goes live with the pages
 * it describes. With `reuse` (the live tree was built by the same code and settings), a build that
 * changed no HTML file keeps the live index instead of making it again.
 */
export function searchIndexStep(site: Site, reuse: boolean): DerivedFiles {
  return {
    folder: searchFolder,
    reuse,
    make: (dir) => buildSearchIndex({ kind: 'folder', dir, hasStories: site.articles.length > 0 }, { language: site.config.language }),
  };
}
