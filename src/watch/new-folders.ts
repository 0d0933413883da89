import { readdir } from 'node:fs/promises';
import path from 'node:path';

// chokidar lists a folder that appears (a wire feed's new `stories/2026/12/`) before it watches it:
// a file written into it between the two is never reported (chokidar issues #1112, #1471). A new
// folder is therefore looked through again once its watch is surely set, and each file in it that
// the watcher does not know is reported as added. A file the watcher reported is known to it, so
// only what it missed is reported, and once.

/** The part of chokidar's watcher that the sweep uses. */
export interface FolderWatcher {
  on(event: 'addDir', listener: (folder: string) => void): unknown;
  /** The files and folders the watcher knows, by folder (as chokidar's `getWatched`). */
  getWatched(): Record<string, string[]>;
}

/** After a folder appears, when it is looked through (ms): soon, and again once its watch is set however loaded the machine. */
export const sweepDelaysMs: readonly number[] = [250, 2_000];

/**
 * Report (`added`) each file of a folder that appears under the watch which the watcher missed:
 * looked for `delaysMs` after the folder is reported, through its subfolders, less what `ignored`
 * says (of the file or a folder on its way, as the watcher's own option). Returns the function
 * that stops the sweeps still to come.
 */
export function sweepNewFolders(watcher: FolderWatcher, ignored: (file: string) => boolean, added: (file: string) => void, delaysMs: readonly number[] = sweepDelaysMs): () => void {
  const timers = new Set<NodeJS.Timeout>();
  // A file the watcher missed stays unknown to it until it changes again: reported once, not at every sweep.
  const reported = new Set<string>();
  let stopped = false;
  const sweep = async (folder: string): Promise<void> => {
    const files = await filesUnder(folder, ignored);
    if (stopped) return;
    const known = watcher.getWatched();
    for (const file of files) {
      if (reported.has(file) || known[path.dirname(file)]?.includes(path.basename(file))) continue;
      reported.add(file);
      added(file);
    }
  };
  watcher.on('addDir', (folder) => {
    if (stopped || ignored(folder)) return;
    for (const delay of delaysMs) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        void sweep(folder);
      }, delay);
      timer.unref();
      timers.add(timer);
    }
  });
  return () => {
    stopped = true;
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  };
}

/** The files under `folder` (absolute paths), through its subfolders, less the ignored; none when it is gone. */
async function filesUnder(folder: string, ignored: (file: string) => boolean): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !onIgnoredWay(folder, file, ignored));
}

/** Whether `file`, or a folder between `folder` and it, is ignored. */
function onIgnoredWay(folder: string, file: string, ignored: (file: string) => boolean): boolean {
  for (let at = file; at.length > folder.length && at !== path.dirname(at); at = path.dirname(at)) if (ignored(at)) return true;
  return false;
}
