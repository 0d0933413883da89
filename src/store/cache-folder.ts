import { lstatSync, mkdirSync, type Stats } from 'node:fs';
import path from 'node:path';

/** The cache folder, ready for a build to read and write, or why the build goes without a cache. */
export type CacheFolder = { readonly usable: true; readonly dir: string } | { readonly usable: false; readonly warning: string };

/**
 * The cache folder `dir`, made when missing, usable only when it is a folder of its own: a
 * symbolic link of its name (a commit can carry one, though the folder is git-ignored) could lead
 * anywhere, and is never followed; a file, a pipe or a device of its name is not a folder. Either
 * way nothing is read or written there, and the warning says why and what to do.
 */
export function openCacheFolder(dir: string): CacheFolder {
  try {
    mkdirSync(dir);
  } catch {
    // Already there (looked at next), or not to be made (then the build goes without a cache).
  }
  const info = lstatOrNothing(dir);
  if (info?.isDirectory()) return { usable: true, dir };
  const name = JSON.stringify(path.basename(dir));
  if (!info) return { usable: false, warning: `The cache folder ${name} could not be made: this build runs without a cache; check that wiredesk may write in ${JSON.stringify(path.dirname(dir))}` };
  const what = info.isSymbolicLink() ? "a symbolic link, which wiredesk never follows (it could lead outside the site's folder)" : `${kindOf(info)}, not a folder`;
  return { usable: false, warning: `The cache folder ${name} is ${what}: this build runs without a cache; remove it (rm ${name}) to keep a cache again` };
}

function lstatOrNothing(file: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}

/** What a thing that is neither a folder nor a link is, in a few words. */
function kindOf(info: Stats): string {
  if (info.isFile()) return 'a file';
  if (info.isFIFO()) return 'a named pipe';
  if (info.isSocket()) return 'a socket';
  return 'a device';
}
