import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../report/logger.js';

// What a build says when the disk fails it: before the site is published, one line naming the
// output folder (its last good output is untouched, or in part when it failed while the new files
// went into place); after, a warning, since what failed (the
// cache, the manifest) is not the site and must not fail a build that published it.

/** Error codes of a disk that is full (or a quota reached). */
const diskFull: ReadonlySet<string> = new Set(['ENOSPC', 'EDQUOT']);

/**
 * The one line that reports a failure of the file system while writing the output folder
 * `shownOut` (a full disk, a file in the way, no permission); undefined for any other error.
 * `partly`: it came while a plain folder's new files went into place, so the folder may hold part
 * of the new site (its journal has the next build complete it); otherwise the output is the last
 * good one, untouched.
 */
export function writeFailure(error: unknown, shownOut: string, partly = false): string | undefined {
  const code = errorCode(error);
  if (code === undefined) return undefined;
  const folder = JSON.stringify(shownOut);
  if (partly) {
    const why = diskFull.has(code) ? `the disk is full, ${code}` : oneLine(error);
    return `Could not finish writing the output folder ${folder} (${why}); it may hold part of the new site: ${diskFull.has(code) ? 'free some space and ' : ''}build again to complete it`;
  }
  if (diskFull.has(code)) return `The disk is full: could not write the output folder ${folder} (${code}); the last good output is unchanged, free some space and build again`;
  return `Could not write the output folder ${folder} (${oneLine(error)}); the last good output is unchanged`;
}

/**
 * Run `write` (keeping the cache and the manifest in `dir`, once the site is published); should
 * it fail, say so in one line and remove the cache index and the manifest, so that the next build
 * neither trusts a cache half written nor reads the manifest of an older build.
 */
export async function keepCache(dir: string, logger: Logger, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    const reason = diskFull.has(errorCode(error) ?? '') ? `the disk is full, ${errorCode(error)}` : oneLine(error);
    logger.error(`Could not keep the cache in "${path.basename(dir)}" (${reason}); the site was published, the next build starts without a cache`);
    for (const name of ['index.bin', 'manifest.json']) await rm(path.join(dir, name), { force: true }).catch(() => undefined);
  }
}

/** The `code` of a file-system error (`ENOSPC`, `EISDIR`…), undefined for other errors. */
function errorCode(error: unknown): string | undefined {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
