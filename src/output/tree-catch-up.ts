import { spawn } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { acquireLock, handOverLock, lockHolder } from './output-lock.js';
import { insideFolder, liveTreeName, moveToTrash, otherTree, readState, recordState, removeFromTree, statePath, treesFolder } from './output-trees.js';

// After a build that changed most of the site (the first build, a template or version change),
// the tree it left behind differs from the live one in nearly every file, and the next build
// would spend a second hard-linking thousands of unchanged files into it before writing the few
// that changed. A detached process does that linking at once, in the background, as `git gc
// --auto` does its work: the build has returned, and the next one finds the tree up to date.

const entryUrl = new URL('./tree-catch-up-process.js', import.meta.url);

/**
 * Whether a build that left the other tree `behind` files behind the live one should start a
 * catch-up: from `from` files to link or remove (`Tuning.catchUpFrom`).
 */
export function needsCatchUp(behind: number, from: number): boolean {
  return behind >= from;
}

/**
 * Start a detached process that brings the tree of `out` that is not live up to date with the
 * live one (see `catchUpTree`); false when there is no compiled entry (tests run the sources).
 */
export function startTreeCatchUp(out: string): boolean {
  const entry = fileURLToPath(entryUrl);
  if (!existsSync(entry)) return false;
  const child = spawn(process.execPath, [entry, path.resolve(out)], { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined);
  child.unref();
  // The lock is the catch-up's from now on, before it even runs: a build started right after this
  // one waits for it instead of taking the lock first and doing the linking itself. Should the
  // lock be taken already, the catch-up finds it so and gives up.
  if (child.pid !== undefined) handOverLock(path.join(treesFolder(out), 'lock'), child.pid);
  return true;
}

/** Resolve once no catch-up holds the lock of `out`'s trees (one running in the background has finished). */
export async function catchUpFinished(out: string): Promise<void> {
  const lock = path.join(treesFolder(out), 'lock');
  while (lockHolder(lock)?.as === 'catch-up') await new Promise((resolve) => setTimeout(resolve, 20));
}

/** What a catch-up did: linked and removed files, or why it did nothing. */
export type CatchUpResult = { readonly linked: number; readonly removed: number } | { readonly skipped: 'locked' | 'no live tree' };

/**
 * Make the tree of `out` that is not live hold the live tree's files, as hard links (the same
 * inodes: a build never changes a file in place, it writes a new one), then record its contents
 * so the next build can trust it. Holds the trees' lock meanwhile, marked as a catch-up: a build
 * that starts waits for it instead of failing. Gives up when anyone else holds the lock. If it
 * is killed, the tree is left without a record, and the next build empties it as it always does.
 */
export async function catchUpTree(out: string): Promise<CatchUpResult> {
  const folder = treesFolder(out);
  if (!existsSync(folder)) return { skipped: 'no live tree' };
  let release: () => void;
  try {
    release = await acquireLock(path.join(folder, 'lock'), 'catch-up');
  } catch {
    return { skipped: 'locked' };
  }
  try {
    const liveName = liveTreeName(out, folder);
    const liveFiles = liveName ? readState(folder, liveName) : undefined;
    if (!liveName || !liveFiles) return { skipped: 'no live tree' };
    const liveDir = path.join(folder, liveName);
    const name = otherTree(liveName);
    const dir = path.join(folder, name);
    const held = readState(folder, name);
    rmSync(statePath(folder, name), { force: true });
    if (!held && existsSync(dir)) await moveToTrash(dir, folder);
    await mkdir(dir, { recursive: true });
    const made = new Set<string>([dir]);
    let linked = 0;
    // Synchronous on purpose: thousands of tiny calls cost far less in one loop than queued on the thread pool.
    for (const [relative, digest] of liveFiles) {
      if (held?.get(relative) === digest) continue;
      const file = insideFolder(dir, relative);
      makeFolder(path.dirname(file), dir, made);
      rmSync(file, { force: true });
      linkSync(insideFolder(liveDir, relative), file);
      linked++;
    }
    let removed = 0;
    for (const relative of held?.keys() ?? []) {
      if (liveFiles.has(relative)) continue;
      await removeFromTree(dir, insideFolder(dir, relative));
      removed++;
    }
    await recordState(folder, name, liveFiles);
    return { linked, removed };
  } finally {
    release();
  }
}

/**
 * Make `folder` and the folders above it up to `tree`, which must still exist: should the trees be
 * deleted meanwhile (by hand, or a test's clean-up), the catch-up fails at once instead of
 * making them again.
 */
function makeFolder(folder: string, tree: string, made: Set<string>): void {
  if (made.has(folder)) return;
  try {
    mkdirSync(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && folder !== tree && folder.startsWith(tree + path.sep)) {
      makeFolder(path.dirname(folder), tree, made);
      mkdirSync(folder);
    } else if (code !== 'EEXIST') throw error;
  }
  made.add(folder);
}
