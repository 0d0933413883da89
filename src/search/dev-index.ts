import { contentTypeOf } from '../dev/content-type.js';
import type { Served } from '../dev/site-source.js';
import type { SiteConfig } from '../model/config.js';
import { buildSearchIndex, searchFolder } from './pagefind-index.js';

/** What the preview's search index reads: the settings and the story pages, as the dev engine holds them. */
export interface DevSearchSite {
  readonly config: SiteConfig | undefined;
  storyPages(): Iterable<{ readonly sitePath: string; readonly html: string }>;
}

/** The preview's search index: `pagefind/…` files made from the in-memory pages, and forgotten after an edit. */
export interface DevSearchIndex {
  /** The file at `sitePath` under `pagefind/` (indexing on the first such request), or undefined. */
  lookup(sitePath: string): Promise<Served | undefined>;
  /** The pages changed: make the index again on the next request. */
  invalidate(): void;
}

/**
 * The search index of `wiredesk dev`: nothing is indexed until the search page asks for Pagefind's
 * files, so a preview that never searches pays nothing; an edit drops the index, the next search
 * makes it again from the story pages as they are then.
 */
export function createDevSearchIndex(site: DevSearchSite): DevSearchIndex {
  let files: Promise<Map<string, Uint8Array>> | undefined;
  const make = async (config: SiteConfig) => {
    const pages = (function* () {
      for (const page of site.storyPages()) yield { url: `/${page.sitePath}`, content: page.html };
    })();
    const made = await buildSearchIndex({ kind: 'pages', pages }, { language: config.language });
    return new Map(made.map((file) => [file.path, file.bytes]));
  };
  return {
    async lookup(sitePath) {
      const config = site.config;
      if (!config?.search || !sitePath.startsWith(searchFolder)) return undefined;
      if (!files) {
        const making = make(config);
        // A failed indexing is tried again by the next request.
        making.catch(() => {
          if (files === making) files = undefined;
        });
        files = making;
      }
      const bytes = (await files).get(sitePath);
      return bytes && { kind: 'bytes', body: bytes, contentType: contentTypeOf(sitePath) };
    },
    invalidate() {
      files = undefined;
    },
  };
}
