import { randomBytes } from 'node:crypto';
import { fstatSync, mkdirSync, readSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { withCacheFile, writeCacheFile } from './cache-file.js';

// A cache file read in two parts: a head, read and checked whole on every build, and a body of
// entries read one at a time when asked for, each checked by a CRC-32 the head keeps. So a build
// that needs a few hundred of 10,000 stories' bodies reads 5 MB of a 70 MB cache, not all of it.
// The file starts with its kind and checksum (`crc-length-headLength-stamp`: the head's CRC-32,
// the payload's and the head's lengths, a random stamp of the write), as framed files do.

const headerSize = 96;

/** A body entry (or the head) whose bytes are not those written: the cache is damaged, and set aside. */
export class DamagedCacheError extends Error {
  constructor(file: string) {
    super(`the cache file ${path.basename(file)} is damaged`);
    this.name = 'DamagedCacheError';
  }
}

/** The CRC-32 of `bytes`, as the head keeps it for each body entry. */
export function entryCheck(bytes: Uint8Array): number {
  return crc32(bytes);
}

/** Write `head` then `body` (parts concatenated) atomically, as `writeCacheFile` does; returns the checksum an index vouches for the file by. */
export function writeSplitFile(file: string, kind: string, head: readonly Uint8Array[], body: readonly Uint8Array[]): string {
  let crc = 0;
  let headLength = 0;
  for (const part of head) {
    crc = crc32(part, crc);
    headLength += part.byteLength;
  }
  const length = headLength + body.reduce((sum, part) => sum + part.byteLength, 0);
  const checksum = `${crc.toString(16).padStart(8, '0')}-${length}-${headLength}-${randomBytes(12).toString('hex')}`;
  const header = Buffer.alloc(headerSize, ' ');
  header.write(`${kind}\n${checksum}\n`, 'latin1');
  mkdirSync(path.dirname(file), { recursive: true });
  writeCacheFile(file, [header, ...head, ...body]);
  return checksum;
}

/** What a checksum says of the file it vouches for. */
function parseChecksum(checksum: string): { readonly crc: string; readonly length: number; readonly headLength: number } | undefined {
  const [crc, length, headLength] = checksum.split('-').map((part, index) => (index === 0 ? part : Number(part)));
  if (typeof crc !== 'string' || typeof length !== 'number' || typeof headLength !== 'number') return undefined;
  if (!Number.isSafeInteger(length) || !Number.isSafeInteger(headLength) || headLength > length) return undefined;
  return { crc, length, headLength };
}

/**
 * Run `read` on the open file of `kind` that `expected` vouches for (see `writeSplitFile`): a
 * regular file (never through a link, opened without blocking), of the length vouched for, with
 * that very checksum in front. Undefined when it is not that file.
 */
function withVouchedFile<T>(file: string, kind: string, expected: string, read: (fd: number, headLength: number, crc: string) => T | undefined): T | undefined {
  const vouched = parseChecksum(expected);
  if (!vouched) return undefined;
  return withCacheFile(file, (fd, size) => {
    if (size !== headerSize + vouched.length) return undefined;
    const header = readAt(fd, 0, headerSize);
    const [name, checksum] = header?.toString('latin1').split('\n') ?? [];
    if (name !== kind || checksum !== expected) return undefined;
    return read(fd, vouched.headLength, vouched.crc);
  });
}

/** The head of the file `expected` vouches for, checked by its CRC-32; undefined when it is not that file or is damaged. */
export function readSplitHead(file: string, kind: string, expected: string): Buffer | undefined {
  return withVouchedFile(file, kind, expected, (fd, headLength, crc) => {
    const head = readAt(fd, headerSize, headLength);
    return head && crc32(head).toString(16).padStart(8, '0') === crc ? head : undefined;
  });
}

/** The whole body of the file `expected` vouches for (each entry to be checked by the caller); undefined when it is not that file. */
export function readSplitBody(file: string, kind: string, expected: string): Buffer | undefined {
  return withVouchedFile(file, kind, expected, (fd, headLength) => readAt(fd, headerSize + headLength, fstatSync(fd).size - headerSize - headLength));
}

/**
 * The body entry at `start`–`end` of the file `expected` vouches for, whose CRC-32 is `check`.
 * Throws `DamagedCacheError` when the file is no longer that one or the entry is damaged: the
 * head that named it was read from it, so the cache changed under the build.
 */
export function readSplitEntry(file: string, kind: string, expected: string, start: number, end: number, check: number): Uint8Array {
  const entry = withVouchedFile(file, kind, expected, (fd, headLength) => readAt(fd, headerSize + headLength + start, end - start));
  if (!entry || crc32(entry) !== check) throw new DamagedCacheError(file);
  return entry;
}

function readAt(fd: number, position: number, length: number): Buffer | undefined {
  const bytes = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const got = readSync(fd, bytes, done, length - done, position + done);
    if (got === 0) return undefined;
    done += got;
  }
  return bytes;
}
