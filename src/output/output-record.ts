import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { applyRecordLog, removeRecordLog, type RecordLog } from './output-record-log.js';

// What wiredesk keeps beside a plain output folder (`dist`), in `.dist.wiredesk/`, never inside it:
// the marker that says the folder is wiredesk's, the lock, the record of what the output holds
// (each file's digest and stamp, as the last complete build left it) and, while a build changes the
// output, its journal: the files it may write. A build that finds a journal was killed: the next
// one trusts no record of a file the journal names, and takes the files it names as its own.

/** A file of the output as recorded: the digest of its bytes and its stamp (see `stampText`) once written. */
export interface RecordedFile {
  readonly digest: string;
  /** Undefined when not known (an output taken over from the swap layout): its bytes are then read again. */
  readonly stamp?: string | undefined;
}

/** What a complete build left in the output folder: every file it wrote or kept, and the publication's id. */
export interface OutputRecord {
  /** Tells this publication from any other (see `outputStamp`). */
  readonly id: string;
  readonly files: ReadonlyMap<string, RecordedFile>;
  /**
   * The stamp (see `stampText`) of each folder holding recorded files (`''` the output itself, `a/b/`
   * below it) as the build left it: a folder whose stamp is unchanged has the same entries, so a
   * scan need not list it (see `recordedFolders`).
   */
  readonly folders: ReadonlyMap<string, string>;
  /** When the record was written (epoch ms): a folder changed this close to it is listed again. */
  readonly writtenAt: number;
  /** The log of changes read with it (see `applyRecordLog`), which the next build appends to. */
  readonly log?: RecordLog | undefined;
}

/** The changes a build is making to the output folder, written before the first of them. */
export interface OutputJournal {
  /** Files (relative paths) the build may write. */
  readonly names: ReadonlySet<string>;
  /** Folders (relative, ending in `/`) every file of which the build may write (the search index). */
  readonly folders: readonly string[];
}

const recordVersion = 1;
const markerName = 'wiredesk-output.json';

/** The folder beside `out` that holds its marker, lock, record and journal. */
export function stateFolder(out: string): string {
  return path.join(path.dirname(out), `.${path.basename(out)}.wiredesk`);
}

/** The file that marks a state folder as wiredesk's. */
export function stateMarkerPath(folder: string): string {
  return path.join(folder, markerName);
}

/** The lock file of a plain output's state folder. */
export function stateLockPath(folder: string): string {
  return path.join(folder, 'lock');
}

/** Whether `folder` is wiredesk's to write in: missing, empty, or marked. */
export function ownsStateFolder(folder: string): boolean {
  try {
    const entries = readdirSync(folder);
    return entries.length === 0 || entries.includes(markerName);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/** Whether the state folder holds a record or a journal of the output: the output is then wiredesk's. */
export function holdsBuildOf(folder: string): boolean {
  return existsSync(stateMarkerPath(folder)) && (existsSync(recordPath(folder)) || existsSync(journalPath(folder)));
}

/** Mark `folder` as the state folder of `out`, unless it is already. */
export async function markStateFolder(folder: string, out: string): Promise<void> {
  if (existsSync(stateMarkerPath(folder))) return;
  await writeFile(stateMarkerPath(folder), `${JSON.stringify({ madeBy: 'wiredesk', output: path.basename(out) })}\n`);
}

/** The record file in a state folder. */
export function recordPath(folder: string): string {
  return path.join(folder, 'record.json');
}

function journalPath(folder: string): string {
  return path.join(folder, 'journal.json');
}

/** The record of the output, or undefined when there is none or it cannot be read. */
export function readRecord(folder: string): OutputRecord | undefined {
  const data = readJson(recordPath(folder));
  if (!isObject(data) || data.version !== recordVersion || typeof data.id !== 'string' || !Array.isArray(data.files)) return undefined;
  const files = new Map<string, RecordedFile>();
  for (const entry of data.files as unknown[]) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'string') return undefined;
    const stamp: unknown = entry[2];
    files.set(entry[0], { digest: entry[1], stamp: typeof stamp === 'string' ? stamp : undefined });
  }
  // A record without folder stamps (or with damaged ones) has every folder listed again.
  const folders = new Map<string, string>();
  const writtenAt = typeof data.writtenAt === 'number' ? data.writtenAt : 0;
  if (Array.isArray(data.folders) && writtenAt > 0) {
    for (const entry of data.folders as unknown[]) if (Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'string') folders.set(entry[0], entry[1]);
  }
  // The changes later builds logged (see `output-record-log.ts`).
  const logged = applyRecordLog(folder, { id: data.id, writtenAt }, files, folders);
  return { id: logged.id, files, folders, writtenAt: logged.writtenAt, log: logged.log };
}

