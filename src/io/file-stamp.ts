/**
 * What tells a file unchanged without reading it, as git's index does: its size, modification
 * time, change time and inode together. The modification time alone is not enough: `touch -r`,
 * `cp -p`, `rsync -a` and `tar` give a new text the old file's time, but not its change time
 * (which no user can set) nor, written anew, its inode.
 */
export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
}

/** True when two stamps are of the same, unchanged file (see `FileStamp`). */
export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

/** A file's stamp as one string (for an asset). */
export function stampText(stamp: FileStamp): string {
  return `${stamp.size}:${stamp.mtimeMs}:${stamp.ctimeMs}:${stamp.ino}`;
}
