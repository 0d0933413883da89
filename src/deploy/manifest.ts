import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { writeCacheFile } from '../store/cache-file.js';
import type { SettledFiles } from '../output/settled-files.js';
import type { BuildWork } from '../build/work.js';

/**
 * What a build did to the output folder: the files (paths relative to it, `/`-separated, sorted)
 * it added, changed and removed, and how many it left as they were. Written as
 * `.wiredesk-cache/manifest.json` and handed to the `deploy` command.
 */
export interface BuildManifest {
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
  readonly unchanged: number;
  /** What the build did to publish the site (see `BuildWork`); in a combined manifest, the later build's. */
  readonly work?: BuildWork;
}

/** The manifest of a build that did `work` and wrote `written`, plus `alsoUnchanged` files it did not even look at. */
export function manifestOf(written: { readonly files: Pick<SettledFiles, 'size' | 'changed'>; readonly removed: readonly string[] }, work: BuildWork, alsoUnchanged = 0): BuildManifest {
  // Only the files added or changed are listed: a publish changes a few dozen of 25,000, whose names alone are sorted.
  const added: string[] = [];
  const changed: string[] = [];
  written.files.changed.forEach((outcome, name) => (outcome === 'added' ? added : changed).push(name));
  const unchanged = alsoUnchanged + written.files.size - added.length - changed.length;
  return { added: added.sort(), changed: changed.sort(), removed: [...written.removed].sort(), unchanged, work };
}

/** Whether a build with this manifest changed the output folder at all. */
export function changesOutput(manifest: BuildManifest): boolean {
  return manifest.added.length + manifest.changed.length + manifest.removed.length > 0;
}

/**
 * One manifest for two builds in a row, `earlier` then `later`, as if one build had done both:
 * a file is to be uploaded when either wrote it and the later one did not remove it, to be
 * removed when either removed it and the later one did not write it again.
 */
export function combinedManifest(earlier: BuildManifest, later: BuildManifest): BuildManifest {
  const changedEarlier = new Set(earlier.changed);
  const writtenLater = new Set([...later.added, ...later.changed]);
  const removedLater = new Set(later.removed);
  const added = new Set([...earlier.added, ...later.added].filter((file) => !removedLater.has(file) && !changedEarlier.has(file)));
  const changed = new Set([...earlier.changed, ...later.changed, ...later.added].filter((file) => !removedLater.has(file) && !added.has(file)));
  const removed = new Set([...earlier.removed, ...later.removed].filter((file) => !writtenLater.has(file)));
  return { added: [...added].sort(), changed: [...changed].sort(), removed: [...removed].sort(), unchanged: later.unchanged, ...(later.work ? { work: later.work } : {}) };
}

/** The manifest as its file holds it: JSON, one entry a line. */
export function manifestText(manifest: BuildManifest): string {
  return `${JSON.stringify(manifest, null, 1)}\n`;
}

/** Keep `manifest` as `manifest.json` in the cache folder `dir`, written atomically (see `writeCacheFile`). */
export async function writeManifest(dir: string, manifest: BuildManifest): Promise<void> {
  await mkdir(dir, { recursive: true });
  writeCacheFile(path.join(dir, 'manifest.json'), [Buffer.from(manifestText(manifest))]);
}
