import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { readCacheFile, writeCacheFile } from './cache-file.js';

// The cache of the site card (`.wiredesk-cache/site-card/<key>.png`): the one card the last build
// made, by the key of what it shows, so a build with the same title, description, logo and code
// takes it as it is rather than drawing it again.

/** A card larger than this is not one a build made: drawn again. */
const cardLimit = 4 * 1024 * 1024;

/** The folder of the site card in a cache folder. */
export function siteCardDir(cacheDir: string): string {
  return path.join(cacheDir, 'site-card');
}

/** The card kept for `key`, or undefined when there is none (or it is not a file the cache wrote). */
export function storedSiteCard(cacheDir: string, key: string): Buffer | undefined {
  return readCacheFile(path.join(siteCardDir(cacheDir), `${key}.png`), cardLimit);
}

/** Keep the card of `key`, atomically, and forget the cards of other keys. */
export function keepSiteCard(cacheDir: string, key: string, bytes: Uint8Array): void {
  const folder = siteCardDir(cacheDir);
  mkdirSync(folder, { recursive: true });
  writeCacheFile(path.join(folder, `${key}.png`), [bytes]);
  for (const name of readdirSync(folder)) if (name !== `${key}.png`) rmSync(path.join(folder, name), { recursive: true, force: true });
}
