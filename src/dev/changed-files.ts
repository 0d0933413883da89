import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { openInside, relativeInside, type PinnedFolder } from '../io/open-inside.js';

/**
 * Replace each changed folder by the files it now holds, and a deleted folder by the known files
 * that were in it, so that moving or deleting a whole folder of stories is seen file by file.
 * `knownUnder(prefix)` lists the known paths (relative to `storiesDir`) that start with `prefix`.
 */
export async function expandFolders(files: readonly string[], storiesDir: string, knownUnder: (prefix: string) => readonly string[]): Promise<string[]> {
  const expanded: string[] = [];
  for (const file of files) {
    const kind = await kindOf(file);
    if (kind === 'file') {
      expanded.push(file);
    } else if (kind === 'folder') {
      const entries = await readdir(file, { recursive: true, withFileTypes: true });
      expanded.push(...entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name)));
    } else {
      const relative = path.relative(storiesDir, file).split(path.sep).join('/');
      const prefix = relative === '' ? '' : `${relative}/`;
      const gone = knownUnder(prefix);
      expanded.push(file, ...gone.map((source) => path.join(storiesDir, source)));
    }
  }
  return [...new Set(expanded)];
}

/** True when `file` is a regular file (a symbolic link is not). */
export async function isRegularFile(file: string): Promise<boolean> {
  return (await kindOf(file)) === 'file';
}

/** True when `file` is a regular file below `root`, reached through no symbolic link (see `openInside`). */
export async function isRegularFileInside(root: string | PinnedFolder, file: string): Promise<boolean> {
  const relative = relativeInside(root, file);
  if (relative === undefined) return false;
  try {
    const { handle } = await openInside(root, relative);
    await handle.close();
    return true;
  } catch {
    return false;
  }
}

async function kindOf(file: string): Promise<'file' | 'folder' | 'other' | 'missing'> {
  try {
    const stat = await lstat(file);
    return stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : 'other';
  } catch {
    return 'missing';
  }
}
