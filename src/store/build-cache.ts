import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ReadFields } from '../incremental/read-fields.js';
import type { SiteFrame } from '../incremental/site-frame.js';
import type { Article, Term } from '../model/article.js';
import type { FileStamp } from '../io/file-stamp.js';
import type { Schedule } from '../model/site.js';
import { packFrame, unpackFrame, type PackedFrame } from './frame-encoding.js';
import { readFramed, writeFramed } from './framed-file.js';
import { packIndex, unpackIndex, type IndexToPack } from './index-encoding.js';
import { eagerPartOf, lazyStoredArticle, storedArticleOf, storedPlaceOf, wholeStoredArticle, type EagerArticle, type StoredEntries } from './lazy-article.js';
import { encodeShardHead, readShardHead, type HeadStory } from './shard-head.js';
import type { PlainMessage, PlainModelResult } from './serialize.js';
import { entryCheck, readSplitBody, readSplitEntry, readSplitHead, writeSplitFile } from './split-file.js';

/** What one story contributed last time: its file's digest, its model result, and its shape (`storyShape`) when it has an article. */
export interface CachedStory {
  readonly digest: string;
  readonly result: PlainModelResult;
  readonly shape?: string | undefined;
}

/** What the index knows of a story file without reading it: its stamp (see `FileStamp`) when its digest was taken. */
export interface StoryStamp extends FileStamp {
  readonly digest: string;
}

/** What one output file was last time: the fingerprint of everything it read, and the digest of its bytes. */
export interface CachedPage {
  readonly reads: string;
  readonly bytes: string;
  /** Whether its last render read how many stories its whole list has (see `noteListCountRead`): `reads` digests that count. */
  readonly listCount?: true;
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
  /** The output link as this build published it (see `outputStamp`): another means a later build published since. */
  readonly published?: string | undefined;
  /** When the index was written (epoch ms): a file modified this close to it is read again. */
  readonly writtenAt: number;
  readonly stamps: ReadonlyMap<string, StoryStamp>;
  /** By output file path (relative to the output folder). */
  readonly pages: ReadonlyMap<string, CachedPage>;
  /** The copied story-folder files (lead images) by published path, with their stamps (see `stampText`). */
  readonly assets: ReadonlyMap<string, string>;
  /** The site's own folders as this build read them (see `OwnFiles`): every file's stamp, and what the pages and stylesheet said. */
  readonly own: { readonly stamp: string; readonly print: string };
  /** The last build's messages (warnings only: it succeeded) and counts, to report them again. */
  readonly messages: readonly PlainMessage[];
  readonly counts: { readonly stories: number; readonly pages: number; readonly feeds: number };
  /** The embargoes around the instant the build was made for: its output is right only inside the window. */
  readonly schedule: Schedule;
  /** The checksum of each stories shard written with this index (shard `n` holds the stories `shardOf` puts there). */
  readonly shardChecksums: readonly string[];
  /** The checksum of the site frame that goes with this index (see `writeSiteFrame`); none when the build kept no frame. */
  readonly frameChecksum?: string | undefined;
  /** The fields of teasers and stamps that renders read, by group of pages (see `readRecorder`): `pages`' reads digest those. */
  readonly readFields: ReadFields;
}

/** Everything a build keeps for the next one, valid only for the same code and settings. */
export interface BuildCache extends Omit<IndexToPack, 'shardChecksums'> {
  readonly stories: ReadonlyMap<string, CachedStory>;
}

const indexKind = 'wiredesk-cache-index-12';
const frameKind = 'wiredesk-cache-frame-3';
const storiesKind = 'wiredesk-cache-stories-8';

/**
 * Stories are kept in this many files at least, so that an edit rewrites one small file, not all
 * of them; a larger archive in more (see `shardCountFor`), a power of two.
 */
const fewestShards = 32;

/** Stories a shard holds on average when the number of shards is chosen anew (see `shardCountFor`). */
const storiesPerShard = 400;

