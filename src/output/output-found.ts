import { readJournal, readRecord, type OutputJournal, type OutputRecord } from './output-record.js';
import type { RecordBasis } from './output-record-changes.js';
import type { LoggedRecord } from './output-record-log.js';
import { differences, recordedDigests, scanOf, type RecordedScan } from './output-scan-ahead.js';
import { scanOutput, type OutputScan } from './output-scan.js';
import type { HeldFiles } from './output-target.js';

// What a plain output folder holds as a build finds it under the lock, told against its record:
// from the scan made ahead on another thread (see `scanOutputAhead`), which read the record
// already, or from a scan made here. A publish changes a few dozen of 25,000 files: it needs each
// recorded file's digest, and what the scan found otherwise, but not each file's stamp, which
// only writing the record whole asks for (see `FoundOutput.whole`).

/** A plain output folder as a build found it, against its record. */
export interface FoundOutput {
  /** The digest of every file the output holds that a build wrote (see `OutputScan.held`). */
  readonly held: HeldFiles;
  /** The digest of each file the record names; undefined without a record. */
  readonly recorded: ReadonlyMap<string, string> | undefined;
  /** The journal of a killed build, if any. */
  readonly journal: OutputJournal | undefined;
  readonly strays: readonly string[];
  readonly altered: readonly string[];
  readonly leftovers: readonly string[];
  /** The record's log and what a build's changes are told against (see `recordChanges`); undefined without a record. */
  readonly logged: (LoggedRecord & { readonly basis: RecordBasis }) | undefined;
  /** The scan whole, every file's stamp and every folder's: what writing the record whole needs. */
  whole(): OutputScan;
}

/** The output as the scan made ahead found it (see `scanStillValid`: the record in the state `folder` is the one it read). */
export function foundAhead(folder: string, early: RecordedScan): FoundOutput {
  const recorded = recordedDigests(early.record);
  const missing = new Set(early.missing);
  const found = new Map(early.files.map(([relative, digest, stamp]) => [relative, [digest, stamp] as const]));
  // Most often the output is as recorded: the record's digests are what it holds.
  let held: Map<string, string> = recorded;
  if (missing.size > 0 || found.size > 0) {
    held = new Map(recorded);
    for (const relative of missing) held.delete(relative);
    for (const [relative, [digest]] of found) held.set(relative, digest);
  }
  return {
    held,
    recorded,
    journal: undefined,
    strays: early.strays,
    altered: early.altered,
    leftovers: early.leftovers,
    logged: { log: early.record.log, files: recorded, basis: { digests: recorded, found, missing, foldersChanged: { stamps: early.folders, missing: early.missingFolders } } },
    whole: () => {
      // The record read again, under the lock that keeps it the one the scan read.
      const record = readRecord(folder);
      if (record) return scanOf(record, early);
      return { held: new Map(held), stamps: new Map(), folders: new Map(), strays: [...early.strays], altered: [...early.altered], leftovers: [...early.leftovers] };
    },
  };
}

/** The output `out` scanned here against the record in the state `folder` (see `scanOutput`). */
export function foundHere(out: string, folder: string, trust: boolean): FoundOutput {
  const record = readRecord(folder);
  const journal = readJournal(folder);
  const scan = scanOutput(out, record, journal, trust);
  const recorded = record && new Map([...record.files].map(([relative, file]) => [relative, file.digest]));
  return {
    held: scan.held,
    recorded,
    journal,
    strays: scan.strays,
    altered: scan.altered,
    leftovers: scan.leftovers,
    logged: record && recorded && { log: record.log, files: record.files, basis: basisOf(record, recorded, scan) },
    whole: () => scan,
  };
}

/** What changes are told against, from a record and a scan made here. */
function basisOf(record: OutputRecord, recorded: ReadonlyMap<string, string>, scan: OutputScan): RecordBasis {
  const told = differences(record, scan);
  return {
    digests: recorded,
    found: new Map(told.files.map(([relative, digest, stamp]) => [relative, [digest, stamp] as const])),
    missing: new Set(told.missing),
    foldersChanged: { stamps: told.folders, missing: told.missingFolders },
  };
}
