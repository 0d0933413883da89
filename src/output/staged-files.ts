import { rmSync } from 'node:fs';
import { copyFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { firstFailure, mapBounded } from '../threads/bounded.js';
import { temporaryPathOf } from './output-file.js';
import { insideFolder } from './output-trees.js';

// A plain output folder is served while a build writes it, and must stay the last good site
// until the build has made all of it: a search index that fails, or a disk that fills, after
// half the pages are written would otherwise leave new pages beside an old index. So each new
// file is written beside its place (`.index.html.<pid>.wiredesk-tmp`, hidden, named for the
// process) and renamed into place with all the others only once the whole site is made. A build
// that fails before then removes what it staged, and the folders it made for them: the folder is
// as it was. Each rename replaces one file whole, so a reader still sees every file old or new.

/** Renames at once when the staged files go into place. */
const parallelRenames = 32;

/**
 * New files of a plain output folder, written beside their places and renamed into them together.
 * Each is named by its path relative to the folder (the string the write stage keeps for it
 * anyway: a cold build of 100,000 stories stages 240,000 files).
 */
export interface StagedFiles {
  /** Write `contents` beside the file `relative`, to go into place at `commit`. */
  write(relative: string, contents: Uint8Array): Promise<void>;
  /** Copy `from` beside the file `relative` with `times` (a picture keeps the original's), to go into place at `commit`. */
  copy(from: string, relative: string, times: { readonly atime: Date; readonly mtime: Date }): Promise<void>;
  /** Take into the stage the file `relative`, which another thread of this process wrote beside its place (see `temporaryPathOf`). */
  take(relative: string): void;
  /** Note a folder made for staged files (the first one `mkdir` made, if any): removed again by `discard`. */
  madeFolder(folder: string | undefined): void;
  /** Rename every staged file into place; a failure is a `PartlyPublished`. */
  commit(): Promise<void>;
  /** Remove every staged file still beside its place and, when none went into place yet, the folders made for them (synchronously). */
  discard(): void;
}

/** An empty stage for the files of one build into the folder `dir`. */
export function stageFiles(dir: string): StagedFiles {
  const staged: string[] = [];
  const placeOf = (relative: string) => insideFolder(dir, relative);
  const folders: string[] = [];
  let committed = 0;
  /** Write beside the file `relative` with `make`; a temporary file left by a failed write is removed at once. */
  const stage = async (relative: string, make: (temporary: string) => Promise<void>): Promise<void> => {
    const temporary = temporaryPathOf(placeOf(relative));
    try {
      await make(temporary);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    staged.push(relative);
  };
  return {
    write: (relative, contents) => stage(relative, (temporary) => writeFile(temporary, contents)),
    copy: (from, relative, times) =>
      stage(relative, async (temporary) => {
        await copyFile(from, temporary);
        await utimes(temporary, times.atime, times.mtime);
      }),
    take: (relative) => void staged.push(relative),
    madeFolder: (folder) => void (folder === undefined ? undefined : folders.push(folder)),
    async commit() {
      // A rename that fails stops the others from starting, and is said once those in flight have ended.
      const failure = firstFailure();
      await mapBounded(staged, parallelRenames, (relative) =>
        failure.attempt(async () => {
          const file = placeOf(relative);
          await rename(temporaryPathOf(file), file);
          committed++;
        }),
      );
      try {
        failure.throwIfAny();
      } catch (error) {
        throw new PartlyPublished(error);
      }
    },
    discard() {
      // A file renamed into place is no longer beside it: only those still staged go.
      for (const relative of staged) rmSync(temporaryPathOf(placeOf(relative)), { force: true });
      // Once a file went into place (a commit that failed part way) its folder holds part of the new site, and stays.
      if (committed === 0) for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    },
  };
}

/**
 * A failure met while a plain folder's new files went into place: unlike one before, it leaves the
 * folder holding part of the new site (its journal has the next build complete it). Its `cause` is
 * the file system's error.
 */
export class PartlyPublished extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}