/**
 * How many shards to keep `stories` stories in, when the last cache kept them in `last`: about
 * `storiesPerShard` a shard, so a publish rewrites a file of 200 to 800 stories at any size (a
 * few megabytes, not 20 at 100,000 stories): more, smaller files would cost more to open on every
 * build than they save a publish in writing. The last count stands while it is within a factor of two
 * of the one chosen anew, so that an archive that grows (or shrinks) by one story does not have
 * every shard written again: that happens once each time the archive doubles.
 */
export function shardCountFor(stories: number, last?: number): number {
  let wanted = fewestShards;
  while (wanted * storiesPerShard < stories) wanted *= 2;
  return last !== undefined && validShardCount(last) && last >= wanted / 2 && last <= wanted * 2 ? last : wanted;
}

/** Whether a cache index's number of shards is one `shardCountFor` chooses (a power of two, from `fewestShards`). */
function validShardCount(count: number): boolean {
  return Number.isInteger(count) && count >= fewestShards && (count & (count - 1)) === 0 && count <= 1 << 20;
}

/** The shard a story's cache entry lives in, of `count`. */
export function shardOf(source: string, count: number = fewestShards): number {
  let hash = 2166136261;
  for (let index = 0; index < source.length; index++) hash = Math.imul(hash ^ source.charCodeAt(index), 16777619);
  return (hash >>> 0) % count;
}

/**
 * The file of shard `shard` of `count`: each count has files of its own, so that the shards of a
 * new count are written beside those of the last, which its lazy articles still read from.
 */
function shardFile(dir: string, shard: number, count: number): string {
  const name = count === fewestShards ? `stories-${String(shard).padStart(2, '0')}` : `stories-${count}-${String(shard).padStart(String(count - 1).length, '0')}`;
  return path.join(dir, `${name}.bin`);
}

/** The cache folder of a project. */
export function cacheDir(cwd: string): string {
  return path.join(cwd, '.wiredesk-cache');
}

/** Read the cache index; undefined when missing, corrupt, or written by other code or for other settings. */
export async function readCacheIndex(dir: string, code: string, config: string): Promise<CacheIndex | undefined> {
  const framed = await readFramed(path.join(dir, 'index.bin'), indexKind);
  const index = framed && unpackIndex(framed.value);
  if (!index || index.code !== code || index.config !== config || !(index.stamps instanceof Map) || !(index.pages instanceof Map)) return undefined;
  return index;
}

/** How to read the stories cache: `keep` sees each story as its shard is read (to move its body out of memory, say). */
export interface ReadStoriesOptions {
  readonly keep?: (story: CachedStory) => CachedStory;
  /**
   * Hand out lazy articles (see `lazyArticle`): each holds the fields every story is read for, and
   * reads the rest from its shard's bytes, kept in memory, when a page asks. Off, every article is
   * read whole and no shard is kept (a huge archive, whose bodies wait in a file).
   */
  readonly lazy?: boolean;
}

/**
 * Read the stories written with `index`; undefined when any shard is missing, corrupt or from
 * another build. Only the shards' heads are read: a lazy article reads its other fields from its
 * shard when asked (throwing `DamagedCacheError` should they be damaged by then).
 */
