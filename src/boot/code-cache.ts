import { crc32 } from 'node:zlib';
import { cachedDataVersionTag } from 'node:v8';
import { readCacheFile, writeCacheFile } from '../store/cache-file.js';

// V8's compiled code of the bundle's files, kept between runs so that a start deserializes code
// instead of parsing and compiling it again. V8 checks only a file's length against what it
// compiled, so each entry carries the file's CRC-32 too, and its own: a torn or changed entry is
// never handed to V8, which would trust it.

/** What V8 compiled of one file of the bundle, and the file it compiled (its length in bytes and CRC-32). */
export interface CompiledCode {
  readonly sourceBytes: number;
  readonly sourceCrc: number;
  readonly data: Buffer;
}

/**
 * Compiled code by file name, how much bytecode V8 held when it was kept (see `codeCacheGrown`), and
 * how many runs since then found it had not grown (see `codeCacheSettled`).
 */
export interface CodeCache {
  readonly files: ReadonlyMap<string, CompiledCode>;
  readonly bytecodeBytes: number;
  readonly checks: number;
}

/** A code cache that holds nothing. */
export const emptyCodeCache: CodeCache = { files: new Map(), bytecodeBytes: 0, checks: 0 };

/** Runs that find a cache has not grown before it is taken as settled. */
const settleAfter = 3;

/**
 * Whether `cache` is settled: the last runs that measured V8's bytecode found no more than it holds,
 * so runs stop measuring (V8 walks its whole heap to count its code: 20 ms in a 10,000-story publish).
 */
export function codeCacheSettled(cache: CodeCache): boolean {
  return cache.checks >= settleAfter;
}

/**
 * Whether V8 holds a quarter more bytecode than when `cache` was kept: this run compiled much that
 * the cache lacks (a cold build keeps less of what a publish runs than a publish does), so a new
 * one would spare the next start more. The figure only grows, so two kinds of run do not take turns.
 */
export function codeCacheGrown(cache: CodeCache, bytecodeBytes: number): boolean {
  return bytecodeBytes > cache.bytecodeBytes * 1.25;
}

/** What a run tells `codeCacheToKeep`: whether it compiled a file the cache had no code for, and how to measure and take its code. */
export interface CodeCacheRun {
  readonly stale: boolean;
  /** The bytecode V8 holds now (a walk of the whole heap: asked only when needed). */
  bytecodeBytes(): number;
  /** The code this run compiled, with the cache's code of the files it did not load. */
  compiled(): ReadonlyMap<string, CompiledCode>;
}

/**
 * The code cache to keep after a run, or undefined to leave the kept one as it is: the run's code
 * when it compiled a file anew or a quarter more than the cache holds; the same cache counted one
 * check further when it measured about as much; nothing after a lighter run, or once the cache is settled.
 */
export function codeCacheToKeep(cache: CodeCache, run: CodeCacheRun): CodeCache | undefined {
  if (!run.stale && codeCacheSettled(cache)) return undefined;
  const bytecodeBytes = run.bytecodeBytes();
  if (run.stale || codeCacheGrown(cache, bytecodeBytes)) return { files: run.compiled(), bytecodeBytes, checks: 0 };
  // A lighter run (`--version`, a build with nothing to do) says nothing of what a publish compiles: it does not count.
  return bytecodeBytes >= cache.bytecodeBytes * 0.8 ? { ...cache, checks: cache.checks + 1 } : undefined;
}

const magic = Buffer.from('wiredesk code cache 2\n');

/** The head after the magic: V8's tag, the bytecode figure, the file count, the checks. */
const headBytes = 16;

/** A cache file larger than this was not written by a build: it is not read. */
const maxBytes = 64 * 1024 * 1024;

/** The CRC-32 and length in bytes of a file's text, as a `CompiledCode` names the file it was compiled from. */
export function sourceStamp(source: string): { readonly sourceBytes: number; readonly sourceCrc: number } {
  return { sourceBytes: Buffer.byteLength(source), sourceCrc: crc32(source) };
}

/** The bytes of a code cache, for this V8 (its version and flags, `tag`). */
export function encodeCodeCache(cache: CodeCache, tag: number = cachedDataVersionTag()): Buffer[] {
  const head = Buffer.alloc(headBytes);
  head.writeUInt32LE(tag, 0);
  head.writeUInt32LE(Math.min(cache.bytecodeBytes, 0xffffffff), 4);
  head.writeUInt32LE(cache.files.size, 8);
  head.writeUInt32LE(Math.min(cache.checks, 0xffffffff), 12);
  const parts: Buffer[] = [magic, head];
  for (const [name, code] of cache.files) {
    const label = Buffer.from(name);
    const fields = Buffer.alloc(18);
    fields.writeUInt16LE(label.length, 0);
    fields.writeUInt32LE(code.sourceBytes, 2);
    fields.writeUInt32LE(code.sourceCrc, 6);
    fields.writeUInt32LE(code.data.length, 10);
    fields.writeUInt32LE(crc32(code.data), 14);
    parts.push(fields, label, code.data);
  }
  return parts;
}

/** A code cache from its bytes: empty when they are not one, or are of another V8; an entry whose bytes fail their CRC-32 is left out. */
export function decodeCodeCache(bytes: Buffer, tag: number = cachedDataVersionTag()): CodeCache {
  if (bytes.length < magic.length + headBytes || !bytes.subarray(0, magic.length).equals(magic)) return emptyCodeCache;
  if (bytes.readUInt32LE(magic.length) !== tag) return emptyCodeCache;
  const bytecodeBytes = bytes.readUInt32LE(magic.length + 4);
  const count = bytes.readUInt32LE(magic.length + 8);
  const checks = bytes.readUInt32LE(magic.length + 12);
  const files = new Map<string, CompiledCode>();
  let at = magic.length + headBytes;
  for (let index = 0; index < count; index++) {
    if (at + 18 > bytes.length) return emptyCodeCache;
    const nameBytes = bytes.readUInt16LE(at);
    const sourceBytes = bytes.readUInt32LE(at + 2);
    const sourceCrc = bytes.readUInt32LE(at + 6);
    const dataBytes = bytes.readUInt32LE(at + 10);
    const dataCrc = bytes.readUInt32LE(at + 14);
    const end = at + 18 + nameBytes + dataBytes;
    if (end > bytes.length) return emptyCodeCache;
    const name = bytes.toString('utf8', at + 18, at + 18 + nameBytes);
    const data = bytes.subarray(at + 18 + nameBytes, end);
    if (crc32(data) === dataCrc) files.set(name, { sourceBytes, sourceCrc, data });
    at = end;
  }
  return { files, bytecodeBytes, checks };
}

/** The code cache kept in `file`; empty when there is none (or it is not a cache file, see `readCacheFile`). */
export function readCodeCache(file: string): CodeCache {
  const bytes = readCacheFile(file, maxBytes);
  return bytes === undefined ? emptyCodeCache : decodeCodeCache(bytes);
}

/** Keep `cache` in `file`, replacing it atomically; a cache that cannot be written is left out (the next start compiles). */
export function writeCodeCache(file: string, cache: CodeCache): void {
  try {
    writeCacheFile(file, encodeCodeCache(cache));
  } catch {
    // Only speed is lost: the code is compiled again at the next start.
  }
}
