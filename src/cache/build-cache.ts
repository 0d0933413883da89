import path from 'node:path';
import { readFramed, writeFramed } from './framed-file.js';
import type { PlainMessage, PlainModelResult } from './serialize.js';

/** What one story contributed last time: its file's digest and its model result. */
export interface CachedStory {
  readonly digest: string;
  readonly result: PlainModelResult;
}

/** What the index knows of a story file without reading it: its size and time when its digest was taken. */
export interface StoryStamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly digest: string;
}

/** What one output file was last time: the fingerprint of everything it read, and the digest of its bytes. */
export interface CachedPage {
  readonly reads: string;
  readonly bytes: string;
}

/**
 * The small part of the cache, read on every build: enough to tell that nothing changed without
 * reading a story, and to print the same report as last time.
 */
export interface CacheIndex {
  readonly code: string;
  readonly config: string;
  /** The output folder these pages were written to. */
  readonly out: string;
  /** When the index was written (epoch ms): a file modified this close to it is read again. */
  readonly writtenAt: number;
  readonly stamps: ReadonlyMap<string, StoryStamp>;
  /** By output file path (relative to the output folder). */
  readonly pages: ReadonlyMap<string, CachedPage>;
  /** The copied story-folder files (lead images) by published path, with their size and modification time. */
  readonly assets: ReadonlyMap<string, string>;
  /** The last build's messages (warnings only: it succeeded) and counts, to report them again. */
  readonly messages: readonly PlainMessage[];
  readonly counts: { readonly stories: number; readonly pages: number; readonly feeds: number };
  /** The checksum of the stories file written with this index. */
  readonly storiesChecksum: string;
}

/** Everything a build keeps for the next one, valid only for the same code and settings. */
export interface BuildCache extends Omit<CacheIndex, 'storiesChecksum'> {
  readonly stories: ReadonlyMap<string, CachedStory>;
}

const indexKind = 'wiredesk-cache-index-3';
const storiesKind = 'wiredesk-cache-stories-3';

/** The cache folder of a project. */
export function cacheDir(cwd: string): string {
  return path.join(cwd, '.wiredesk-cache');
}

/** Read the cache index; undefined when missing, corrupt, or written by other code or for other settings. */
export async function readCacheIndex(dir: string, code: string, config: string): Promise<CacheIndex | undefined> {
  const framed = await readFramed(path.join(dir, 'index.bin'), indexKind);
  const index = framed?.value as CacheIndex | undefined;
  if (!index || index.code !== code || index.config !== config || !(index.stamps instanceof Map) || !(index.pages instanceof Map)) return undefined;
  return index;
}

/** Read the stories written with `index`; undefined when missing, corrupt or from another build. */
export async function readCachedStories(dir: string, index: CacheIndex): Promise<ReadonlyMap<string, CachedStory> | undefined> {
  const framed = await readFramed(path.join(dir, 'stories.bin'), storiesKind);
  if (!framed || framed.checksum !== index.storiesChecksum || !(framed.value instanceof Map)) return undefined;
  return framed.value as ReadonlyMap<string, CachedStory>;
}

/** Write the cache: the stories first, then the index that vouches for them. */
export async function writeBuildCache(dir: string, cache: BuildCache): Promise<void> {
  const { stories, ...index } = cache;
  const storiesChecksum = await writeFramed(path.join(dir, 'stories.bin'), storiesKind, stories);
  await writeFramed(path.join(dir, 'index.bin'), indexKind, { ...index, storiesChecksum } satisfies CacheIndex);
}
