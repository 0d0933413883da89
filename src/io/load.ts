import { createHash } from 'node:crypto';
import { closeSync, lstatSync, readFileSync, type Dirent } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { openInside, openInsideSync, type PinnedFolder } from './open-inside.js';
import { problem } from '../report/problem.js';
import { mapBounded } from '../threads/bounded.js';
import { stampText, type FileStamp } from './file-stamp.js';

/** A story file as read from disk: its text and where it came from. */
export interface StoryFile {
  /** Path relative to the stories folder, POSIX separators. */
  readonly source: string;
  /** Path as shown in messages: relative to the working directory. */
  readonly displayPath: string;
  /** The file's text, decoded as UTF-8, byte-order mark removed. */
  readonly text: string;
  /** SHA-256 (hex) of the file's bytes. */
  readonly digest: string;
}

/** A file in the stories folder that is not a story (a picture, say), copied on demand. */
export interface AssetFile {
  /** Path relative to the stories folder, POSIX separators. */
  readonly source: string;
  /** Absolute path on disk. */
  readonly absolutePath: string;
}

/** Everything the load stage found. */
export interface LoadedStories {
  readonly stories: readonly StoryFile[];
  readonly assets: readonly AssetFile[];
  /** One error per story file that could not be read. */
  readonly messages: readonly VFileMessage[];
  /** One `skipped-file` warning per file that looks like a story but is not read as one (see `skippedFileAt`). */
  readonly skipped: readonly VFileMessage[];
}

/** How many story files are read at once. */
const openFilesAtOnce = 64;

/** A name that may be a story's, in any case (see `skippedFile`). */
const mdName = /\.md$/i;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** A story file as found on disk, before it is read: where it is, and its stamp. */
export interface ScannedStory extends FileStamp {
  readonly source: string;
}

/** What a scan of the stories folder found: story files with their stamps, assets, and warnings of files skipped. */
export interface ScannedFolder {
  readonly root: string;
  readonly stories: readonly ScannedStory[];
  readonly assets: readonly (AssetFile & { readonly stamp: string })[];
  /** One `skipped-file` warning per file that looks like a story but is not read as one (see `skippedFile`). */
  readonly messages: readonly VFileMessage[];
}

/**
 * List every file below `storiesDir` (sorted by path) with its size and modification time,
 * without reading any. Dot-files are skipped; a symbolic link named like a story is listed so that
 * reading it reports it (it is never followed), other links are skipped: nothing outside is ever read.
 */
export async function scanStories(storiesDir: string, cwd: string = process.cwd()): Promise<ScannedFolder> {
  const root = path.resolve(cwd, storiesDir);
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const prefix = root + path.sep;
  const displayFolder = path.relative(cwd, root).split(path.sep).join('/');
  // Sliced off rather than `path.relative`: ten thousand calls of that cost a tenth of the scan.
  const relative = (entry: { readonly parentPath: string; readonly name: string }) => {
    const folder = entry.parentPath === root ? '' : entry.parentPath.startsWith(prefix) ? entry.parentPath.slice(prefix.length) : path.relative(root, entry.parentPath);
    const file = folder === '' ? entry.name : `${folder}${path.sep}${entry.name}`;
    return path.sep === '/' ? file : file.split(path.sep).join('/');
  };
  const sources: string[] = [];
  const messages: VFileMessage[] = [];
  // One pass over the entries, each path made once: a story folder holds tens of thousands.
  for (const entry of entries) {
    const story = isStorySource(entry.name);
    const listed = entry.isFile() || (story && entry.isSymbolicLink());
    // Only a name ending in `.md` in any case may be warned of (see `skippedFile`); a regular story file never is.
    const warnable = !(story && entry.isFile()) && mdName.test(entry.name);
    if (!listed && !warnable) continue;
    const source = relative(entry);
    if (isHidden(source)) continue;
    if (listed) sources.push(source);
    const message = warnable ? skippedFile(entry.name, entry, displayFolder === '' ? source : `${displayFolder}/${source}`) : undefined;
    if (message) messages.push(message);
  }
  sources.sort();
  // Synchronous on purpose: ten thousand tiny `lstat` calls take a fifth of the time in one loop
  // than queued on the thread pool.
  const stamped = sources.map((source) => {
    const info = lstatSync(path.join(root, source), { throwIfNoEntry: false });
    return { source, size: info?.size ?? -1, mtimeMs: info?.mtimeMs ?? -1, ctimeMs: info?.ctimeMs ?? -1, ino: info?.ino ?? -1 };
  });
  return {
    root,
    stories: stamped.filter((file) => isStorySource(file.source)),
    assets: stamped.filter((file) => !isStorySource(file.source)).map((file) => ({ source: file.source, absolutePath: path.join(root, file.source), stamp: stampText(file) })),
    messages: messages.sort((a, b) => ((a.file ?? '') < (b.file ?? '') ? -1 : 1)),
  };
}

/** What a file is, as a folder entry or `lstat` tells. */
type FileKind = Pick<Dirent, 'isFile' | 'isDirectory' | 'isSymbolicLink' | 'isFIFO' | 'isSocket'>;

/**
 * The `skipped-file` warning for `file` (shown as `displayPath`) as it is now, looked at without
 * being opened; undefined when it is read as a story or as an asset, or is missing.
 */
