import type { HTMLFile, PagefindIndex } from 'pagefind';

/** The site-relative folder the search bundle is published in (Pagefind's own name for it). */
export const searchFolder = 'pagefind/';

/** One file of the search bundle: its site-relative path (under `pagefind/`) and its bytes. */
export interface SearchFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/**
 * What to index: a folder of written pages, or story pages held in memory (the dev server's, read
 * one at a time). For a folder, `hasStories` is false when the site has no live story: Pagefind
 * indexes every page when none is marked with `data-pagefind-body`, which would put killed
 * stories' notices in the index, so nothing is indexed then.
 */
export type SearchSource = { readonly kind: 'folder'; readonly dir: string; readonly hasStories: boolean } | { readonly kind: 'pages'; readonly pages: Iterable<HTMLFile> };

/** How to index. */
export interface SearchIndexOptions {
  /** The site's language tag: every story is indexed as this language, so one search finds them all. */
  readonly language: string;
}

/**
 * Index the story pages with Pagefind and return its whole bundle (scripts, styles, WebAssembly,
 * index and fragment files). Only pages marked `data-pagefind-body` (story pages) are indexed;
 * lists, the 404 page and killed stories' notices stay out, and embargoed or withheld stories
 * have no page at all. Pagefind is loaded only when a site asks for search.
 */
export function buildSearchIndex(source: SearchSource, options: SearchIndexOptions): Promise<SearchFile[]> {
  // Pagefind runs as one service per process, which `close` stops: two indexings at once would stop each other's.
  const run = indexing.then(() => indexWithPagefind(source, options));
  indexing = run.catch(() => undefined);
  return run;
}

/**
 * Parts of a story page that are not its text: the dates and the reading time beside the byline
 * (searching "2018" or "min" should not find every story, and they would open many excerpts). The
 * byline stays: it is written with no space before them, so they would also fuse with its last word.
 */
const notIndexed = ['.story-meta .published', '.story-meta .updated', '.story-meta .reading-time'];

/**
 * The indexing under way in this process, if any: the next one waits for it. A lock, not a cache:
 * Pagefind's service is one per process (`close` stops it for every caller), so the queue is
 * the process's too; kept in a build's context, two builds of one process (a dev server's rebuild
 * beside a build) would again stop each other's indexing.
 */
let indexing: Promise<unknown> = Promise.resolve();

async function indexWithPagefind(source: SearchSource, options: SearchIndexOptions): Promise<SearchFile[]> {
  const pagefind = await import('pagefind');
  try {
    const created = await pagefind.createIndex({ forceLanguage: primaryLanguage(options.language), excludeSelectors: notIndexed });
    const index = created.index;
    if (!index) throw new Error(created.errors.join('; ') || 'it could not start');
    if (source.kind === 'pages') await addPages(index, source.pages);
    else if (source.hasStories) throwOn((await index.addDirectory({ path: source.dir })).errors);
    const { files, errors } = await index.getFiles();
    throwOn(errors);
    return files.map((file) => ({ path: `${searchFolder}${file.path.split('\\').join('/')}`, bytes: file.content }));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `search: Pagefind could not index the site (${reason}); the previous output is unchanged. Reinstall wiredesk's dependencies so Pagefind's binary for this platform is there, or set \`search: false\` in site.yaml`,
      { cause: error },
    );
  } finally {
    await pagefind.close();
  }
}

async function addPages(index: PagefindIndex, pages: Iterable<HTMLFile>): Promise<void> {
  for (const page of pages) throwOn((await index.addHTMLFile(page)).errors);
}

function throwOn(errors: readonly string[]): void {
  if (errors.length > 0) throw new Error(errors.join('; '));
}

/** Pagefind takes an ISO 639-1 code: `en` of `en-GB`. */
function primaryLanguage(tag: string): string {
  return (tag.split('-')[0] ?? tag).toLowerCase();
}
