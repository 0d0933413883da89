import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { PlainModelResult } from './serialize.js';

/** What one story contributed last time: its file's digest and its model result. */
export interface CachedStory {
  readonly digest: string;
  readonly result: PlainModelResult;
}

/** What one output file was last time: the fingerprint of everything it read, and the digest of its bytes. */
export interface CachedPage {
  readonly reads: string;
  readonly bytes: string;
}

/** Everything a build keeps for the next one, valid only for the same code and settings. */
export interface BuildCache {
  readonly code: string;
  readonly config: string;
  readonly stories: ReadonlyMap<string, CachedStory>;
  /** By output file path (relative to the output folder). */
  readonly pages: ReadonlyMap<string, CachedPage>;
  /** The output folder these pages were written to. */
  readonly out: string;
  /** The copied story-folder files (lead images) by path, with their size and modification time. */
  readonly assets: ReadonlyMap<string, string>;
}

const magic = 'wiredesk-cache-2';

/** The cache file of a project. */
export function cacheFile(cwd: string): string {
  return path.join(cwd, '.wiredesk-cache', 'build.bin');
}

/**
 * Read the cache; undefined when there is none, when it was written by other code or settings,
 * or when it is corrupt (its checksum does not match): a cache is never trusted blindly.
 */
export async function readBuildCache(file: string, code: string, config: string): Promise<BuildCache | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return undefined;
  }
  try {
    const header = bytes.subarray(0, 96).toString('latin1');
    const [name, checksum] = header.split('\n');
    const payload = bytes.subarray(96);
    if (name !== magic || checksum !== createHash('sha256').update(payload).digest('hex')) return undefined;
    const cache = deserialize(payload) as BuildCache;
    if (cache.code !== code || cache.config !== config || !(cache.stories instanceof Map) || !(cache.pages instanceof Map) || !(cache.assets instanceof Map)) return undefined;
    return cache;
  } catch {
    return undefined;
  }
}

/** Write the cache atomically (a temporary file renamed over the old one). */
export async function writeBuildCache(file: string, cache: BuildCache): Promise<void> {
  const payload = serialize(cache);
  const header = Buffer.alloc(96, ' ');
  header.write(`${magic}\n${createHash('sha256').update(payload).digest('hex')}\n`, 'latin1');
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, Buffer.concat([header, payload]));
  await rename(temporary, file);
}