/** Files a record's text is written out in at a time: its 240,000 entries are never held as one text. */
const recordChunk = 4096;

/**
 * Record that the output holds `files`, in `folders` with those stamps (see `OutputRecord`), under
 * a new publication id (returned). `files` is taken one by one, and the record written as it goes:
 * at 100,000 stories, making it whole and then its text would hold a few hundred megabytes at once.
 */
export async function writeRecord(folder: string, files: Iterable<readonly [string, RecordedFile]>, folders: ReadonlyMap<string, string> = new Map()): Promise<string> {
  const id = randomUUID();
  const file = recordPath(folder);
  const temporary = `${file}.${process.pid}`;
  const handle = await open(temporary, 'w');
  try {
    // The text `JSON.stringify` makes of the whole record, its `files` array in chunks.
    await handle.write(`{"version":${recordVersion},"id":${JSON.stringify(id)},"writtenAt":${Date.now()},"files":[`);
    let chunk: string[][] = [];
    let first = true;
    const flush = async () => {
      if (chunk.length === 0) return;
      const text = JSON.stringify(chunk).slice(1, -1);
      await handle.write(first ? text : `,${text}`);
      first = false;
      chunk = [];
    };
    for (const [relative, recorded] of files) {
      chunk.push(recorded.stamp === undefined ? [relative, recorded.digest] : [relative, recorded.digest, recorded.stamp]);
      if (chunk.length >= recordChunk) await flush();
    }
    await flush();
    await handle.write(`],"folders":${JSON.stringify([...folders])}}`);
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  }
  await rename(temporary, file);
  // Its lines name the record this one replaces: none would be applied to it.
  removeRecordLog(folder);
  return id;
}

/** The journal a killed build left, or undefined when the last build finished (or wrote none). */
export function readJournal(folder: string): OutputJournal | undefined {
  if (!existsSync(journalPath(folder))) return undefined;
  const data = readJson(journalPath(folder));
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
  // A journal that cannot be read still says a build was killed: then every file is read again (see `openOutputFolder`).
  if (!isObject(data)) return { names: new Set(), folders: [''] };
  return { names: new Set(strings(data.names)), folders: strings(data.folders) };
}

/** Whether `relative` is a file the journal names. */
export function journalNames(journal: OutputJournal, relative: string): boolean {
  return journal.names.has(relative) || journal.folders.some((folder) => relative.startsWith(folder));
}

/** Write the journal, before the first change to the output; a journal left by a killed build is merged in. */
export async function writeJournal(folder: string, journal: OutputJournal, left: OutputJournal | undefined): Promise<void> {
  const names = new Set([...(left?.names ?? []), ...journal.names]);
  const folders = [...new Set([...(left?.folders ?? []), ...journal.folders])];
  await writeAtomically(journalPath(folder), JSON.stringify({ version: recordVersion, pid: process.pid, names: [...names], folders }));
}

/** The build is complete and recorded: remove its journal. */
export async function removeJournal(folder: string): Promise<void> {
  await rm(journalPath(folder), { force: true });
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}`;
  await writeFile(temporary, text);
  await rename(temporary, file);
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
