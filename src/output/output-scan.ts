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

/**
 * Where a walk of the output (see `walkOutput`) tells each file a build wrote: its path, the
 * digest of the bytes it holds (`''` when no bytes are believed), its stamp, and whether it was
 * found as recorded (its stamp the recorded one: its bytes are the recorded ones, not read).
 */
export type FoundFile = (relative: string, digest: string, stamp: string, asRecorded: boolean) => void;

/** The other entries a walk finds, and the folders' stamps (see `OutputScan`). */
export type FoundOthers = Pick<OutputScan, 'folders' | 'strays' | 'altered' | 'leftovers'>;

/** The digest held for a file whose bytes are not known: no bytes have it, so the file is written. */
const unknownDigest = '';

/**
 * Compare the folder `out` with its `record` and the `journal` of a killed build, if any. For a
 * file a journal names, no recorded digest is believed: the file is read. With `trust: false`,
 * no file's bytes are known (every file is to be written anew). Links are never followed: a link is a stray.
 */
export function scanOutput(out: string, record: OutputRecord | undefined, journal: OutputJournal | undefined, trust: boolean): OutputScan {
  const held = new Map<string, string>();
  const stamps = new Map<string, string>();
  const others = walkOutput(out, record, journal, trust, (relative, digest, stamp) => {
    held.set(relative, digest);
    stamps.set(relative, stamp);
  });
  if (!journal) for (const relative of record?.files.keys() ?? []) if (!held.has(relative)) others.altered.push(relative);
  others.altered.sort();
  return { held, stamps, ...others };
}

/**
 * Walk the folder `out` against its `record` and `journal` (see `scanOutput`), telling `found` of
 * each file a build wrote; the other entries, and the folders' stamps, are returned. A recorded
 * file not there is not told, nor said altered here.
 */
export function walkOutput(out: string, record: OutputRecord | undefined, journal: OutputJournal | undefined, trust: boolean, found: FoundFile): FoundOthers {
  const others: FoundOthers = { folders: new Map(), strays: [], altered: [], leftovers: [] };
  // A killed build's journal: its folders are listed, as their recorded stamps may not say all it did.
  const lister = folderLister(record, trust && !journal);
  const visit = (dir: string, prefix: string, info: Stats): number => {
    others.folders.set(prefix, stampText(info));
    let kept = 0;
    for (const entry of lister.list(dir, prefix, info)) {
      if (entry.info.isDirectory()) {
        const below = visit(entry.file, entry.relative, entry.info);
        if (below === 0) others.leftovers.push(entry.relative);
        kept += below;
      } else if (entry.info.isFile() && isTemporaryName(path.basename(entry.relative))) others.leftovers.push(entry.relative);
      else if (entry.info.isFile() && classifyFile(entry, record, journal, trust, found, others)) kept++;
      else others.strays.push(entry.relative);
    }
    return kept;
  };
  visit(out, '', lstatSync(out));
  others.strays.sort();
  others.altered.sort();
  return others;
}

/** Tell `found` of a regular file a build wrote (true), reading it when its record cannot be believed. */
function classifyFile(entry: FolderEntry, record: OutputRecord | undefined, journal: OutputJournal | undefined, trust: boolean, found: FoundFile, others: FoundOthers): boolean {
  const { relative, file } = entry;
  const recorded = record?.files.get(relative);
  const named = journal !== undefined && journalNames(journal, relative);
  if (!recorded && !named) return false;
  const stamp = stampText(entry.info);
  if (!trust) {
    // Believing no record, the build writes every file anew: what this one holds does not matter.
    found(relative, unknownDigest, stamp, false);
    return true;
  }
  if (recorded && !named && recorded.stamp === stamp) {
    // The recorded strings are kept, not the ones just made: those die young.
    found(relative, recorded.digest, recorded.stamp, true);
    return true;
  }
  const digest = bytesDigest(readFileSync(file));
  found(relative, digest, stamp, false);
  if (recorded?.stamp !== undefined && !named && digest !== recorded.digest) others.altered.push(relative);
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
