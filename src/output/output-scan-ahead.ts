import { closeSync, constants, existsSync, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { stampText } from '../io/file-stamp.js';
import { readJournal, readRecord, recordPath, stateFolder, type OutputRecord } from './output-record.js';
import { recordLogPath, type RecordLog } from './output-record-log.js';
import { scanOutput, walkOutput, type OutputScan } from './output-scan.js';

// Scanning a 14,000-file output folder (see `scanOutput`) takes a few hundred milliseconds of
// system calls that need nothing the build computes: a build that will write starts it on
// another thread as soon as it knows, and takes its result once it holds the output's lock,
// if the record it was made against is still the record (every build writes a new one).

/**
 * A scan of the output against its record (see `scanOutput`), as what differs from the record
 * (passing 45,000 paths between threads would cost what scanning them does), with the stamp of
 * the record file it read, and that record's paths and digests (see `ScannedRecord`).
 */
export interface RecordedScan {
  readonly recordStamp: string;
  readonly record: ScannedRecord;
  /** Recorded files held with other bytes or another stamp than recorded (read again), and those not there. */
  readonly files: readonly (readonly [relative: string, digest: string, stamp: string])[];
  readonly missing: readonly string[];
  /** Folders found with another stamp than recorded (or none), and recorded folders not there. */
  readonly folders: readonly (readonly [relative: string, stamp: string])[];
  readonly missingFolders: readonly string[];
  readonly strays: readonly string[];
  readonly altered: readonly string[];
  readonly leftovers: readonly string[];
}

/**
 * The record a scan was made against, as the build takes it instead of reading it again: its id,
 * time and log, and the path and digest of each of its files (two lists of strings cross threads
 * at a third of the cost of parsing the record again, and come out as flat strings: substrings of
 * one joined string would make every later lookup of them three times slower). Their stamps stay
 * behind: a file found with another stamp is in `RecordedScan.files`.
 */
export interface ScannedRecord {
  readonly id: string;
  readonly writtenAt: number;
  readonly log: RecordLog | undefined;
  readonly paths: readonly string[];
  readonly digests: readonly string[];
}

/** A scan running on another thread: its result (undefined when it could not be made), or stop it. */
export interface ScanAhead {
  readonly result: Promise<RecordedScan | undefined>;
  stop(): Promise<void>;
}

const workerUrl = new URL('./output-scan-worker.js', import.meta.url);

/** Start scanning the plain output folder `out` on another thread; undefined where no compiled worker is there (tests run the sources). */
export function scanOutputAhead(out: string): ScanAhead | undefined {
  if (!existsSync(fileURLToPath(workerUrl))) return undefined;
  const worker = new Worker(workerUrl, { workerData: out });
  const result = new Promise<RecordedScan | undefined>((resolve) => {
    worker.once('message', (scan: RecordedScan | undefined) => resolve(scan));
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
  return {
    result,
    stop: async () => {
      await worker.terminate();
    },
  };
}

/**
 * Whether the plain output folder `out` is large: its record is `from` bytes or more (an archive
 * of tens of thousands of stories, whose scan outlasts the stories folder's). False with no record.
 */
export function isLargeOutput(out: string, from: number): boolean {
  try {
    return lstatSync(recordPath(stateFolder(out))).size >= from;
  } catch {
    return false;
  }
}

/**
 * Scan the plain output folder `out` against its record, trusting it (see `scanOutput`); undefined
 * when there is no record, a killed build's journal is there, `out` is not a folder, or the record
 * changed while it was scanned.
 */
export function scanRecordedOutput(out: string): RecordedScan | undefined {
  try {
    const folder = stateFolder(out);
    const recordStamp = recordStampOf(folder);
    if (recordStamp === undefined || readJournal(folder) || !lstatSync(out).isDirectory()) return undefined;
    const record = readRecord(folder);
    if (!record) return undefined;
    const found = differencesFound(out, record);
    return recordStampOf(folder) === recordStamp ? { recordStamp, record: scannedRecordOf(record), ...found } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The stamp of the record file in the state `folder` and its first bytes (its id), and the stamp
 * of its log (see `output-record-log.ts`): another record, or one more change logged, has another.
 */
export function recordStampOf(folder: string): string | undefined {
  const record = fileStampOf(recordPath(folder));
  return record === undefined ? undefined : `${record}|${fileStampOf(recordLogPath(folder)) ?? 'no log'}`;
}

/** The stamp of `file` and its first bytes, or undefined when it is not there (or not a regular file). */
function fileStampOf(file: string): string | undefined {
  try {
    const fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    try {
      const start = Buffer.alloc(96);
      const got = readSync(fd, start, 0, start.length, 0);
      return `${stampText(fstatSync(fd))}:${start.subarray(0, got).toString('latin1')}`;
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/** The scan made ahead, when it holds for the output as this build found it under the lock: same record file, no journal. */
export async function scanStillValid(ahead: ScanAhead | undefined, folder: string): Promise<RecordedScan | undefined> {
  const scanned = await ahead?.result;
  if (!scanned || readJournal(folder) || recordStampOf(folder) !== scanned.recordStamp) return undefined;
  return scanned;
}

/** The record as it crosses threads (see `ScannedRecord`). */
function scannedRecordOf(record: OutputRecord): ScannedRecord {
  const paths: string[] = [];
  const digests: string[] = [];
  for (const [relative, file] of record.files) {
    paths.push(relative);
    digests.push(file.digest);
  }
  return { id: record.id, writtenAt: record.writtenAt, log: record.log, paths, digests };
}

/** The digest of each file of a record that crossed threads (see `ScannedRecord`), by path. */
export function recordedDigests(record: ScannedRecord): Map<string, string> {
  const digests = new Map<string, string>();
  record.paths.forEach((relative, at) => digests.set(relative, record.digests[at] ?? ''));
  return digests;
}

/**
 * What the folder `out` holds that its `record` does not say, trusting it: a walk that keeps only
 * the files found otherwise than recorded (a publish finds a few dozen of 240,000 so). When some
 * recorded file was not found as recorded nor otherwise, the folder is scanned whole to tell which.
 */
function differencesFound(out: string, record: OutputRecord): Omit<RecordedScan, 'recordStamp' | 'record'> {
  const files: [string, string, string][] = [];
  let asRecorded = 0;
  const others = walkOutput(out, record, undefined, true, (relative, digest, stamp, same) => {
    if (same) asRecorded++;
    else files.push([relative, digest, stamp]);
  });
  if (asRecorded + files.length < record.files.size) return differences(record, scanOutput(out, record, undefined, true));
  return { files, missing: [], ...folderDifferences(record, others.folders), strays: others.strays, altered: others.altered, leftovers: others.leftovers };
}

/** What `scan` found that `record` does not say (see `RecordedScan`). */
export function differences(record: OutputRecord, scan: OutputScan): Omit<RecordedScan, 'recordStamp' | 'record'> {
  const files: [string, string, string][] = [];
  const missing: string[] = [];
  for (const [relative, recorded] of record.files) {
    const digest = scan.held.get(relative);
    const stamp = scan.stamps.get(relative);
    if (digest === undefined || stamp === undefined) missing.push(relative);
    else if (digest !== recorded.digest || stamp !== recorded.stamp) files.push([relative, digest, stamp]);
  }
  return { files, missing, ...folderDifferences(record, scan.folders), strays: scan.strays, altered: scan.altered, leftovers: scan.leftovers };
}

/** The folders found with another stamp than `record` says (or none), and the recorded folders not found. */
function folderDifferences(record: OutputRecord, found: ReadonlyMap<string, string>): Pick<RecordedScan, 'folders' | 'missingFolders'> {
  // Plain loops: 130,000 folders at 100,000 stories.
  const folders: [string, string][] = [];
  for (const [relative, stamp] of found) if (record.folders.get(relative) !== stamp) folders.push([relative, stamp]);
  const missingFolders: string[] = [];
  for (const relative of record.folders.keys()) if (!found.has(relative)) missingFolders.push(relative);
  return { folders, missingFolders };
}

/** The scan a `RecordedScan` describes, against the `record` it was made with. */
export function scanOf(record: OutputRecord, scanned: RecordedScan): OutputScan {
  const missing = new Set(scanned.missing);
  const held = new Map<string, string>();
  const stamps = new Map<string, string>();
  for (const [relative, recorded] of record.files) {
    if (missing.has(relative) || recorded.stamp === undefined) continue;
    held.set(relative, recorded.digest);
    stamps.set(relative, recorded.stamp);
  }
  for (const [relative, digest, stamp] of scanned.files) {
    held.set(relative, digest);
    stamps.set(relative, stamp);
  }
  const folders = new Map(record.folders);
  for (const relative of scanned.missingFolders) folders.delete(relative);
  for (const [relative, stamp] of scanned.folders) folders.set(relative, stamp);
  return {
    held,
    stamps,
    folders,
    strays: [...scanned.strays],
    altered: [...scanned.altered],
    leftovers: [...scanned.leftovers],
  };
}
