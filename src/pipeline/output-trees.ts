import { spawn } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir, symlink, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { acquireLock, isAlive } from './output-lock.js';

// The output folder is a symbolic link to one of two trees beside it (`.dist.trees/a` and `/b`).
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

/** The folder beside `out` that holds its trees. */
export function treesFolder(out: string): string {
  return path.join(path.dirname(out), `.${path.basename(out)}.trees`);
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
  await mkdir(folder, { recursive: true });
  const release = await acquireLock(path.join(folder, 'lock'), 'build', onWait);
  try {
    await recoverInterruptedMove(out);
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
 * Make `out` a link to `target` (relative to out's folder): one atomic rename over a link. A real
 * folder in the way (the output of an older wiredesk, or one made by hand) is moved aside first
 * and removed once the link is in place; a build killed between the two moves is repaired by the next.
 */
async function pointAt(out: string, target: string, folder: string): Promise<void> {
  const link = `${out}.link-${process.pid}`;
  await rm(link, { force: true });
  await symlink(target, link, 'dir');
  const existing = lstatOrUndefined(out);
  if (existing?.isDirectory()) {
    const aside = movedAsidePath(out);
    await rm(aside, { recursive: true, force: true });
    await rename(out, aside);
    await rename(link, out);
    await moveToTrash(aside, folder);
    return;
  }
  await rename(link, out);
}

function movedAsidePath(out: string): string {
  return path.join(path.dirname(out), `.${path.basename(out)}.previous`);
}

/** A build killed between moving a real output folder aside and linking the new tree: put the folder back. */
async function recoverInterruptedMove(out: string): Promise<void> {
  const aside = movedAsidePath(out);
  if (!lstatOrUndefined(out) && existsSync(aside)) await rename(aside, out);
  const parent = path.dirname(out);
  if (!existsSync(parent)) return;
  // Leftovers of killed builds: links not yet renamed, and the staging folders of older versions.
  const prefixes = [`${path.basename(out)}.link-`, `.${path.basename(out)}.staging-`];
  for (const entry of await readdir(parent)) {
    const prefix = prefixes.find((candidate) => entry.startsWith(candidate));
    const pid = Number(prefix === undefined ? NaN : entry.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && !isAlive(pid)) await rm(path.join(parent, entry), { recursive: true, force: true });
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
