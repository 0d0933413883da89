import { hash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
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
  /**
   * Write the file beside its place (`temporaryPathOf`): a plain output folder, served while it is
   * written, whose new files the write stage renames into place together once the site is made.
   */
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
  /** The first folder made for it, when one was (see `mkdirSync`'s answer). */
  readonly folder?: string | undefined;
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
  const folder = mkdirSync(path.dirname(target.file), { recursive: true });
  if (target.inPlace === true) writeBesideSync(target.file, contents);
  else writeNewFileSync(target.file, contents);
  return folder === undefined ? { digest, size, outcome: 'written' } : { digest, size, outcome: 'written', folder };
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
 * Write `contents` beside `file` (at `temporaryPathOf(file)`), for the write stage to rename into
 * place; a temporary file left by a failed write is removed at once.
 */
export function writeBesideSync(file: string, contents: Uint8Array): void {
  const temporary = temporaryPathOf(file);
  try {
    writeFileSync(temporary, contents);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
