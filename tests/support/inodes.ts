import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** The inode of every file below `dir`, by relative path: equal inodes mean a file was not touched (or is a hard link). */
export async function inodesBelow(dir: string): Promise<Map<string, number>> {
  const files = new Map<string, number>();
  for (const entry of (await readdir(dir, { recursive: true })).sort()) {
    const info = await stat(path.join(dir, entry));
    if (info.isFile()) files.set(entry, info.ino);
  }
  return files;
}
