import { lstatSync } from 'node:fs';
import path from 'node:path';
import { stampText } from '../io/file-stamp.js';
import { parentOf } from './output-folders.js';
import type { RecordChanges } from './output-record-log.js';
import type { HeldFiles } from './output-target.js';

/**
 * The record a build's changes are told against: the digest of each file it names, and what the
 * scan of the output found otherwise (see `RecordedScan`). A recorded file neither `found` nor
 * `missing` is held with the recorded digest and stamp.
 */
export interface RecordBasis {
  readonly digests: ReadonlyMap<string, string>;
  /** Recorded files found with other bytes or another stamp than recorded (or recorded without one): their digest and stamp as found. */
  readonly found: ReadonlyMap<string, readonly [digest: string, stamp: string]>;
  /** Recorded files not there. */
  readonly missing: ReadonlySet<string>;
  /** Folders found with other stamps than recorded (or none), and recorded folders not there. */
  readonly foldersChanged: { readonly stamps: readonly (readonly [string, string])[]; readonly missing: readonly string[] };
}

/**
 * What differs between the record `basis` tells of and the record of the output `out` as a build
 * leaves it holding `files`: each file's digest and stamp (the stamp the scan found for a file the
 * build did not write, else the file's own now), and the stamp of each folder (as the scan found
 * it, or taken again for the folders whose entries the build changed, and their parents: those of
 * the files it wrote, and of `touched`, the other entries it removed). `removed`: the files held
 * (recorded, or found) that `files` does not name. Applied to the record, the
 * same record as `recordOf` and `folderStamps` make whole, but for folders that hold no file any
 * more and are still there, which it keeps (a stamp only spares a listing). Undefined as soon as
 * more than `room` files changed (the record is then written whole).
 */
export function recordChanges(
  out: string,
  basis: RecordBasis,
  files: HeldFiles,
  removed: readonly string[],
  touched: readonly string[],
  room: number,
  settledChanged?: ReadonlyMap<string, unknown>,
): RecordChanges | undefined {
  const changedFiles: [string, { digest: string; stamp: string }][] = [];
  const written: string[] = [];
  // Most often the scan found every file as recorded: then only the files written otherwise than recorded are looked at
  // (`settledChanged`, when the write stage told them: every other file holds the digest recorded), else one lookup a file.
  const asRecorded = basis.found.size === 0 && basis.missing.size === 0;
  for (const [relative, digest] of asRecorded && settledChanged ? digestsOf(settledChanged.keys(), files) : files) {
    const found = asRecorded ? undefined : basis.found.get(relative);
    // Held as recorded (same bytes, same stamp) and not written: nothing to say.
    if (!found && basis.digests.get(relative) === digest && (asRecorded || !basis.missing.has(relative))) continue;
    // Held as found (with other bytes or another stamp than recorded): the stamp found; else written now.
    let stamp = found?.[0] === digest ? found[1] : undefined;
    if (stamp === undefined) {
      written.push(relative);
      stamp = stampText(lstatSync(path.join(out, relative)));
    }
    changedFiles.push([relative, { digest, stamp }]);
    if (changedFiles.length > room) return undefined;
  }
  // Gone: the files held that the build removed, and those recorded but not found that it did not write.
  const gone = [...removed];
  for (const relative of basis.missing) if (!files.has(relative)) gone.push(relative);
  const changed = new Set<string>();
  // A folder touched (an empty one a killed build left, removed) is said gone, with its parents.
  for (const relative of [...written, ...touched])
    for (let folder = relative.endsWith('/') ? relative : parentOf(relative); !changed.has(folder); folder = parentOf(folder)) {
      changed.add(folder);
      if (folder === '') break;
    }
  const folders: [string, string][] = [];
  const goneFolders: string[] = [];
  const found = basis.foldersChanged;
  for (const [folder, stamp] of found.stamps) if (!changed.has(folder)) folders.push([folder, stamp]);
  for (const folder of found.missing) if (!changed.has(folder)) goneFolders.push(folder);
  // A folder whose entries changed has another stamp (or is gone): said as it is now.
  for (const folder of changed) {
    const stamp = stampOf(path.join(out, folder));
    if (stamp === undefined) goneFolders.push(folder);
    else folders.push([folder, stamp]);
  }
  return { files: changedFiles, gone, folders, goneFolders };
}

function stampOf(dir: string): string | undefined {
  try {
    return stampText(lstatSync(dir));
  } catch {
    return undefined;
  }
}

/** `[path, digest]` of each of `paths` that `files` holds, in their order. */
function* digestsOf(paths: Iterable<string>, files: HeldFiles): Generator<[string, string]> {
  for (const relative of paths) {
    const digest = files.get(relative);
    if (digest !== undefined) yield [relative, digest];
  }
}
