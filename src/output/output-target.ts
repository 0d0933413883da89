import type { OutputJournal } from './output-record.js';
import type { SettledFiles } from './settled-files.js';

/** Digest of each file a folder holds, by path relative to it. */
export type HeldFiles = ReadonlyMap<string, string>;

/** The digest of each file by path, looked up one at a time (a map, or a view of a record). */
export interface DigestLookup {
  get(relative: string): string | undefined;
}

/** Paths of files, looked up and listed (a set, or the keys of a map: no copy of 25,000 paths is made). */
export interface FileNames {
  has(relative: string): boolean;
  keys(): Iterable<string>;
}

/**
 * Where one build writes the site, whichever the layout: the output folder itself, updated in
 * place (see `openOutputFolder`), or the tree behind the output link that is not live (see `openTrees`).
 */
export interface OutputTarget {
  /** The output folder as the user named it. */
  readonly out: string;
  /** The folder files are written in. */
  readonly dir: string;
  /** The digest of each file `dir` holds now, known for certain: a file is written only when its bytes differ. */
  readonly held: HeldFiles;
  /** The live tree, when the build writes another one: files with its bytes are shared from it (hard links). */
  readonly live?: { readonly dir: string; readonly files: HeldFiles } | undefined;
  /** The digest of each file of the site as last published (the live tree's, a plain folder's record), when known: bytes written now that are these are `unchanged`. */
  readonly shown?: DigestLookup | undefined;
  /** Every file of the site before this build: written now it is `changed`, not written it is removed. */
  readonly before: FileNames;
  /** Files are replaced in place (temporary file, then rename) because the folder is served as it is written. */
  readonly inPlace: boolean;
  /** Files found in the output that no build wrote (removed by `begin`). */
  readonly strays: readonly string[];
  /** Files of the last build that were changed or removed outside wiredesk since. */
  readonly altered: readonly string[];
  /** Say what the build may write (its journal), before its first change to the output. */
  begin(journal: OutputJournal): Promise<void>;
  /**
   * The build is complete: record that `dir` holds `files` and make it the output; resolves to the
   * publication's stamp (see `outputStamp`). `gone` lists the files `held` named that `files` does
   * not, which the write stage removed.
   */
  publish(files: SettledFiles, gone: readonly string[]): Promise<string | undefined>;
  /** Give up: release the lock, leave the output as it is (a plain folder: as far as the build went, its journal kept). */
  abandon(): void;
}
