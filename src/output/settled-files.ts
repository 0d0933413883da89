import type { HeldFiles } from './output-target.js';

/** What happened to one output file. */
export type FileOutcome = 'added' | 'changed' | 'unchanged';

/** One output file as the write stage left it: its outcome and the digest of its bytes. */
export interface SettledFile {
  readonly outcome: FileOutcome;
  readonly digest: string;
}

/**
 * Every file of the site as the write stage left it, by path relative to the output: a map of
 * `SettledFile`s, held as the digest of every file plus the outcome of those added or changed. A
 * publish leaves a few dozen of 25,000 files (240,000 at 100,000 stories) otherwise than they
 * were, so the others cost one map entry each, and what changed is listed without a pass over them all.
 */
export class SettledFiles implements ReadonlyMap<string, SettledFile> {
  /** The digest of every file, as the output's record takes them. */
  readonly digests: HeldFiles;
  /** The files added or changed, by path (the others are unchanged). */
  readonly changed: ReadonlyMap<string, 'added' | 'changed'>;

  constructor(digests: HeldFiles, changed: ReadonlyMap<string, 'added' | 'changed'>) {
    this.digests = digests;
    this.changed = changed;
  }

  get size(): number {
    return this.digests.size;
  }

  get(relative: string): SettledFile | undefined {
    const digest = this.digests.get(relative);
    return digest === undefined ? undefined : { outcome: this.changed.get(relative) ?? 'unchanged', digest };
  }

  has(relative: string): boolean {
    return this.digests.has(relative);
  }

  forEach(callback: (file: SettledFile, relative: string, map: ReadonlyMap<string, SettledFile>) => void): void {
    for (const [relative, file] of this.entries()) callback(file, relative, this);
  }

  *entries(): MapIterator<[string, SettledFile]> {
    for (const [relative, digest] of this.digests) yield [relative, { outcome: this.changed.get(relative) ?? 'unchanged', digest }];
  }

  keys(): MapIterator<string> {
    return this.digests.keys();
  }

  *values(): MapIterator<SettledFile> {
    for (const [, file] of this.entries()) yield file;
  }

  [Symbol.iterator](): MapIterator<[string, SettledFile]> {
    return this.entries();
  }
}

/** Settles the files of one write, each once: `settle` them, then take the `SettledFiles`. */
export class FileSettler {
  private readonly digests = new Map<string, string>();
  private readonly changed = new Map<string, 'added' | 'changed'>();

  /** The digest of every file settled so far (what the output's record is made of). */
  get held(): HeldFiles {
    return this.digests;
  }

  /** Say that `relative` holds the bytes `digest`, with `outcome`; a file settled again takes the later. */
  settle(relative: string, outcome: FileOutcome, digest: string): void {
    this.digests.set(relative, digest);
    if (outcome !== 'unchanged') this.changed.set(relative, outcome);
    // Pages proven unchanged are settled first, before any is changed: no lookup for them.
    else if (this.changed.size > 0) this.changed.delete(relative);
  }

  /** Every file settled. */
  settled(): SettledFiles {
    return new SettledFiles(this.digests, this.changed);
  }
}
