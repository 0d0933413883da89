import { spawn } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir, symlink, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { acquireLock, isAlive } from './output-lock.js';

// The swap layout (`output.swap: true`; the default is a plain folder, see `output-folder.ts`):
// the output folder is a symbolic link to one of two trees beside it (`.dist.trees/a` and `/b`).
// A build brings the tree that is not live up to date, touching only the files that differ from
// what that tree holds, then points the link at it with one atomic rename: the live site is never
// written to, so a build that fails or is killed leaves it exactly as it was, and a one-story
// edit costs a few files instead of a copy of the whole site.

/** Digest of each file a tree holds, by path relative to the tree. */
export type TreeFiles = ReadonlyMap<string, string>;

/** One of the two output trees: its folder and, when known, the digest of every file in it. */
export interface OutputTree {
  readonly dir: string;
  readonly files: TreeFiles;
}

/** The trees a build works with: the live one (what the output link shows now) and the one to write. */
export interface OutputTrees {
  /** The output folder as the user named it. */
  readonly out: string;
  /** The tree the output shows now, with its files when they are known; absent on a first build. */
  readonly live?: OutputTree;
  /** The tree to bring up to date; `files` is what it holds now (empty when it was emptied). */
  readonly next: OutputTree;
  /** Point the output at `next`, recording `files` as its contents. */
  readonly publish: (files: TreeFiles) => Promise<void>;
  /** Give up: release the lock, leave the live tree as it is. */
  readonly abandon: () => void;
}

const treeNames = ['a', 'b'] as const;
const stateVersion = 1;
const markerName = 'wiredesk-trees.json';

/** The folder beside `out` that holds its trees. */
export function treesFolder(out: string): string {
  return path.join(path.dirname(out), `.${path.basename(out)}.trees`);
}

/** The file that says wiredesk made a trees folder: whatever is in that folder is then wiredesk's to replace or remove. */
export function markerPath(folder: string): string {
  return path.join(folder, markerName);
}

/** Mark `folder` (the trees folder of `out`) as wiredesk's, unless it is already. */
async function markTreesFolder(folder: string, out: string): Promise<void> {
  if (existsSync(markerPath(folder))) return;
  await writeFile(markerPath(folder), `${JSON.stringify({ madeBy: 'wiredesk', trees: path.basename(out) })}\n`);
}

/**
 * Whether the trees folder `folder` is wiredesk's to write in: missing or empty (a first build
 * makes it), marked, or holding the record of a complete tree (made before folders were marked).
 */
export function ownsTreesFolder(folder: string): boolean {
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
  if (entries.length === 0 || entries.includes(markerName)) return true;
  return treeNames.some((name) => readState(folder, name) !== undefined);
}

/** Whether `name` is the name of one of the two trees. */
export function isTreeName(name: string): name is TreeName {
  return treeNames.some((tree) => tree === name);
}

/**
 * Take the lock on `out`'s trees and prepare the tree that is not live. Throws when another
 * build holds the lock; waits while a tree catch-up does (telling `onWait` its pid). A tree whose contents are not known (a build was killed while writing
 * it) is emptied first, out of the way, so nothing stale can survive into the next site. With
 * `trust: false` no record is believed: the tree is emptied and nothing is shared with the live
 * one (for a build that must rewrite every file, after hand edits in the output say).
 */
