import type { CacheIndex, CachedPage, StoryStamp } from './build-cache.js';
import type { FileStamp } from '../io/file-stamp.js';

// The cache index is read on every build, and most of it is two maps of small objects: a stamp per
// story (10,000) and a page's reads and bytes per output file (13,400). `v8.serialize` writes each
// object's keys again and reads them back one property at a time (a third of a 10,000-story
// publish's index read); kept as columns, one list per field, it reads in a quarter of the time
// and the objects are made in plain loops, each of one hidden class. A build fills the columns as it
// keeps the cache (`indexColumns`), without making the maps of 100,000 objects first.

/** The stories' stamps as the index writes them: one list per field. */
export interface StampColumns {
  readonly stampSources: readonly string[];
  /** Each stamp's size, mtimeMs, ctimeMs and ino, four numbers a story. */
  readonly stampNumbers: Float64Array;
  readonly stampDigests: readonly string[];
}

/** The pages' reads and bytes as the index writes them: one list per field. */
export interface PageColumns {
  readonly pageFiles: readonly string[];
  readonly pageReads: readonly string[];
  readonly pageBytes: readonly string[];
  /** 1 for a page whose render read its list's count (`listCount`), else 0. */
  readonly pageListCounts: Uint8Array;
}

/** The cache index as written (see `packIndex`): its stamps and pages as columns. */
export interface PackedIndex extends Omit<CacheIndex, 'stamps' | 'pages'>, StampColumns, PageColumns {}

/** An index to write whose stamps and pages may be columns already (see `indexColumns`): a build makes them so, without a map of 100,000 objects. */
export interface IndexToPack extends Omit<CacheIndex, 'stamps' | 'pages'> {
  readonly stamps: CacheIndex['stamps'] | StampColumns;
  readonly pages: CacheIndex['pages'] | PageColumns;
}

/** Columns of stamps and pages, filled one story and one page at a time (see `indexColumns`). */
export interface IndexColumns {
  /** Add a story's stamp. */
  stamp(source: string, stamp: FileStamp, digest: string): void;
  /** Add a page's reads and bytes. */
  page(file: string, reads: string, bytes: string, listCount: boolean): void;
  /** The columns of what was added. */
  done(): { readonly stamps: StampColumns; readonly pages: PageColumns };
}

/** Columns to fill with up to `stories` stamps and `pages` pages. */
export function indexColumns(stories: number, pages: number): IndexColumns {
  const stampSources: string[] = [];
  const stampDigests: string[] = [];
  const stampNumbers = new Float64Array(stories * 4);
  const pageFiles: string[] = [];
  const pageReads: string[] = [];
  const pageBytes: string[] = [];
  const pageListCounts = new Uint8Array(pages);
  return {
    stamp(source: string, stamp: FileStamp, digest: string): void {
      const at = stampSources.length * 4;
      stampSources.push(source);
      stampDigests.push(digest);
      stampNumbers[at] = stamp.size;
      stampNumbers[at + 1] = stamp.mtimeMs;
      stampNumbers[at + 2] = stamp.ctimeMs;
      stampNumbers[at + 3] = stamp.ino;
    },
    page(file: string, reads: string, bytes: string, listCount: boolean): void {
      if (listCount) pageListCounts[pageFiles.length] = 1;
      pageFiles.push(file);
      pageReads.push(reads);
      pageBytes.push(bytes);
    },
    done(): { readonly stamps: StampColumns; readonly pages: PageColumns } {
      return {
        stamps: { stampSources, stampDigests, stampNumbers: stampNumbers.slice(0, stampSources.length * 4) },
        pages: { pageFiles, pageReads, pageBytes, pageListCounts: pageListCounts.slice(0, pageFiles.length) },
      };
    },
  };
}

/** The index as columns (see `PackedIndex`), read back by `unpackIndex`. */
export function packIndex(index: IndexToPack): PackedIndex {
  const { stamps, pages, ...rest } = index;
  // Columns given are taken as they are; maps are made into columns.
  const made = columnsOf('stampSources' in stamps ? undefined : stamps, 'pageFiles' in pages ? undefined : pages);
  return { ...rest, ...('stampSources' in stamps ? stamps : made.stamps), ...('pageFiles' in pages ? pages : made.pages) };
}

/** The columns of the stamps and pages an index holds as maps. */
function columnsOf(stamps: CacheIndex['stamps'] | undefined, pages: CacheIndex['pages'] | undefined): { readonly stamps: StampColumns; readonly pages: PageColumns } {
  const columns = indexColumns(stamps?.size ?? 0, pages?.size ?? 0);
  // `forEach` rather than `for (const [key, value] of map)`: no array made and destructured per entry.
  stamps?.forEach((stamp, source) => columns.stamp(source, stamp, stamp.digest));
  pages?.forEach((page, file) => columns.page(file, page.reads, page.bytes, page.listCount === true));
  return columns.done();
}

/** The index a packed one holds (see `packIndex`); undefined when the value is not one. */
export function unpackIndex(value: unknown): CacheIndex | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { stampSources, stampNumbers, stampDigests, pageFiles, pageReads, pageBytes, pageListCounts, ...rest } = value as PackedIndex;
  const stampCount = Array.isArray(stampSources) ? stampSources.length : -1;
  const pageCount = Array.isArray(pageFiles) ? pageFiles.length : -1;
  if (stampCount < 0 || !(stampNumbers instanceof Float64Array) || stampNumbers.length !== stampCount * 4 || !Array.isArray(stampDigests) || stampDigests.length !== stampCount) return undefined;
  if (pageCount < 0 || !Array.isArray(pageReads) || pageReads.length !== pageCount || !Array.isArray(pageBytes) || pageBytes.length !== pageCount) return undefined;
  if (!(pageListCounts instanceof Uint8Array) || pageListCounts.length !== pageCount) return undefined;
  const stamps = new Map<string, StoryStamp>();
  for (let story = 0; story < stampCount; story++) {
    const at = story * 4;
    const stamp: StoryStamp = {
      size: stampNumbers[at] ?? 0,
      mtimeMs: stampNumbers[at + 1] ?? 0,
      ctimeMs: stampNumbers[at + 2] ?? 0,
      ino: stampNumbers[at + 3] ?? 0,
      digest: stampDigests[story] ?? '',
    };
    stamps.set(stampSources[story] ?? '', stamp);
  }
  const pages = new Map<string, CachedPage>();
  for (let page = 0; page < pageCount; page++) {
    const reads = pageReads[page] ?? '';
    const bytes = pageBytes[page] ?? '';
    pages.set(pageFiles[page] ?? '', pageListCounts[page] === 1 ? { reads, bytes, listCount: true } : { reads, bytes });
  }
  return { ...rest, stamps, pages };
}
