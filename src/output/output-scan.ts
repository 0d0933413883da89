import { lstatSync, readFileSync, type Stats } from 'node:fs';
import path from 'node:path';
import { stampText } from '../io/file-stamp.js';
import { folderLister, type FolderEntry } from './output-folders.js';
import { bytesDigest, isTemporaryName } from './output-file.js';
import { journalNames, type OutputJournal, type OutputRecord } from './output-record.js';

// Before a build changes a plain output folder it looks at every entry in it, as git's index looks
// at a work tree: a recorded file whose stamp (size, times, inode) is as recorded holds the recorded
// bytes; any other file the last builds wrote is read again, so a hand edit is found and undone;
// anything else in the folder is not wiredesk's and is reported and removed.

/** What a plain output folder holds, compared with its record. */
export interface OutputScan {
  /** The digest of every file the output holds that a build wrote (recorded, or named by a journal). */
  readonly held: Map<string, string>;
  /** The stamp of each of those files, as found (see `stampText`). */
  readonly stamps: Map<string, string>;
  /** The stamp of each folder, as found (`''` the output, `a/b/` below it). */
  readonly folders: Map<string, string>;
  /** Files, links and other entries no build wrote (relative paths), to report and remove. */
  readonly strays: string[];
  /** Recorded files whose bytes are no longer the recorded ones, or that are gone (changed outside wiredesk). */
  readonly altered: string[];
  /** Temporary files and empty folders that killed builds left (relative paths), to remove quietly. */
  readonly leftovers: string[];
}

/** The digest held for a file whose bytes are not known: no bytes have it, so the file is written. */
const unknownDigest = '';

/**
 * Compare the folder `out` with its `record` and the `journal` of a killed build, if any. For a
 * file a journal names, no recorded digest is believed: the file is read. With `trust: false`,
 * no file's bytes are known (every file is to be written anew). Links are never followed: a link is a stray.
 */
export function scanOutput(out: string, record: OutputRecord | undefined, journal: OutputJournal | undefined, trust: boolean): OutputScan {
  const scan: OutputScan = { held: new Map(), stamps: new Map(), folders: new Map(), strays: [], altered: [], leftovers: [] };
  // A killed build's journal: its folders are listed, as their recorded stamps may not say all it did.
  const lister = folderLister(record, trust && !journal);
  const visit = (dir: string, prefix: string, info: Stats): number => {
    scan.folders.set(prefix, stampText(info));
    let kept = 0;
    for (const entry of lister.list(dir, prefix, info)) {
      const name = path.basename(entry.file);
      if (entry.info.isDirectory()) {
        const below = visit(entry.file, entry.relative, entry.info);
        if (below === 0) scan.leftovers.push(entry.relative);
        kept += below;
      } else if (entry.info.isFile() && isTemporaryName(name)) scan.leftovers.push(entry.relative);
      else if (entry.info.isFile() && classifyFile(scan, entry, record, journal, trust)) kept++;
      else scan.strays.push(entry.relative);
    }
    return kept;
  };
  visit(out, '', lstatSync(out));
  if (!journal) for (const relative of record?.files.keys() ?? []) if (!scan.held.has(relative)) scan.altered.push(relative);
  scan.altered.sort();
  scan.strays.sort();
  return scan;
}

/** Take a regular file into `scan.held` when a build wrote it (true), reading it when its record cannot be believed. */
function classifyFile(scan: OutputScan, entry: FolderEntry, record: OutputRecord | undefined, journal: OutputJournal | undefined, trust: boolean): boolean {
  const { relative, file } = entry;
  const recorded = record?.files.get(relative);
  const named = journal !== undefined && journalNames(journal, relative);
  if (!recorded && !named) return false;
  const stamp = stampText(entry.info);
  scan.stamps.set(relative, stamp);
  if (!trust) {
    // Believing no record, the build writes every file anew: what this one holds does not matter.
    scan.held.set(relative, unknownDigest);
    return true;
  }
  if (recorded && !named && recorded.stamp === stamp) {
    scan.held.set(relative, recorded.digest);
    return true;
  }
  const digest = bytesDigest(readFileSync(file));
  scan.held.set(relative, digest);
  if (recorded?.stamp !== undefined && !named && digest !== recorded.digest) scan.altered.push(relative);
  return true;
}

/**
 * Whether the folder `out` holds exactly the files of `record`, each with its recorded stamp, and
 * nothing else: then it is still what the recorded build published. Stops at the first difference.
 */
export function matchesRecord(out: string, record: OutputRecord): boolean {
  const lister = folderLister(record, true);
  let found = 0;
  const visit = (dir: string, prefix: string, info: Stats): boolean => {
    for (const entry of lister.list(dir, prefix, info)) {
      if (entry.info.isDirectory()) {
        if (!visit(entry.file, entry.relative, entry.info)) return false;
        continue;
      }
      const recorded = record.files.get(entry.relative);
      if (!entry.info.isFile() || recorded?.stamp === undefined || recorded.stamp !== stampText(entry.info)) return false;
      found++;
    }
    return true;
  };
  try {
    return visit(out, '', lstatSync(out)) && found === record.files.size;
  } catch {
    return false;
  }
}