export async function readCachedStories(dir: string, index: CacheIndex, options: ReadStoriesOptions = {}): Promise<ReadonlyMap<string, CachedStory> | undefined> {
  const shardCount = index.shardChecksums.length;
  if (!validShardCount(shardCount)) return undefined;
  const keep = options.keep ?? ((story: CachedStory) => story);
  const stories = new Map<string, CachedStory>();
  // Each section, topic and tag once for the whole cache, not once in each shard whose stories name it.
  const terms = new Map<string, Term>();
  // One shard at a time: the bytes of a 100,000-story cache, all at once, would double the memory a build needs.
  for (let shard = 0; shard < shardCount; shard++) {
    const expected = index.shardChecksums[shard];
    const file = shardFile(dir, shard, shardCount);
    const bytes = expected === undefined ? undefined : readSplitHead(file, storiesKind, expected);
    if (!bytes || expected === undefined) return undefined;
    const body = options.lazy === true ? undefined : readSplitBody(file, storiesKind, expected);
    if (options.lazy !== true && !body) return undefined;
    // One reader per shard, which each lazy article asks with where its entry lies: no closure per story.
    const entries = new ShardEntries(file, expected);
    const read = readShardHead(
      bytes,
      (source, digest, shape, messages, eager, start, end, check) => {
        let article: Article | undefined;
        if (eager !== null && body) {
          const stored = body.subarray(start, end);
          if (entryCheck(stored) !== check) return false;
          article = wholeStoredArticle(eager, stored);
        } else if (eager !== null) article = lazyStoredArticle(eager, entries, start, end, check);
        const result = article ? { article, messages } : { messages };
        // Written out rather than spread (`...(shape === null ? {} : { shape })`): no object made to be thrown away, 10,000 times.
        stories.set(source, keep(shape === null ? { digest, result } : { digest, result, shape }));
        return true;
      },
      terms,
    );
    if (!read) return undefined;
  }
  return stories;
}

/** The entries of the stories shard `file` that `checksum` vouches for, which lazy articles read theirs from. */
class ShardEntries implements StoredEntries {
  constructor(
    readonly file: string,
    readonly checksum: string,
  ) {}

  entry(start: number, end: number, check: number): Uint8Array {
    return readSplitEntry(this.file, storiesKind, this.checksum, start, end, check);
  }
}

/**
 * The head and body of the shard `file` holding `stories`: an article read from the cache is
 * written as it was read (see `storedArticleOf`). Those whose entries are still unread in the
 * shard the file held (`previous` vouches for it) are copied from its body, read once, rather
 * than read one by one: a publish rewrites the shard of its new story, 200 to 800 stories.
 */
function shardParts(stories: ReadonlyMap<string, CachedStory>, file: string, previous: string | undefined): { readonly head: Uint8Array; readonly body: Uint8Array[] } {
  const head: HeadStory[] = [];
  const body: Uint8Array[] = [];
  let previousBody: Buffer | undefined;
  let bodyRead = false;
  let end = 0;
  stories.forEach((story, source) => {
    const { article, messages } = story.result;
    const place = article && storedPlaceOf(article);
    let stored: { readonly eager: EagerArticle; readonly rest: Uint8Array; readonly check: number } | undefined;
    if (article && place?.entries instanceof ShardEntries && place.entries.file === file && place.entries.checksum === previous) {
      if (!bodyRead) previousBody = readSplitBody(file, storiesKind, previous);
      bodyRead = true;
      const rest = previousBody?.subarray(place.start, place.end);
      // Checked as reading it would: a damaged entry is not carried into the new shard.
      if (rest?.length === place.end - place.start && entryCheck(rest) === place.check) stored = { eager: eagerPartOf(article), rest, check: place.check };
    }
    if (article && !stored) {
      const whole = storedArticleOf(article);
      stored = { ...whole, check: entryCheck(whole.rest) };
    }
    const start = end;
    if (stored) appendPart(body, stored.rest);
    end += stored?.rest.length ?? 0;
    head.push({ source, digest: story.digest, shape: story.shape ?? null, messages, stored: stored && { eager: stored.eager, start, end, check: stored.check } });
  });
  return { head: encodeShardHead(head), body };
}

/** Add `part` to `parts`, joined to the last one when it follows it in the same bytes (entries copied in a row are written in one call). */
function appendPart(parts: Uint8Array[], part: Uint8Array): void {
  const last = parts[parts.length - 1];
  if (last && last.buffer === part.buffer && last.byteOffset + last.byteLength === part.byteOffset)
    parts[parts.length - 1] = new Uint8Array(last.buffer, last.byteOffset, last.byteLength + part.byteLength);
  else parts.push(part);
}

/**
 * Write the cache: the stories shards first, then the index that vouches for them (and for the
 * frame whose checksum `cache.frameChecksum` gives, written before). A shard whose entries are
 * those of `previous` (same stories, same digests) is left as it is. A build killed before the
 * index is written leaves the last one standing, which vouches for none of this build's files.
 */
