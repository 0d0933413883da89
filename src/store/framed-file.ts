import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { crc32 } from 'node:zlib';
import { readCacheFile, writeCacheFile } from './cache-file.js';

const headerSize = 96;

/**
 * The largest framed file read without a checksum to say its length (the index): 1 GiB, some
 * twenty times the index of a 100,000-story site. Anything larger is not a file a build wrote.
 */
const unvouchedLimit = 1024 ** 3;

/** A value read back from a framed file, with the checksum that vouched for it. */
export interface FramedValue {
  readonly value: unknown;
  /**
   * The file's checksum: the CRC-32 and length of its payload, which catch a damaged or cut file,
   * and a random stamp of the write, which tells this file from any other, even one with the same
   * bytes. An index that records it vouches for this very file (see `writeBuildCache`).
   */
  readonly checksum: string;
}

/**
 * Read a value written by `writeFramed`: undefined when the file is missing, not a regular file,
 * of another kind, or corrupt (its CRC-32 or length does not match), so that a damaged cache is
 * ignored, never trusted. With `expected` (the checksum an index vouches for), a file of another
 * length is not even read.
 */
export async function readFramed(file: string, kind: string, expected?: string): Promise<FramedValue | undefined> {
  const framed = readFramedBytes(file, kind, expected);
  if (!framed) return undefined;
  try {
    return { value: deserialize(framed.bytes), checksum: framed.checksum };
  } catch {
    return undefined;
  }
}

/**
 * The payload of a framed file of `kind`, checked; undefined when the file is missing, not a
 * regular file (see `readCacheFile`), larger than its `expected` checksum says (or than 1 GiB
 * without one), of another kind, or corrupt. Read synchronously on purpose: a build waits for its
 * cache before anything else, and a megabyte-sized file read in one call costs a millisecond,
 * where the thread pool's chunked reads left the thread idle for a tenth of the time it spends
 * reading the stories cache.
 */
export function readFramedBytes(file: string, kind: string, expected?: string): { readonly bytes: Buffer; readonly checksum: string } | undefined {
  const length = expected === undefined ? undefined : Number(expected.split('-')[1]);
  if (length !== undefined && !Number.isSafeInteger(length)) return undefined;
  const bytes = readCacheFile(file, length === undefined ? unvouchedLimit : headerSize + length);
  if (!bytes) return undefined;
  const [name, checksum] = bytes.subarray(0, headerSize).toString('latin1').split('\n');
  const payload = bytes.subarray(headerSize);
  if (name !== kind || !checksum || !checksum.startsWith(`${payloadCheck(payload)}-`)) return undefined;
  if (expected !== undefined && checksum !== expected) return undefined;
  return { bytes: payload, checksum };
}

/**
 * The CRC-32 and length of a payload: enough to catch a damaged or cut cache file, at a third of
 * the cost of a SHA-256 (a 10,000-story cache is 70 MB, read on every build that is not a no-op).
 */
function payloadCheck(...parts: readonly Uint8Array[]): string {
  let crc = 0;
  let length = 0;
  for (const part of parts) {
    crc = crc32(part, crc);
    length += part.length;
  }
  return `${crc.toString(16).padStart(8, '0')}-${length}`;
}

/** Write a value with a kind and a checksum in front (see `writeFramedBytes`); returns the checksum. */
export async function writeFramed(file: string, kind: string, value: unknown): Promise<string> {
  return writeFramedBytes(file, kind, [serialize(value)]);
}

/**
 * Write a payload (the concatenation of `parts`) with a kind and a checksum in front, atomically
 * (a temporary file renamed over the old one); returns the checksum. Synchronous for the same
 * reason as `readFramedBytes`: the build has nothing else to do meanwhile.
 */
export function writeFramedBytes(file: string, kind: string, parts: readonly Uint8Array[]): string {
  const checksum = `${payloadCheck(...parts)}-${randomBytes(12).toString('hex')}`;
  const header = Buffer.alloc(headerSize, ' ');
  header.write(`${kind}\n${checksum}\n`, 'latin1');
  mkdirSync(path.dirname(file), { recursive: true });
  writeCacheFile(file, [header, ...parts]);
  return checksum;
}
