import { lstatSync, readdirSync, type Stats } from 'node:fs';
import path from 'node:path';
import { stampText } from '../io/file-stamp.js';
import type { OutputRecord } from './output-record.js';

// A folder's entries change only with its own stamp (adding, removing or renaming an entry sets its
// modification and change times), as git's untracked cache knows: a folder whose stamp is the one
// recorded holds the entries recorded, so a scan of a 14,000-file output lists the few folders a
// build or a hand changed, and only looks at (lstat) the others and their files.

/** A folder modified this close before the record was written may have changed within the same tick: list it again. */
const racyMs = 2_000;

/** One entry of an output folder, as a scan sees it: its path relative to the output, and what it is. */
export interface FolderEntry {
  readonly relative: string;
  /** The entry's full path. */
  readonly file: string;
  readonly info: Stats;
}

/** What a recorded folder holds, by relative path (folders end in `/`). */
interface RecordedListing {
  readonly files: string[];
  readonly folders: string[];
}

/** Lists the entries of output folders, from the record where a folder's stamp vouches for it. */
export interface FolderLister {
  /**
   * The entries of the folder `dir` (`prefix` relative to the output, `''` or ending in `/`),
   * lstat'ed, and the folder's own stamp; entries that are neither files nor folders come with
   * their lstat all the same (strays to the caller).
   */
  list(dir: string, prefix: string, info: Stats): readonly FolderEntry[];
}

/** A lister for the output `record` describes; without one (or `trusted` false) every folder is read. */
export function folderLister(record: OutputRecord | undefined, trusted: boolean): FolderLister {
  const listings = record && trusted && record.folders.size > 0 ? recordedListings(record) : undefined;
  return {
    list: (dir, prefix, info) => {
      const listing = listings?.get(prefix);
      const known = listing && record && record.folders.get(prefix) === stampText(info) && Math.max(info.mtimeMs, info.ctimeMs) < record.writtenAt - racyMs;
      return (known && fromRecord(dir, prefix, listing)) || readFolder(dir, prefix);
    },
  };
}

/**
 * The entries of a folder as recorded, each lstat'ed; undefined when one is not there as recorded
 * (then the folder is read). Their paths are joined by hand: a recorded name is one plain name
 * below its folder, and `path.join` would cost a tenth of a 240,000-file scan.
 */
function fromRecord(dir: string, prefix: string, listing: RecordedListing): FolderEntry[] | undefined {
  const entries: FolderEntry[] = [];
  try {
    for (const relative of listing.files) {
      const file = `${dir}${path.sep}${relative.slice(prefix.length)}`;
      const info = lstatSync(file);
      if (!info.isFile()) return undefined;
      entries.push({ relative, file, info });
    }
    for (const relative of listing.folders) {
      const file = `${dir}${path.sep}${relative.slice(prefix.length, -1)}`;
      const info = lstatSync(file);
      if (!info.isDirectory()) return undefined;
      entries.push({ relative, file, info });
    }
  } catch {
    return undefined;
  }
  return entries;
}

function readFolder(dir: string, prefix: string): FolderEntry[] {
  return readdirSync(dir).map((name) => {
    const file = path.join(dir, name);
    const info = lstatSync(file);
    return { relative: info.isDirectory() ? `${prefix}${name}/` : `${prefix}${name}`, file, info };
  });
}

/** The files and folders in each folder holding recorded files, by folder (`''`, `a/`, `a/b/`). */
function recordedListings(record: OutputRecord): Map<string, RecordedListing> {
  const listings = new Map<string, RecordedListing>();
  const listingOf = (folder: string): RecordedListing => {
    let listing = listings.get(folder);
    if (!listing) {
      listing = { files: [], folders: [] };
      listings.set(folder, listing);
      if (folder !== '') listingOf(parentOf(folder)).folders.push(folder);
    }
    return listing;
  };
  for (const relative of record.files.keys()) listingOf(parentOf(relative)).files.push(relative);
  return listings;
}

/** The folder (`''` or ending in `/`) holding `relative` (a file, or a folder ending in `/`). */
export function parentOf(relative: string): string {
  const end = relative.endsWith('/') ? relative.length - 1 : relative.length;
  return relative.slice(0, relative.lastIndexOf('/', end - 1) + 1);
}

/**
 * The stamps of the folders holding `files` as a build leaves them: found by the scan (`found`),
 * or taken again for the folders whose entries the build changed (`touched`: files written,
 * removed or renamed, relative to `out`) and their parents.
 */
export function folderStamps(out: string, files: Iterable<string>, found: ReadonlyMap<string, string>, touched: Iterable<string>): Map<string, string> {
  const changed = new Set<string>();
  for (const relative of touched)
    for (let folder = parentOf(relative); !changed.has(folder); folder = parentOf(folder)) {
      changed.add(folder);
      if (folder === '') break;
    }
  const stamps = new Map<string, string>();
  for (const relative of files) {
    for (let folder = parentOf(relative); !stamps.has(folder); folder = parentOf(folder)) {
      const stamp = changed.has(folder) ? stampOf(path.join(out, folder)) : found.get(folder);
      if (stamp === undefined) break;
      stamps.set(folder, stamp);
      if (folder === '') break;
    }
  }
  return stamps;
}

function stampOf(dir: string): string | undefined {
  try {
    return stampText(lstatSync(dir));
  } catch {
    return undefined;
  }
}