export async function openTrees(out: string, trust = true, onWait?: (pid: number) => void): Promise<OutputTrees> {
  const folder = treesFolder(out);
  if (!ownsTreesFolder(folder)) throw new Error(`Refusing to write ${out}: ${folder} is there and was not made by wiredesk`);
  const existing = lstatOrUndefined(out);
  if (existing && !existing.isDirectory() && !existing.isSymbolicLink()) throw new Error(`Refusing to write ${out}: it is a file, not a folder`);
  await mkdir(folder, { recursive: true });
  await markTreesFolder(folder, out);
  const release = await acquireLock(path.join(folder, 'lock'), 'build', onWait);
  try {
    await recoverInterruptedMove(out, folder);
    const liveName = liveTreeName(out, folder);
    const nextName = otherTree(liveName);
    const nextDir = path.join(folder, nextName);
    let nextFiles = trust ? readState(folder, nextName) : undefined;
    // From here on the tree is being changed: its recorded contents stop being true.
    rmSync(statePath(folder, nextName), { force: true });
    if (!nextFiles) {
      if (existsSync(nextDir)) await moveToTrash(nextDir, folder);
      nextFiles = new Map();
    }
    await mkdir(nextDir, { recursive: true });
    const liveFiles = liveName && trust ? readState(folder, liveName) : undefined;
    const live = liveName ? { dir: path.join(folder, liveName), files: liveFiles ?? new Map<string, string>() } : undefined;
    return {
      out,
      ...(live && liveFiles ? { live } : {}),
      next: { dir: nextDir, files: nextFiles },
      publish: async (files) => {
        try {
          await recordState(folder, nextName, files);
          await pointAt(out, path.relative(path.dirname(out), nextDir), folder);
        } finally {
          release();
        }
      },
      abandon: release,
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * What tells one publication of `out` from any other: the identity and time of the link a build
 * made (every build makes a new one); undefined when `out` is not a link. A build records it, so
 * that the next can tell the output is still what it published, not what a later, killed build did.
 */
export function outputStamp(out: string): string | undefined {
  try {
    const link = lstatSync(out, { bigint: true });
    return link.isSymbolicLink() ? `${link.ino}:${link.mtimeNs}` : undefined;
  } catch {
    return undefined;
  }
}

/** The names of the two trees. */
export type TreeName = (typeof treeNames)[number];

/** The tree that is not `live` (`a` when no tree is live). */
export function otherTree(live: TreeName | undefined): TreeName {
  return live === 'a' ? 'b' : 'a';
}

/** The name of the tree `out` links to, or undefined when it is missing, a real folder or links elsewhere. */
export function liveTreeName(out: string, folder: string): TreeName | undefined {
  let target: string;
  try {
    target = path.resolve(path.dirname(out), readlinkSync(out));
  } catch {
    return undefined;
  }
  return treeNames.find((name) => path.join(folder, name) === target);
}

/** The file that records what a tree holds; absent while the tree is being changed. */
export function statePath(folder: string, name: string): string {
  return path.join(folder, `${name}.json`);
}

/** Record that tree `name` holds `files` (digests by relative path): call it once the tree is complete. */
export async function recordState(folder: string, name: TreeName, files: TreeFiles): Promise<void> {
  await writeFile(statePath(folder, name), JSON.stringify({ version: stateVersion, files: [...files] }));
}

/** What a tree holds, as recorded when it was last completed; undefined when unknown or unreadable. */
export function readState(folder: string, name: string): Map<string, string> | undefined {
  try {
    const state = JSON.parse(readFileSync(statePath(folder, name), 'utf8')) as { version?: unknown; files?: unknown };
    if (state.version !== stateVersion || !Array.isArray(state.files)) return undefined;
    const files = new Map<string, string>();
    for (const entry of state.files as unknown[]) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'string') return undefined;
      files.set(entry[0], entry[1]);
    }
    return files;
  } catch {
    return undefined;
  }
}

/**
 * Make `out` a link to `target` (relative to out's folder): one atomic rename over a link. The
 * new link is made in the trees folder, which is wiredesk's, and renamed into place. A real
 * folder in the way (an empty one, or one `--force` gave up) is moved into the trees folder
 * first and removed once the link is in place; a build killed between the two moves is repaired
 * by the next. Once the link is in place, nothing that fails may undo the publication.
 */
async function pointAt(out: string, target: string, folder: string): Promise<void> {
  const link = path.join(folder, `link-${process.pid}`);
  await rm(link, { force: true });
  await symlink(target, link, 'dir');
  const existing = lstatOrUndefined(out);
  if (existing?.isDirectory()) {
    const aside = movedAsidePath(folder);
    if (lstatOrUndefined(aside)) await moveToTrash(aside, folder);
    await rename(out, aside);
    try {
      await rename(link, out);
    } catch (error) {
      await rename(aside, out).catch(() => undefined);
      throw error;
    }
    await moveToTrash(aside, folder).catch(() => undefined);
    return;
  }
  await rename(link, out);
}

/** Where a real output folder waits while the link takes its place. */
function movedAsidePath(folder: string): string {
  return path.join(folder, 'previous');
}

/**
 * A build killed between moving a real output folder aside and linking the new tree: put the
 * folder back. Then remove what killed builds left in the trees folder (links not yet renamed,
 * a folder moved aside once the link took its place), and links of older versions beside `out`
 * that point into it: nothing else beside the output is wiredesk's to remove.
 */
async function recoverInterruptedMove(out: string, folder: string): Promise<void> {
  const aside = movedAsidePath(folder);
  if (lstatOrUndefined(aside)) {
    if (!lstatOrUndefined(out)) await rename(aside, out);
    else await moveToTrash(aside, folder);
  }
  for (const entry of await readdir(folder)) {
    const pid = Number(entry.startsWith('link-') ? entry.slice('link-'.length) : NaN);
    if (Number.isInteger(pid) && !isAlive(pid)) await rm(path.join(folder, entry), { force: true });
  }
  const parent = path.dirname(out);
  const prefix = `${path.basename(out)}.link-`;
  for (const entry of await readdir(parent)) {
    const pid = Number(entry.startsWith(prefix) ? entry.slice(prefix.length).split('-')[0] : NaN);
    const leftover = path.join(parent, entry);
    if (Number.isInteger(pid) && !isAlive(pid) && pointsInto(leftover, folder)) await unlink(leftover);
  }
}

/** Whether `file` is a symbolic link to one of the trees in `folder`. */
function pointsInto(file: string, folder: string): boolean {
  try {
    const target = path.resolve(path.dirname(file), readlinkSync(file));
    return path.dirname(target) === folder && isTreeName(path.basename(target));
  } catch {
    return false;
  }
}

/** Move a folder into the trash beside the trees and delete it there in the background (thousands of files take seconds). */
export async function moveToTrash(dir: string, folder: string): Promise<void> {
  const trash = path.join(folder, 'trash');
  await mkdir(trash, { recursive: true });
  const moved = path.join(trash, `${process.pid}-${Date.now()}-${path.basename(dir)}`);
  await rename(dir, moved);
  const remover = spawn('rm', ['-rf', moved], { detached: true, stdio: 'ignore' });
  remover.on('error', () => rmSync(moved, { recursive: true, force: true }));
  remover.unref();
}

function lstatOrUndefined(file: string) {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}

/** Remove a file of the tree being written, and the folders it leaves empty (up to the tree). */
export async function removeFromTree(tree: string, file: string): Promise<void> {
  await unlink(file).catch(() => undefined);
  for (let dir = path.dirname(file); dir.startsWith(tree + path.sep); dir = path.dirname(dir)) {
    try {
      await rmdir(dir);
    } catch {
      return;
    }
  }
}

/** Resolve a site-relative file path inside `folder`, refusing any path that would leave it. */
export function insideFolder(folder: string, relative: string): string {
  const file = path.resolve(folder, relative);
  if (!file.startsWith(folder + path.sep)) throw new Error(`Refusing to write "${relative}": it is outside the output folder`);
  return file;
}
