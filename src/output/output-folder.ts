import { lstatSync } from 'node:fs';
import { mkdir, rm, rmdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { stampText } from '../io/file-stamp.js';
import { acquireLock } from './output-lock.js';
import { markStateFolder, ownsStateFolder, removeJournal, stateFolder, stateLockPath, writeJournal, writeRecord, type RecordedFile } from './output-record.js';
import { folderStamps } from './output-folders.js';
import { foundAhead, foundHere } from './output-found.js';
import { recordChanges } from './output-record-changes.js';
import { appendRecordLog, logRoom } from './output-record-log.js';
import { scanStillValid, type ScanAhead } from './output-scan-ahead.js';
import type { HeldFiles, OutputTarget } from './output-target.js';
import { takeOverTrees } from './output-takeover.js';

// The default layout: the output is a plain folder, updated in place. Only files whose bytes change
// are written, each through a temporary file renamed over it; a journal written before the first
// change names what the build may write, so a build killed at any point leaves an output the next
// build recognises as its own and completes. What the folder holds is recorded beside it (see
// `output-record.ts`), never in it: the folder holds the site and nothing else.

/**
 * Take the lock on the plain output folder `out`, turn a swap layout into a plain folder (see
 * `takeOverTrees`), and compare the folder with its record (see `scanOutput`). Throws when
 * another build holds the lock. With `trust: false` every file is read again rather than believed
 * from its record. Nothing in the output changes before `begin`.
 */
export async function openOutputFolder(out: string, trust = true, onWait?: (pid: number) => void, ahead?: ScanAhead): Promise<OutputTarget> {
  const folder = stateFolder(out);
  if (!ownsStateFolder(folder)) throw new Error(`Refusing to write ${out}: ${folder} is there and was not made by wiredesk`);
  const existing = lstatOrUndefined(out);
  if (existing && !existing.isDirectory() && !existing.isSymbolicLink()) throw new Error(`Refusing to write ${out}: it is a file, not a folder`);
  await mkdir(folder, { recursive: true });
  await markStateFolder(folder, out);
  const release = await acquireLock(stateLockPath(folder), 'build', onWait);
  try {
    await takeOverTrees(out, folder, onWait);
    // A link (to anything but the trees, and given up with --force) is removed, never followed.
    if (lstatOrUndefined(out)?.isSymbolicLink()) await unlink(out);
    await mkdir(out, { recursive: true });
    // The scan made on another thread while the build assembled the site, when the output is still what it scanned.
    const early = trust ? await scanStillValid(ahead, folder) : undefined;
    const found = early ? foundAhead(folder, early) : foundHere(out, folder, trust);
    const { held, recorded, journal } = found;
    return {
      out,
      dir: out,
      held,
      // Views of the record, not copies: a publish looks up a few dozen of its 25,000 files.
      shown: recorded,
      before: recorded ?? held,
      inPlace: true,
      // An output given up with --force is the build's from now on: whatever no build wrote in it goes as a stray.
      strays: found.strays,
      altered: found.altered,
      begin: async (intended) => {
        await writeJournal(folder, intended, journal);
        for (const relative of found.strays) await rm(path.join(out, relative), { force: true });
        for (const relative of found.leftovers) await (relative.endsWith('/') ? rmdir(path.join(out, relative)).catch(() => undefined) : rm(path.join(out, relative), { force: true }));
        await pruneEmptyFolders(out, found.strays);
      },
      publish: async (settled, removed) => {
        const files = settled.digests;
        try {
          const touched = [...removed, ...found.strays, ...found.leftovers];
          // What changed is logged (see `output-record-log.ts`); the record is written whole when there is none, or its log is long.
          const logged = found.logged;
          const changes = logged && recordChanges(out, logged.basis, files, removed, touched, logRoom(logged), settled.changed);
          let published = logged && changes && appendRecordLog(folder, logged, changes);
          if (published === undefined) {
            const scan = found.whole();
            // A plain loop: a cold build at 100,000 stories wrote 240,000 files.
            const written: string[] = [];
            for (const [relative, digest] of files) if (scan.held.get(relative) !== digest) written.push(relative);
            published = await writeRecord(folder, recordOf(out, files, scan.held, scan.stamps), folderStamps(out, files.keys(), scan.folders, [...written, ...touched]));
          }
          await removeJournal(folder);
          return `plain:${published}`;
        } finally {
          release();
        }
      },
      abandon: release,
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * The record of the output holding `files`, file by file, as `writeRecord` takes it: a file not
 * written by this build keeps the stamp it was found with.
 */
function* recordOf(out: string, files: HeldFiles, held: HeldFiles, found: ReadonlyMap<string, string>): Generator<[string, RecordedFile]> {
  // Synchronous on purpose: a cold build stamps thousands of files, far cheaper in one loop than queued on the thread pool.
  for (const [relative, digest] of files) {
    const kept = held.get(relative) === digest ? found.get(relative) : undefined;
    yield [relative, { digest, stamp: kept ?? stampText(lstatSync(path.join(out, relative))) }];
  }
}

/** Remove the folders that removing `removed` (relative paths in `out`) left empty, up to `out`. */
async function pruneEmptyFolders(out: string, removed: readonly string[]): Promise<void> {
  const folders = new Set(removed.map((relative) => path.dirname(relative)).filter((dir) => dir !== '.'));
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
    for (let dir = folder; dir !== '.'; dir = path.dirname(dir)) {
      try {
        await rmdir(path.join(out, dir));
      } catch {
        break;
      }
    }
  }
}

function lstatOrUndefined(file: string) {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}
