import { lstatSync } from 'node:fs';
import path from 'node:path';
import { stampText } from '../io/file-stamp.js';
import { parentOf } from './output-folders.js';
import type { RecordChanges } from './output-record-log.js';
import type { OutputRecord } from './output-record.js';
import type { OutputScan } from './output-scan.js';
import type { HeldFiles } from './output-target.js';

/**
 * What differs between `record` and the record of the output `out` as a build leaves it holding
 * `files`: each file's digest and stamp (the stamp the scan found for a file the build did not
 * write, else the file's own now), and the stamp of each folder (as the scan found it, or taken
 * again for the folders whose entries the build changed, and their parents: those of the files it
 * wrote, and of `touched`, the other entries it removed). The same record as `recordOf` and
 * `folderStamps` make whole, but for folders that hold no file any more and are still there,
 * which it keeps (a stamp only spares a listing). Undefined as soon as more than `room` files
 * changed (the record is then written whole).
 */
export function recordChanges(out: string, record: OutputRecord, files: HeldFiles, scan: OutputScan, touched: readonly string[], room: number): RecordChanges | undefined {
  const changedFiles: [string, { digest: string; stamp: string }][] = [];
  const written: string[] = [];
  for (const [relative, digest] of files) {
    const recorded = record.files.get(relative);
    const kept = scan.held.get(relative) === digest ? scan.stamps.get(relative) : undefined;
    if (kept === undefined) written.push(relative);
    else if (recorded?.digest === digest && recorded.stamp === kept) continue;
    const stamp = kept ?? stampText(lstatSync(path.join(out, relative)));
    if (recorded?.digest !== digest || recorded.stamp !== stamp) changedFiles.push([relative, { digest, stamp }]);
    if (changedFiles.length > room) return undefined;
  }
  const gone: string[] = [];
  for (const relative of record.files.keys()) if (!files.has(relative)) gone.push(relative);
  const changed = new Set<string>();
  for (const relative of [...written, ...touched])
    for (let folder = parentOf(relative); !changed.has(folder); folder = parentOf(folder)) {
      changed.add(folder);
      if (folder === '') break;
    }
  const folders: [string, string][] = [];
  const goneFolders: string[] = [];
  const found = scan.foldersChanged ?? foldersChanged(record, scan);
  for (const [folder, stamp] of found.stamps) if (!changed.has(folder)) folders.push([folder, stamp]);
  for (const folder of found.missing) if (!changed.has(folder)) goneFolders.push(folder);
  for (const folder of changed) {
    const stamp = stampOf(path.join(out, folder));
    if (stamp === undefined) {
      if (record.folders.has(folder)) goneFolders.push(folder);
    } else if (record.folders.get(folder) !== stamp) folders.push([folder, stamp]);
  }
  return { files: changedFiles, gone, folders, goneFolders };
}

/** The folders the scan found with other stamps than `record` says (or none), and those it records that the scan did not find. */
function foldersChanged(record: OutputRecord, scan: OutputScan): NonNullable<OutputScan['foldersChanged']> {
  const stamps: [string, string][] = [];
  const missing: string[] = [];
  for (const [folder, stamp] of scan.folders) if (record.folders.get(folder) !== stamp) stamps.push([folder, stamp]);
  for (const folder of record.folders.keys()) if (!scan.folders.has(folder)) missing.push(folder);
  return { stamps, missing };
}

function stampOf(dir: string): string | undefined {
  try {
    return stampText(lstatSync(dir));
  } catch {
    return undefined;
  }
}
