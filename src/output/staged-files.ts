import { rmSync } from 'node:fs';
import { copyFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { mapBounded } from '../threads/bounded.js';
import { temporaryPathOf } from './output-file.js';

// A plain output folder is served while a build writes it, and must stay the last good site
// until the build has made all of it: a search index that fails, or a disk that fills, after
// half the pages are written would otherwise leave new pages beside an old index. So each new
// file is written beside its place (`.index.html.<pid>.wiredesk-tmp`, hidden, named for the
// process) and renamed into place with all the others only once the whole site is made. A build
// that fails before then removes what it staged, and the folders it made for them: the folder is
// as it was. Each rename replaces one file whole, so a reader still sees every file old or new.

/** Renames at once when the staged files go into place. */
const parallelRenames = 32;

/** New files of a plain output folder, written beside their places and renamed into them together. */
export interface StagedFiles {
  /** Write `contents` beside `file`, to go into place at `commit`. */
  write(file: string, contents: Uint8Array): Promise<void>;
  /** Copy `from` beside `file` with `times` (a picture keeps the original's), to go into place at `commit`. */
  copy(from: string, file: string, times: { readonly atime: Date; readonly mtime: Date }): Promise<void>;
  /** Take into the stage a file another thread of this process wrote beside `file` (at `temporaryPathOf(file)`). */
  take(file: string): void;
  /** Note a folder made for staged files (the first one `mkdir` made, if any): removed again by `discard`. */
  madeFolder(folder: string | undefined): void;
  /** Rename every staged file into place. */
  commit(): Promise<void>;
  /** Remove every staged file still beside its place and, when none went into place yet, the folders made for them (synchronously). */
  discard(): void;
}

/** An empty stage for the files of one build. */
export function stageFiles(): StagedFiles {
  const staged: string[] = [];
  const folders: string[] = [];
  let committed = 0;
  /** Write beside `file` with `make`; a temporary file left by a failed write is removed at once. */
  const stage = async (file: string, make: (temporary: string) => Promise<void>): Promise<void> => {
    const temporary = temporaryPathOf(file);
    try {
      await make(temporary);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    staged.push(file);
  };
  return {
    write: (file, contents) => stage(file, (temporary) => writeFile(temporary, contents)),
    copy: (from, file, times) =>
      stage(file, async (temporary) => {
        await copyFile(from, temporary);
        await utimes(temporary, times.atime, times.mtime);
      }),
    take: (file) => void staged.push(file),
    madeFolder: (folder) => void (folder === undefined ? undefined : folders.push(folder)),
    async commit() {
      await mapBounded(staged, parallelRenames, async (file) => {
        await rename(temporaryPathOf(file), file);
        committed++;
      });
    },
    discard() {
      // A file renamed into place is no longer beside it: only those still staged go.
      for (const file of staged) rmSync(temporaryPathOf(file), { force: true });
      // Once a file went into place (a commit that failed part way) its folder holds part of the new site, and stays.
      if (committed === 0) for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    },
  };
}
