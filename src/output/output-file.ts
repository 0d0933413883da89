import { hash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { copyFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The digest recorded for an output file's bytes. */
export function bytesDigest(contents: string | Uint8Array): string {
  return hash('sha1', contents, 'base64');
}

/** Where a page rendered on another thread goes, and what the output holds there already. */
export interface WriteTarget {
  /** Absolute path of the file in the folder being written (already checked to be inside it). */
  readonly file: string;
  /** Digest of the file the folder being written holds there, if any. */
  readonly treeDigest?: string | undefined;
  /** Digest of the file the live tree holds there, if any (swap layout only). */
  readonly liveDigest?: string | undefined;
  /** Replace the file through a temporary file and a rename (a plain output folder, served while it is written). */
  readonly inPlace?: boolean | undefined;
}

/** What became of a page rendered and written on another thread. */
export interface WrittenElsewhere {
  readonly digest: string;
  /** Size of its bytes. */
  readonly size: number;
  /**
   * `written`: written as a new file; `kept`: the folder already held these bytes; `live`: the live
   * tree holds these bytes, so the file is to be shared with it (a hard link, made by the write stage).
   */
  readonly outcome: 'written' | 'kept' | 'live';
}

/** The suffix of the temporary file a build writes beside an output file before renaming it into place. */
const temporarySuffix = '.wiredesk-tmp';

/** The temporary file beside `file` that this process writes its new bytes into (hidden, named for the process). */
export function temporaryPathOf(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}${temporarySuffix}`);
}

/** Whether a file name is that of a temporary file a build left behind (see `temporaryPathOf`). */
export function isTemporaryName(name: string): boolean {
  return name.startsWith('.') && /\.\d+\.wiredesk-tmp$/.test(name);
}

/**
 * Write a rendered page at `target`, unless the folder already holds its bytes: the same decision
 * the write stage makes for the pages it renders itself, taken on the thread that rendered the page,
 * synchronously (that thread does nothing else meanwhile).
 */
export function writeRenderedSync(target: WriteTarget, contents: Uint8Array): WrittenElsewhere {
  const digest = bytesDigest(contents);
  const size = contents.byteLength;
  if (digest === target.treeDigest) return { digest, size, outcome: 'kept' };
  if (digest === target.liveDigest) return { digest, size, outcome: 'live' };
  mkdirSync(path.dirname(target.file), { recursive: true });
  if (target.inPlace === true) replaceFileSync(target.file, contents);
  else writeNewFileSync(target.file, contents);
  return { digest, size, outcome: 'written' };
}

/**
 * Write `file` as a new inode: a file of a tree being written may be a hard link to a live file,
 * which must never change in place.
 */
export function writeNewFileSync(file: string, contents: Uint8Array): void {
  try {
    writeFileSync(file, contents, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    rmSync(file, { force: true });
    writeFileSync(file, contents, { flag: 'wx' });
  }
}

/**
 * Replace `file` with `contents` atomically: write a temporary file beside it, then rename it over
 * the file. A reader (a web server) sees the old bytes or the new, never a part; a process killed
 * meanwhile leaves the old file and a temporary one that the next build removes.
 */
export function replaceFileSync(file: string, contents: Uint8Array): void {
  const temporary = temporaryPathOf(file);
  try {
    writeFileSync(temporary, contents);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** `replaceFileSync`, without blocking the thread (the write stage's own pages). */
export async function replaceFile(file: string, contents: Uint8Array): Promise<void> {
  const temporary = temporaryPathOf(file);
  try {
    await writeFile(temporary, contents);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Copy `from` over `file` atomically (as `replaceFile`), keeping `from`'s access and modification times. */
export async function replaceWithCopy(from: string, file: string, times: { readonly atime: Date; readonly mtime: Date }): Promise<void> {
  const temporary = temporaryPathOf(file);
  try {
    await copyFile(from, temporary);
    await utimes(temporary, times.atime, times.mtime);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
