import { sameStamp } from '../io/file-stamp.js';
import type { ScannedFolder, ScannedStory } from '../io/load.js';
import { currentOutputStamp, type OutputLayout } from '../output/output-layout.js';
import type { VFileMessage } from 'vfile-message';
import type { OwnFiles } from '../io/own-files.js';
import type { CacheIndex, CachedStory } from './build-cache.js';
import type { PlainMessage } from './serialize.js';
import type { LocalPicture } from '../model/picture.js';
import { stillValid } from './story-cache.js';

/** A file modified this close before the index was written may have changed within the same tick: read it again. */
const racyMs = 2_000;

/** The digest of a story known from the index without reading it, or undefined when it must be read. */
export function knownDigest(index: CacheIndex | undefined, story: ScannedStory): string | undefined {
  const stamp = index?.stamps.get(story.source);
  // As git's index: the stamp compares every field, the racy check only the modification time.
  if (!index || !stamp || !sameStamp(stamp, story) || story.mtimeMs >= index.writtenAt - racyMs) return undefined;
  return stamp.digest;
}

/** The digest of a story whose cached result can be used as it is, or undefined when it must be read (and maybe modelled). */
export function reusableDigest(
  index: CacheIndex | undefined,
  stories: ReadonlyMap<string, CachedStory> | undefined,
  story: ScannedStory,
  assets: ReadonlySet<string>,
  pictures?: ReadonlyMap<string, LocalPicture>,
): string | undefined {
  const digest = knownDigest(index, story);
  const cached = stories?.get(story.source);
  return digest !== undefined && cached?.digest === digest && stillValid(cached, assets, pictures) ? digest : undefined;
}

/**
 * True when the last build's output (in `layout`) is still exactly right: same code and settings (the index
 * was read for them), the same story files with the same stamps (see `FileStamp`) and the same
 * files skipped, the copied pictures unchanged, the same pages and static files, and the output still the one that build published
 * (not one a later build, killed before it wrote its index, published since; a plain folder: holding
 * exactly what that build recorded, so a file changed or added by hand is written again or removed).
 */
export function isUpToDate(index: CacheIndex, scan: ScannedFolder, out: string, layout: OutputLayout, own: Pick<OwnFiles, 'stamp' | 'newestMtimeMs'>): boolean {
  if (index.out !== out || index.published === undefined || scan.stories.length !== index.stamps.size) return false;
  // The pages and static files: the same files with the same stamps, none modified too close to the index to tell.
  if (index.own.stamp !== own.stamp || own.newestMtimeMs >= index.writtenAt - racyMs) return false;
  if (!scan.stories.every((story) => knownDigest(index, story) !== undefined)) return false;
  // The last build's warnings are printed again: of files skipped, only the same ones will do.
  if (skippedFiles(scan.messages) !== skippedFiles(index.messages)) return false;
  const assetStamps = new Map(scan.assets.map((asset) => [`media/${asset.source}`, asset.stamp]));
  if (![...index.assets].every(([published, stamp]) => assetStamps.get(published) === stamp)) return false;
  // Last, as it looks at every file of the output: a build with a story to publish never needs to.
  return currentOutputStamp(out, layout) === index.published;
}

/** The files that `skipped-file` warnings name, with why, as one string to compare. */
function skippedFiles(messages: readonly Pick<PlainMessage, 'reason' | 'ruleId' | 'file'>[] | readonly VFileMessage[]): string {
  return JSON.stringify(messages.flatMap((message) => (message.ruleId === 'skipped-file' ? [[message.file, message.reason]] : [])));
}