export async function writeBuildCache(dir: string, cache: BuildCache, previous?: { index: CacheIndex; stories: ReadonlyMap<string, CachedStory> }): Promise<void> {
  const { stories, ...index } = cache;
  const lastCount = previous?.index.shardChecksums.length;
  const shardCount = shardCountFor(stories.size, lastCount);
  const dirty = new Set<number>();
  const compared = previous && lastCount === shardCount ? previous.stories : undefined;
  if (!compared) for (let shard = 0; shard < shardCount; shard++) dirty.add(shard);
  else {
    // `forEach` rather than `for (const [source, story] of stories)`: no array made and destructured per story.
    stories.forEach((story, source) => {
      if (compared.get(source)?.digest !== story.digest) dirty.add(shardOf(source, shardCount));
    });
    compared.forEach((_, source) => {
      if (!stories.has(source)) dirty.add(shardOf(source, shardCount));
    });
  }
  // Only the shards written are gathered (a publish writes one), each in the stories' order.
  const shards = Array.from({ length: shardCount }, () => new Map<string, CachedStory>());
  if (dirty.size > 0)
    stories.forEach((story, source) => {
      const shard = shardOf(source, shardCount);
      if (dirty.has(shard)) shards[shard]?.set(source, story);
    });
  const shardChecksums: string[] = [];
  // One shard at a time, for the same reason as when reading.
  for (const [shard, entries] of shards.entries()) {
    if (!dirty.has(shard)) {
      shardChecksums.push(previous?.index.shardChecksums[shard] ?? '');
      continue;
    }
    const file = shardFile(dir, shard, shardCount);
    const { head, body } = shardParts(entries, file, compared ? previous?.index.shardChecksums[shard] : undefined);
    shardChecksums.push(writeSplitFile(file, storiesKind, [head], body));
  }
  await writeFramed(path.join(dir, 'index.bin'), indexKind, packIndex({ ...index, shardChecksums }));
  // Every shard written anew (a first cache, or another number of shards): files of another number are no longer any index's.
  if (!compared) await removeOtherShards(dir, shardCount);
}

/** Remove the stories shards in `dir` that are not of `count` shards (see `shardFile`). */
async function removeOtherShards(dir: string, count: number): Promise<void> {
  const kept = new Set(Array.from({ length: count }, (_, shard) => path.basename(shardFile(dir, shard, count))));
  const names = await readdir(dir).catch(() => []);
  await Promise.all(names.filter((name) => /^stories-[\d-]+\.bin$/.test(name) && !kept.has(name)).map((name) => rm(path.join(dir, name), { force: true })));
}

/**
 * The site frame of the build that wrote `index` (see `SiteFrame`); undefined when it kept none,
 * or the file is not the one the index vouches for (a build killed between writing a frame and
 * its index leaves a frame of another site than the index's pages were rendered from).
 */
export async function readSiteFrame(dir: string, index: CacheIndex): Promise<SiteFrame | undefined> {
  if (index.frameChecksum === undefined) return undefined;
  const framed = await readFramed(path.join(dir, 'frame.bin'), frameKind, index.frameChecksum);
  const value = framed?.value as { frame?: PackedFrame } | undefined;
  return value?.frame ? unpackFrame(value.frame) : undefined;
}

/**
 * Keep the site frame of this build for the next one, or remove the last one when this build has
 * none; returns its checksum, for the index written next to vouch for it. `extended` is the frame
 * read from the cache that this one extends, if any: what did not change is packed as it was (see `packFrame`).
 */
export async function writeSiteFrame(dir: string, frame: SiteFrame | undefined, extended?: SiteFrame): Promise<string | undefined> {
  const file = path.join(dir, 'frame.bin');
  if (frame) return writeFramed(file, frameKind, { frame: packFrame(frame, extended) });
  await rm(file, { force: true });
  return undefined;
}
