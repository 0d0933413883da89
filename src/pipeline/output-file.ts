import { hash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The digest recorded for an output file's bytes. */
export function bytesDigest(contents: string | Uint8Array): string {
  return hash('sha1', contents, 'base64');
}

/** Where a page rendered on another thread goes, and what the trees hold there already. */
export interface WriteTarget {
  /** Absolute path of the file in the tree being written (already checked to be inside it). */
  readonly file: string;
  /** Digest of the file the tree being written holds there, if any. */
  readonly treeDigest?: string | undefined;
  /** Digest of the file the live tree holds there, if any. */
  readonly liveDigest?: string | undefined;
}

/** What became of a page rendered and written on another thread. */
export interface WrittenElsewhere {
  readonly digest: string;
  /** Size of its bytes. */
  readonly size: number;
  /**
   * `written`: written as a new file; `kept`: the tree already held these bytes; `live`: the live
   * tree holds these bytes, so the file is to be shared with it (a hard link, made by the write stage).
   */
  readonly outcome: 'written' | 'kept' | 'live';
}

/**
 * Write a rendered page at `target`, unless a tree already holds its bytes: the same decision the
 * write stage makes for the pages it renders itself, taken on the thread that rendered the page,
 * synchronously (that thread does nothing else meanwhile). The file is written as a new inode.
 */
export function writeRenderedSync(target: WriteTarget, contents: Uint8Array): WrittenElsewhere {
  const digest = bytesDigest(contents);
  const size = contents.byteLength;
  if (digest === target.treeDigest) return { digest, size, outcome: 'kept' };
  if (digest === target.liveDigest) return { digest, size, outcome: 'live' };
  mkdirSync(path.dirname(target.file), { recursive: true });
  try {
    writeFileSync(target.file, contents, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    rmSync(target.file, { force: true });
    writeFileSync(target.file, contents, { flag: 'wx' });
  }
  return { digest, size, outcome: 'written' };
}
