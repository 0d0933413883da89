import { closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/**
 * A folder pinned when it was first seen: its real path and identity. Files are then opened below
 * that real path, and only while the folder there is still the same one (not replaced by a link).
 */
export interface PinnedFolder {
  /** The path the folder was given by, which paths below it are written against. */
  readonly given: string;
  /** Its real path (every link resolved) when it was pinned. */
  readonly real: string;
  readonly dev: number;
  readonly ino: number;
}

/** A regular file opened inside a folder: its open handle and its size. */
export interface OpenedFile {
  readonly handle: FileHandle;
  readonly size: number;
}

// O_NOFOLLOW: the last component is never a link. O_NONBLOCK: a FIFO planted outside cannot hang
// the open (a regular file reads the same). Both are undefined on Windows, which has no such links here.
const openFlags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** Resolve `folder` (links in it are the site owner's own) and record what it is now. */
export function pinFolder(folder: string): PinnedFolder {
  const real = realpathSync.native(folder);
  const stats = lstatSync(real);
  return { given: folder, real, dev: stats.dev, ino: stats.ino };
}

/** `pinFolder`, or the path as given while the folder cannot be pinned (it does not exist yet, say). */
export function pinFolderIfPresent(folder: string): PinnedFolder | string {
  try {
    return pinFolder(folder);
  } catch {
    return folder;
  }
}

/**
 * Open the file `relative` (POSIX separators) names below `root` without following a symbolic link
 * anywhere below the root, whenever it appeared: every folder on the way is checked with `lstat`
 * before the open, and after it the file opened must be the one at that path below the root, as
 * the kernel reports where the open file is (Linux), or else as a second walk through real folders
 * finds it. A pinned root must itself still be the folder it was. Throws an error
 * with code `ELOOP` for a link, `ENOENT` for a missing file, `EINVAL` for a path that leaves the
 * root, `EISDIR` for anything but a regular file.
 */
export async function openInside(root: string | PinnedFolder, relative: string): Promise<OpenedFile> {
  const steps = stepsOf(root, relative);
  checkFolders(root, steps);
  const handle = await open(steps.at(-1) ?? '', openFlags);
  try {
    // Synchronous, as the checks are: one more trip through the thread pool per file costs more than the call.
    const opened = fstatSync(handle.fd);
    checkOpened(root, relative, steps, handle.fd, opened);
    return { handle, size: opened.size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** `openInside` without waiting, for a thread that reads the stories it then models; returns the file descriptor. */
export function openInsideSync(root: string | PinnedFolder, relative: string): number {
  const steps = stepsOf(root, relative);
  checkFolders(root, steps);
  const fd = openSync(steps.at(-1) ?? '', openFlags);
  try {
    checkOpened(root, relative, steps, fd, fstatSync(fd));
    return fd;
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** The path below `root` of an absolute path written against it (`root.given` when pinned), or undefined when it lies outside. */
export function relativeInside(root: string | PinnedFolder, absolutePath: string): string | undefined {
  const relative = path.relative(typeof root === 'string' ? root : root.given, absolutePath);
  if (relative === '' || path.isAbsolute(relative) || relative.split(path.sep).includes('..')) return undefined;
  return relative.split(path.sep).join('/');
}

/** The absolute paths of every folder below the root on the way to the file, then the file's. */
function stepsOf(root: string | PinnedFolder, relative: string): string[] {
  const segments = relative.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..' || segment.includes('\0') || (path.sep === '\\' && segment.includes('\\')))) {
    throw fsError('EINVAL', `"${relative}" is not a plain path below the folder`);
  }
  const base = typeof root === 'string' ? root : root.real;
  const steps: string[] = [];
  let current = base;
  for (const segment of segments) steps.push((current = path.join(current, segment)));
  return steps;
}

/** Whether the folder at a pinned folder's real path is still that folder, not a link or another folder put in its place. */
export function isPinnedFolderIntact(pinned: PinnedFolder): boolean {
  const now = lstatSync(pinned.real, { throwIfNoEntry: false });
  return now !== undefined && now.isDirectory() && now.dev === pinned.dev && now.ino === pinned.ino;
}

function checkFolders(root: string | PinnedFolder, steps: readonly string[]): void {
  if (typeof root !== 'string' && !isPinnedFolderIntact(root)) {
    throw fsError('ELOOP', `the folder ${root.given} was replaced (by a symbolic link, say) since it was first opened`);
  }
  for (const folder of steps.slice(0, -1)) {
    const stats = lstatSync(folder, { throwIfNoEntry: false });
    if (stats === undefined) throw fsError('ENOENT', `no folder ${folder}`);
    if (stats.isSymbolicLink()) throw fsError('ELOOP', `${folder} is a symbolic link`);
    if (!stats.isDirectory()) throw fsError('ENOTDIR', `${folder} is not a folder`);
  }
}

/** After the open: the file opened is the one `relative` names below the root, reached through real folders only. */
function checkOpened(root: string | PinnedFolder, relative: string, steps: readonly string[], fd: number, opened: Stats): void {
  const file = steps.at(-1) ?? '';
  const where = whereOpened(fd);
  const inside = where === undefined ? isStillAtPath(root, steps, opened) : isAtPath(root, relative, where);
  if (!inside) throw fsError('ELOOP', `${file} changed while it was opened (a folder on its way swapped for a symbolic link, say)`);
  if (!opened.isFile()) throw fsError('EISDIR', `${file} is not a regular file`);
}

/** Where the kernel says an open file is (a path with no link in it), or undefined where it cannot say. */
function whereOpened(fd: number): string | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return undefined;
  }
}

/** Whether the kernel's path of the open file is the root's own (its folder, not a link in its place) followed by `relative`. */
function isAtPath(root: string | PinnedFolder, relative: string, where: string): boolean {
  const suffix = path.sep + relative.split('/').join(path.sep);
  if (!where.endsWith(suffix)) return false;
  const folder = where.slice(0, -suffix.length);
  if (typeof root !== 'string') return folder === root.real && isPinnedFolderIntact(root);
  const expected = statSync(root, { throwIfNoEntry: false });
  const found = lstatSync(folder === '' ? path.sep : folder, { throwIfNoEntry: false });
  return expected !== undefined && found !== undefined && expected.dev === found.dev && expected.ino === found.ino;
}

/** Without the kernel's word: the folders are still real folders and the path still names the very file opened (a path-based check, which a fast enough swapper can outrun). */
function isStillAtPath(root: string | PinnedFolder, steps: readonly string[], opened: Stats): boolean {
  try {
    checkFolders(root, steps);
  } catch {
    return false;
  }
  const now = lstatSync(steps.at(-1) ?? '', { throwIfNoEntry: false });
  return now !== undefined && now.dev === opened.dev && now.ino === opened.ino;
}

function fsError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}
