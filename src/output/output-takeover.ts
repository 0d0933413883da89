import { existsSync, lstatSync } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { acquireLock } from './output-lock.js';
import { writeJournal, writeRecord } from './output-record.js';
import { liveTreeName, markerPath, moveToTrash, ownsTreesFolder, readState, treesFolder } from './output-trees.js';

// An output in the swap layout (`dist` a link into `.dist.trees/`, see `output-trees.ts`) becomes
// a plain folder when a build asks for one: the live tree is moved into the place of the link, its
// record becomes the output's, and the trees folder goes. Everything moved is wiredesk's (the trees
// folder is marked), and each step can be taken again: a build killed halfway is finished by the next.

/** Where the live tree waits between leaving the trees folder and taking the link's place. */
function movingPath(state: string): string {
  return path.join(state, 'taken-over');
}

/**
 * Turn the swap layout of `out`, if it has one, into a plain folder, recording the files the live
 * tree held (their bytes are read once more by the next scan: their stamps are not known). Call
 * with the lock of `state` (the output's state folder) held; the trees' lock is taken meanwhile
 * (waiting for a catch-up, whose pid `onWait` hears).
 */
export async function takeOverTrees(out: string, state: string, onWait?: (pid: number) => void): Promise<void> {
  await finishMove(out, state);
  const trees = treesFolder(out);
  if (!existsSync(trees) || !ownsTreesFolder(trees)) return;
  const release = await acquireLock(path.join(trees, 'lock'), 'build', onWait);
  try {
    const live = liveTreeName(out, trees);
    if (live) {
      const files = readState(trees, live);
      // Recorded before anything moves; without the tree's record, a journal makes every file the build's own, read again.
      await writeRecord(state, new Map([...(files ?? [])].map(([relative, digest]) => [relative, { digest }])));
      if (!files) await writeJournal(state, { names: new Set(), folders: [''] }, undefined);
      await rename(path.join(trees, live), movingPath(state));
      await finishMove(out, state);
    }
    // Only a marked trees folder (or one holding a tree's record) is ever removed.
    if (existsSync(markerPath(trees)) || live) await moveToTrash(trees, state);
  } finally {
    release();
  }
}

/** Put a live tree that a take-over moved out of the trees folder in the place of the output link. */
async function finishMove(out: string, state: string): Promise<void> {
  const moving = movingPath(state);
  if (!existsSync(moving)) return;
  const existing = lstatOrUndefined(out);
  if (existing?.isSymbolicLink()) await unlink(out);
  if (existing?.isDirectory()) await moveToTrash(moving, state);
  else await rename(moving, out);
}

function lstatOrUndefined(file: string) {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}