export async function skippedFileAt(file: string, displayPath: string): Promise<VFileMessage | undefined> {
  const info = await lstat(file).catch(() => undefined);
  return info && skippedFile(path.basename(file), info, displayPath);
}

/**
 * A warning for a file named like a story that is not read as one: a named pipe, device or
 * socket (reading one could block or never end), or a regular file whose `.md` is not in lower case.
 */
function skippedFile(name: string, entry: FileKind, displayPath: string): VFileMessage | undefined {
  if (!mdName.test(name) || entry.isDirectory() || entry.isSymbolicLink()) return undefined;
  const start = { line: 1, column: 1 };
  if (entry.isFile()) {
    if (isStorySource(name)) return undefined;
    const renamed = `${name.slice(0, -3)}.md`;
    return problem('skipped-file', `Not a story: only names ending in ".md", in lower case, are stories; expected "${renamed}" (rename the file)`, displayPath, start);
  }
  const kind = entry.isFIFO() ? 'a named pipe' : entry.isSocket() ? 'a socket' : 'a device';
  return problem('skipped-file', `Not a story: ${kind} is not a file to read; expected a regular file`, displayPath, start);
}

/** Read the given scanned story files; a file that cannot be read or decoded gives a message instead. */
async function readStories(scan: ScannedFolder, stories: readonly ScannedStory[], cwd: string = process.cwd()): Promise<LoadedStories> {
  const files: StoryFile[] = [];
  const messages: VFileMessage[] = [];
  const loaded = await mapBounded(stories, openFilesAtOnce, (story) => loadStoryFile(scan.root, story.source, cwd));
  for (const result of loaded) {
    if ('message' in result) messages.push(result.message);
    else files.push(result);
  }
  return { stories: files, assets: scan.assets, messages, skipped: scan.messages };
}

/**
 * Read every `*.md` below `storiesDir` (sorted by path), and list the other files as assets.
 * Symbolic links and dot-files are skipped, so nothing outside the folder is ever read; files
 * named like stories that are not read as such are warned of (`skipped`).
 */
export async function loadStories(storiesDir: string, cwd: string = process.cwd()): Promise<LoadedStories> {
  const scan = await scanStories(storiesDir, cwd);
  return readStories(scan, scan.stories, cwd);
}

/** True for a path (relative to `stories/`) that names a story file rather than an asset. */
export function isStorySource(source: string): boolean {
  return source.endsWith('.md');
}

/** True for a path with a dot-file or dot-folder in it (`.git/…`, `.draft.md`): never loaded. */
export function isHidden(source: string): boolean {
  // A part starts with a dot where the path does or a slash is followed by one: no parts made.
  return source.startsWith('.') || source.includes('/.');
}

/** Read one story file (`source` relative to `root`); a file that cannot be read or decoded gives a message instead. */
export async function loadStoryFile(root: string | PinnedFolder, source: string, cwd: string = process.cwd()): Promise<StoryFile | { readonly message: VFileMessage }> {
  const absolutePath = path.join(typeof root === 'string' ? root : root.given, source);
  try {
    // No symbolic link (which could lead outside the folder) is followed, in the name or in a folder on its way.
    const { handle } = await openInside(root, source);
    const bytes = await handle.readFile().finally(() => handle.close());
    return storyFileOf(source, displayPathOf(absolutePath, cwd), bytes);
  } catch (error) {
    return { message: unreadableStory(error, displayPathOf(absolutePath, cwd)) };
  }
}

/** `loadStoryFile` without waiting: for a thread that reads the stories it then models. */
export function loadStoryFileSync(root: string | PinnedFolder, source: string, cwd: string = process.cwd()): StoryFile | { readonly message: VFileMessage } {
  const absolutePath = path.join(typeof root === 'string' ? root : root.given, source);
  try {
    const fd = openInsideSync(root, source);
    let bytes: Buffer;
    try {
      bytes = readFileSync(fd);
    } finally {
      closeSync(fd);
    }
    return storyFileOf(source, displayPathOf(absolutePath, cwd), bytes);
  } catch (error) {
    return { message: unreadableStory(error, displayPathOf(absolutePath, cwd)) };
  }
}

/** The path messages name a file by: relative to `cwd`, with `/` separators. */
export function displayPathOf(absolutePath: string, cwd: string): string {
  return path.relative(cwd, absolutePath).split(path.sep).join('/');
}

/** A story file of the bytes read: its digest and its text (throws a TypeError when they are not UTF-8). */
function storyFileOf(source: string, displayPath: string, bytes: Uint8Array): StoryFile {
  const digest = createHash('sha256').update(bytes).digest('hex');
  return { source, displayPath, text: utf8.decode(bytes), digest };
}

/** Why a story file could not be read, as a positioned message. */
function unreadableStory(error: unknown, displayPath: string): VFileMessage {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    error instanceof TypeError
      ? 'it is not valid UTF-8'
      : code === 'ELOOP'
        ? 'it is a symbolic link or lies in a folder that is one, which wiredesk never follows (it could lead outside the stories folder)'
        : String((error as Error).message);
  return problem('unreadable-file', `Cannot read the story: ${why}, expected a UTF-8 text file`, displayPath, { line: 1, column: 1 });
}
