import { lstatSync, type Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import type { FileStamp } from './file-stamp.js';
import { problem } from '../report/problem.js';

/** A regular file found in one of the site's own folders (`pages/`, `static/`). */
export interface OwnFile extends FileStamp {
  /** Path relative to the folder, POSIX separators. */
  readonly source: string;
  /** Path as messages name it: relative to the working directory. */
  readonly displayPath: string;
}

/** What a scan of one of the site's own folders found: its regular files (sorted by path), and an error per entry refused. */
export interface ScannedOwnFolder {
  /** The folder, absolute. */
  readonly root: string;
  readonly files: readonly OwnFile[];
  readonly messages: readonly VFileMessage[];
}

/**
 * List every regular file below `dir` (absent: none) with its stamp, without reading any. Dot-files
 * and dot-folders are left out, but for `.well-known/` (`security.txt`…). A symbolic link, named
 * pipe, socket or device is refused with an `unreadable-file` error: none is ever followed or read,
 * so nothing outside the folder is published.
 */
export async function scanOwnFolder(dir: string, cwd: string): Promise<ScannedOwnFolder> {
  const root = path.resolve(cwd, dir);
  let entries: Dirent[];
  try {
    entries = await readdir(root, { recursive: true, withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { root, files: [], messages: [] };
    throw error;
  }
  const display = (source: string) => path.relative(cwd, path.join(root, source)).split(path.sep).join('/');
  const files: OwnFile[] = [];
  const messages: VFileMessage[] = [];
  for (const entry of entries) {
    const source = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    if (isLeftOut(source) || entry.isDirectory()) continue;
    if (!entry.isFile()) {
      messages.push(
        problem('unreadable-file', `Cannot publish ${kindOf(entry)}, expected a regular file (wiredesk never follows links: one could lead outside the folder)`, display(source), {
          line: 1,
          column: 1,
        }),
      );
      continue;
    }
    // Synchronous on purpose, as the stories folder's scan: a thousand tiny calls cost far less in one loop than queued on the thread pool.
    const info = lstatSync(path.join(root, source), { throwIfNoEntry: false });
    if (!info?.isFile()) continue;
    files.push({ source, displayPath: display(source), size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino });
  }
  const bySource = (a: { readonly source: string }, b: { readonly source: string }) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0);
  const byFile = (a: VFileMessage, b: VFileMessage) => ((a.file ?? '') < (b.file ?? '') ? -1 : 1);
  return { root, files: files.sort(bySource), messages: messages.sort(byFile) };
}

/** True for a path with a dot-file or dot-folder in it, but for those below `.well-known/`. */
function isLeftOut(source: string): boolean {
  const parts = source.split('/');
  return parts.some((part, index) => part.startsWith('.') && !(index === 0 && part === '.well-known'));
}

function kindOf(entry: Dirent): string {
  if (entry.isSymbolicLink()) return 'a symbolic link';
  if (entry.isFIFO()) return 'a named pipe';
  if (entry.isSocket()) return 'a socket';
  return 'a device';
}
