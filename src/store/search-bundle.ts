import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DerivedFiles } from '../output/write.js';
import type { SearchFile } from '../search/pagefind-index.js';
import { readFramed, writeFramed } from './framed-file.js';

// The search bundle (Pagefind's index of the story pages) kept in the cache folder, for a build
// whose output folder is gone but whose cache is there: a CI run on a fresh checkout with the cache
// restored. Pagefind indexes a whole site at once (it cannot update an index), which costs more
// than rendering the pages it reads; when the pages are the ones the kept bundle was made from,
// the bundle is taken as it is.

/** What the cache index records of the kept search bundle: the key of the pages it indexed, and the checksum of its file. */
export interface StoredSearchBundle {
  readonly key: string;
  readonly checksum: string;
}

/** What the search bundle is made from: the code and settings, and the HTML pages the build writes. */
export interface SearchBundleInputs {
  readonly code: string;
  readonly config: string;
  /** Whether the site has a live story (Pagefind indexes nothing otherwise). */
  readonly hasStories: boolean;
  /** Every output file with the digest of everything it read (`pageReadsDigest`): equal digests, equal bytes. */
  readonly pages: readonly { readonly file: string; readonly reads: string }[];
  /** The site-relative paths of the files copied from the stories folder (lead pictures). */
  readonly copied: readonly string[];
}

const bundleKind = 'wiredesk-cache-search-1';
/** A kept file's path: under `pagefind/`, plain segments only. */
const bundlePath = /^pagefind\/(?:[\w-][\w.-]*\/)*[\w-][\w.-]*$/;

function bundleFile(dir: string): string {
  return path.join(dir, 'search.bin');
}

/**
 * The key of the search bundle of a site built from `inputs` by this Pagefind: equal keys, equal
 * pages to index. Undefined when it cannot be told: Pagefind's package not found, or a copied file
 * that Pagefind would index as a page (an HTML file given as a lead picture), whose bytes the key does not cover.
 */
export function searchBundleKey(inputs: SearchBundleInputs): string | undefined {
  const pagefind = pagefindPackage();
  if (pagefind === undefined || inputs.copied.some((file) => /\.html?$/i.test(file))) return undefined;
  const pages = inputs.pages.filter((page) => page.file.endsWith('.html')).map((page) => `${page.file}\u0000${page.reads}`);
  return hash('sha256', [inputs.code, inputs.config, pagefind, String(inputs.hasStories), ...pages.sort()].join('\u0001'), 'hex');
}

/** A digest of Pagefind's package.json (its version, and the version of each platform binary it pins), or undefined when it is not found. */
function pagefindPackage(): string | undefined {
  try {
    const main = fileURLToPath(import.meta.resolve('pagefind'));
    return hash('sha256', readFileSync(path.join(path.dirname(path.dirname(main)), 'package.json')), 'hex');
  } catch {
    return undefined;
  }
}

/** A search step that may take its bundle from the cache, and what it did. */
export interface StoredSearchStep {
  readonly step: DerivedFiles;
  /** The bundle the step made anew (undefined when it took the kept one, or was not asked: the live tree's was kept). */
  made(): readonly SearchFile[] | undefined;
  /** Whether the step took the kept bundle. */
  reused(): boolean;
}

/**
 * `step`, taking the bundle kept in the cache folder `dir` when `stored` (the index's record, only
 * passed when its key is this build's) vouches for it, and making it otherwise.
 */
export function withStoredBundle(step: DerivedFiles, dir: string, stored: StoredSearchBundle | undefined): StoredSearchStep {
  let made: readonly SearchFile[] | undefined;
  let reused = false;
  return {
    step: {
      ...step,
      make: async (treeDir) => {
        const kept = stored ? await readSearchBundle(dir, stored) : undefined;
        if (kept) {
          reused = true;
          return kept;
        }
        made = await step.make(treeDir);
        return made;
      },
    },
    made: () => made,
    reused: () => reused,
  };
}

/** The bundle kept with `stored`'s checksum and key, or undefined when it is missing, damaged or not what the index says. */
async function readSearchBundle(dir: string, stored: StoredSearchBundle): Promise<SearchFile[] | undefined> {
  const framed = await readFramed(bundleFile(dir), bundleKind, stored.checksum);
  const value = framed?.value as { key?: unknown; files?: unknown } | undefined;
  if (!value || value.key !== stored.key || !Array.isArray(value.files)) return undefined;
  const files = value.files as unknown[];
  const valid = files.every((file): file is SearchFile => {
    const entry = file as Partial<SearchFile> | null;
    return typeof entry?.path === 'string' && bundlePath.test(entry.path) && entry.bytes instanceof Uint8Array;
  });
  return valid && files.length > 0 ? files : undefined;
}

/**
 * Keep this build's search bundle for the next one, and return the index's record of it: the
 * bundle made anew is written; the one taken from the cache (or kept in the live tree, under the
 * same key) stays; without a key (no search, or a build into an output folder that is there,
 * which reuses the index in it), the kept file goes, and there is no record.
 */
export async function keepSearchBundle(dir: string, key: string | undefined, search: StoredSearchStep | undefined, previous: StoredSearchBundle | undefined): Promise<StoredSearchBundle | undefined> {
  const made = search?.made();
  if (key !== undefined && made) return { key, checksum: await writeFramed(bundleFile(dir), bundleKind, { key, files: made.map(({ path, bytes }) => ({ path, bytes })) }) };
  if (key !== undefined && previous?.key === key) return previous;
  await rm(bundleFile(dir), { force: true });
  return undefined;
}
