import { randomUUID } from 'node:crypto';
import { appendFileSync, closeSync, constants, fstatSync, openSync, rmSync } from 'node:fs';
import path from 'node:path';
import { readCacheFile } from '../store/cache-file.js';
import type { RecordedFile } from './output-record.js';

// A publish changes a few dozen of the 25,000 files a 10,000-story site holds: writing the whole
// record again for them costs more than the publish itself writes. So a build records what it
// changed as one line appended to the record's log (`record.log`, beside `record.json`), each
// line naming the whole record it follows; reading the record applies the lines in order. A line
// cut short by a kill is not a change (the build that wrote it left its journal too: the next one
// reads the files it names). The record is written whole again when its log has grown long, when
// a line was cut short (appending after it would spoil the next line), and by any build that
// finds no record; writing it whole removes the log, and any line naming another record is ignored.

/** The record's log as reading it found it: appending to it is right only while the file still ends there. */
export interface RecordLog {
  /** The id of the whole record (`record.json`) the lines follow. */
  readonly base: string;
  /** Bytes of whole lines read (a log ending otherwise is written whole on the next change). */
  readonly size: number;
  /** Files and folders the lines name, all told: the log is folded into the record past a share of its size. */
  readonly entries: number;
}

/** What the log of a record is appended to with: the log as read, and how many files the record names. */
export interface LoggedRecord {
  readonly log?: RecordLog | undefined;
  readonly files: { readonly size: number };
}

/** What one build changed in the record: files and folder stamps set, files and folders gone, and the new publication's id. */
export interface RecordChanges {
  readonly files: readonly (readonly [relative: string, file: RecordedFile])[];
  readonly gone: readonly string[];
  readonly folders: readonly (readonly [relative: string, stamp: string])[];
  readonly goneFolders: readonly string[];
}

/** One line of the log: the changes of a build, with the record they follow and the id and time of the publication. */
interface LogLine {
  readonly base: string;
  readonly id: string;
  readonly writtenAt: number;
  readonly files: readonly (readonly [string, string, string])[];
  readonly gone: readonly string[];
  readonly folders: readonly (readonly [string, string])[];
  readonly goneFolders: readonly string[];
}

/** The log a build appends to beside the record in the state `folder`. */
export function recordLogPath(folder: string): string {
  return path.join(folder, 'record.log');
}

/** The log entries past which the record is written whole again: a sixteenth of the files it holds, and never fewer than this. */
const foldFrom = 2_000;

/** A log larger than this is not one a build wrote (it folds long before): the record is then read without it. */
const maxLogBytes = 256 * 1024 ** 2;

/**
 * Apply the log lines that follow the record `base` (read from `record.json`) to its files and
 * folders, in order; returns the last publication's id and time and what the log is, or the base's
 * own when no line follows it.
 */
export function applyRecordLog(
  folder: string,
  base: { readonly id: string; readonly writtenAt: number },
  files: Map<string, RecordedFile>,
  folders: Map<string, string>,
): { readonly id: string; readonly writtenAt: number; readonly log: RecordLog } {
  let { id, writtenAt } = base;
  let size = 0;
  let entries = 0;
  const bytes = readLog(recordLogPath(folder));
  for (let start = 0; start < bytes.length;) {
    const end = bytes.indexOf(0x0a, start);
    if (end < 0) break;
    const line = parseLine(bytes.toString('utf8', start, end));
    if (!line) break;
    start = size = end + 1;
    if (line.base !== base.id) continue;
    for (const [relative, digest, stamp] of line.files) files.set(relative, { digest, stamp: stamp === '' ? undefined : stamp });
    for (const relative of line.gone) files.delete(relative);
    for (const [relative, stamp] of line.folders) folders.set(relative, stamp);
    for (const relative of line.goneFolders) folders.delete(relative);
    entries += line.files.length + line.gone.length + line.folders.length + line.goneFolders.length;
    ({ id, writtenAt } = line);
  }
  return { id, writtenAt, log: { base: base.id, size, entries } };
}

/**
 * Append `changes` to the log of `record` (read from the state `folder`) and return the new
 * publication's id; undefined when the record must be written whole instead: it has no log
 * reading found whole, the log changed since, or it has grown past a share of the record.
 */
export function appendRecordLog(folder: string, record: LoggedRecord, changes: RecordChanges): string | undefined {
  const { log } = record;
  const count = changes.files.length + changes.gone.length + changes.folders.length + changes.goneFolders.length;
  if (!log || count > logRoom(record)) return undefined;
  const file = recordLogPath(folder);
  if (sizeOf(file) !== log.size) return undefined;
  const id = randomUUID();
  const line: LogLine = {
    base: log.base,
    id,
    writtenAt: Date.now(),
    files: changes.files.map(([relative, recorded]) => [relative, recorded.digest, recorded.stamp ?? '']),
    gone: changes.gone,
    folders: changes.folders,
    goneFolders: changes.goneFolders,
  };
  appendFileSync(file, `${JSON.stringify(line)}\n`, { flag: log.size === 0 ? 'w' : 'a' });
  return id;
}

/** How many more entries the log of `record` takes before it is folded into the record (0 without a log). */
export function logRoom(record: LoggedRecord): number {
  return record.log ? Math.max(0, Math.max(foldFrom, record.files.size / 16) - record.log.entries) : 0;
}

/** Remove the log (the record was written whole: it holds every change the log named). */
export function removeRecordLog(folder: string): void {
  rmSync(recordLogPath(folder), { force: true });
}

/** The log's size in bytes, 0 when there is none; -1 when it is not a regular file (it is then written whole). */
function sizeOf(file: string): number {
  try {
    const fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    try {
      const info = fstatSync(fd);
      return info.isFile() ? info.size : -1;
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 0 : -1;
  }
}

/** The log's bytes, none when there is none or it is not a regular file (never followed through a link). */
function readLog(file: string): Buffer {
  return readCacheFile(file, maxLogBytes) ?? Buffer.alloc(0);
}

/** One line of the log, checked; undefined when it is not one (cut short, or damaged). */
function parseLine(text: string): LogLine | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const line = value as Partial<LogLine> | null;
  const strings = (list: unknown, width: number) =>
    Array.isArray(list) && list.every((item: unknown) => (width === 1 ? typeof item === 'string' : Array.isArray(item) && item.length === width && item.every((part) => typeof part === 'string')));
  if (typeof line !== 'object' || line === null || typeof line.base !== 'string' || typeof line.id !== 'string' || typeof line.writtenAt !== 'number') return undefined;
  if (!strings(line.files, 3) || !strings(line.gone, 1) || !strings(line.folders, 2) || !strings(line.goneFolders, 1)) return undefined;
  return line as LogLine;
}
