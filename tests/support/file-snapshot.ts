import { hash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';

/** What one entry below a folder is: its kind, inode and bytes (or link target). */
export interface EntryState {
  readonly kind: 'file' | 'folder' | 'link' | 'other';
  readonly ino: number;
  readonly content: string;
}

/**
 * Every entry below `dir` (links not followed), by path relative to it: two snapshots are equal
 * when no file was changed, moved, replaced or deleted.
 */
export async function snapshotBelow(dir: string): Promise<Map<string, EntryState>> {
  const entries = new Map<string, EntryState>();
  const visit = async (folder: string): Promise<void> => {
    for (const name of (await readdir(folder)).sort()) {
      const file = path.join(folder, name);
      const info = await lstat(file);
      const relative = path.relative(dir, file);
      if (info.isSymbolicLink()) entries.set(relative, { kind: 'link', ino: info.ino, content: await readlink(file) });
      else if (info.isFile()) entries.set(relative, { kind: 'file', ino: info.ino, content: hash('sha1', await readFile(file)) });
      else if (info.isDirectory()) {
        entries.set(relative, { kind: 'folder', ino: info.ino, content: '' });
        await visit(file);
      } else entries.set(relative, { kind: 'other', ino: info.ino, content: '' });
    }
  };
  await visit(dir);
  return entries;
}
