import { closeSync, constants, fstatSync, openSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { crc32 } from 'node:zlib';
import { readCacheFile } from './cache-file.js';

// A publish changes the stamps of a story or two and the reads of a few dozen of 13,400 pages:
// writing the whole cache index again for them (3 MB at 10,000 stories) costs more than all it
// changed. So a build appends what it changed to the index's log (`index.log`, beside
// `index.bin`), one framed change after another, each naming the whole index it follows (by the
// checksum of `index.bin`) and the offset it was written at; reading the index applies them in
// order. A change cut short or damaged ends the log (a build killed before its index leaves the
// last one standing, as before); a change that does not start where the last one ended was
// appended by a build that read another log, and ends it too. The index is written whole again
// when its log has grown long, or does not end where its reader found it; writing it whole
// removes the log, and a change naming another index is never applied to it.

/** The maps of an index whose changes the log tells entry by entry (its other fields it tells whole). */
const loggedMaps = ['stamps', 'pages', 'assets'] as const;

/** An index as the log tells changes to it: its maps by key, each value a flat object or a primitive (see `sameValue`). */
export type LoggedIndex = { readonly [name in (typeof loggedMaps)[number]]: ReadonlyMap<string, unknown> };

/** The log as reading it found it: appending to it is right only while the file still ends there. */
export interface IndexLog {
  /** The checksum of the whole index (`index.bin`) the changes follow. */
  readonly base: string;
  /** Bytes of whole changes read. */
  readonly size: number;
  /** Entries the changes set or removed, all told: past a share of the index, it is written whole. */
  readonly entries: number;
}

/** The entries of a map a change set, and the keys it removed. */
interface MapChange {
  readonly set: readonly (readonly [string, unknown])[];
  readonly gone: readonly string[];
}

/** One change: the index's other fields whole, and what changed in each of its maps (see `loggedMaps`). */
interface IndexChange {
  readonly base: string;
  /** Where in the log the change was written: the end of the log its build read. */
  readonly at: number;
  readonly rest: Readonly<Record<string, unknown>>;
  readonly maps: Readonly<Record<string, MapChange>>;
}

/** Bytes before each change: its payload's length and CRC-32. */
const headerSize = 8;

/** The changes past which the index is written whole: a sixteenth of its entries, and never fewer than this. */
const foldFrom = 2_000;

/** A log larger than this is not one a build wrote (it folds long before): the index is then read without it. */
const maxLogBytes = 256 * 1024 ** 2;

/** The log beside the index file `indexFile`. */
export function indexLogPath(indexFile: string): string {
  return path.join(path.dirname(indexFile), 'index.log');
}

/**
 * The index `base` (read whole from `index.bin`, with checksum `checksum`) with the changes its
 * log tells applied in order, and the log as read. The base's maps are changed in place.
 */
export function applyIndexLog<T extends LoggedIndex>(indexFile: string, base: T, checksum: string): { readonly index: T; readonly log: IndexLog } {
  // The maps as deserialized, changed in place: copying 25,000 entries would cost what the log saves.
  const maps = new Map<string, Map<string, unknown>>();
  for (const name of loggedMaps) {
    const map = base[name];
    if (!(map instanceof Map)) return { index: base, log: { base: checksum, size: 0, entries: 0 } };
    maps.set(name, map as Map<string, unknown>);
  }
  // Each change tells the other fields whole: the last one's are the index's.
  let rest: Readonly<Record<string, unknown>> = {};
  let size = 0;
  let entries = 0;
  const bytes = readCacheFile(indexLogPath(indexFile), maxLogBytes) ?? Buffer.alloc(0);
  while (size + headerSize <= bytes.length) {
    const length = bytes.readUInt32LE(size);
    const payload = bytes.subarray(size + headerSize, size + headerSize + length);
    if (payload.length !== length || crc32(payload) !== bytes.readUInt32LE(size + 4)) break;
    const change = changeOf(payload);
    if (!change || change.base !== checksum || change.at !== size) break;
    for (const [name, map] of maps) {
      const changed = change.maps[name];
      for (const [key, value] of changed?.set ?? []) map.set(key, value);
      for (const key of changed?.gone ?? []) map.delete(key);
      entries += (changed?.set.length ?? 0) + (changed?.gone.length ?? 0);
    }
    rest = change.rest;
    size += headerSize + length;
  }
  if (size === 0) return { index: base, log: { base: checksum, size, entries } };
  return { index: { ...rest, ...Object.fromEntries(maps) } as T, log: { base: checksum, size, entries } };
}

/**
 * Append the change from `previous` (the index as read, with its `log`) to `next` to the log;
 * false when the index must be written whole instead: there is no log reading found whole, the
 * log changed since, or it has grown past a share of the index.
 */
export function appendIndexChange<T extends LoggedIndex>(indexFile: string, previous: T, log: IndexLog | undefined, next: T): boolean {
  if (!log) return false;
  const rest: Record<string, unknown> = { ...next };
  const maps: Record<string, MapChange> = {};
  let count = 0;
  let size = 0;
  for (const name of loggedMaps) {
    delete rest[name];
    const changed = changedEntries(previous[name], next[name]);
    maps[name] = changed;
    count += changed.set.length + changed.gone.length;
    size += next[name].size;
  }
  if (log.entries + count > Math.max(foldFrom, size / 16)) return false;
  const payload = serialize({ base: log.base, at: log.size, rest, maps } satisfies IndexChange);
  const header = Buffer.alloc(headerSize);
  header.writeUInt32LE(payload.length, 0);
  header.writeUInt32LE(crc32(payload), 4);
  return appendAt(indexLogPath(indexFile), log.size, Buffer.concat([header, payload]));
}

/** Remove the log (the index was written whole: it holds every change the log told). */
export function removeIndexLog(indexFile: string): void {
  rmSync(indexLogPath(indexFile), { force: true });
}

/** The entries of `next` that `previous` does not hold the same, and the keys it holds that `next` does not. */
function changedEntries(previous: ReadonlyMap<string, unknown>, next: ReadonlyMap<string, unknown>): MapChange {
  const set: (readonly [string, unknown])[] = [];
  const gone: string[] = [];
  for (const [key, value] of next) if (!sameValue(previous.get(key), value)) set.push([key, value]);
  for (const key of previous.keys()) if (!next.has(key)) gone.push(key);
  return { set, gone };
}

/** Whether two values of an index's map are the same: equal primitives, or flat objects with the same keys and equal primitives. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) || Array.isArray(b)) return false;
  // Key by key, without listing them: 25,000 entries compared on every publish.
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let keys = 0;
  for (const key in left) {
    if (!Object.is(left[key], right[key]) || !Object.hasOwn(right, key)) return false;
    keys++;
  }
  for (const key in right) if (Object.hasOwn(right, key)) keys--;
  return keys === 0;
}

/**
 * Append `bytes` to the log `file` when it is a regular file of `size` bytes (none when `size` is
 * 0: then it is created), in one write; never through a link. False when it is not.
 */
function appendAt(file: string, size: number, bytes: Buffer): boolean {
  let fd: number;
  try {
    fd = openSync(file, constants.O_WRONLY | constants.O_APPEND | constants.O_NOFOLLOW | constants.O_NONBLOCK | (size === 0 ? constants.O_CREAT : 0), 0o644);
  } catch {
    return false;
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile() || info.size !== size) return false;
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    return true;
  } finally {
    closeSync(fd);
  }
}

/** A change read back, checked; undefined when it is not one. */
function changeOf(payload: Buffer): IndexChange | undefined {
  let value: unknown;
  try {
    value = deserialize(payload);
  } catch {
    return undefined;
  }
  const change = value as Partial<IndexChange> | null;
  const pairs = (list: unknown) => Array.isArray(list) && list.every((item: unknown) => Array.isArray(item) && item.length === 2 && typeof item[0] === 'string');
  const keys = (list: unknown) => Array.isArray(list) && list.every((item: unknown) => typeof item === 'string');
  const record = (item: unknown): item is Record<string, unknown> => typeof item === 'object' && item !== null && !Array.isArray(item);
  if (!record(change) || typeof change.base !== 'string' || typeof change.at !== 'number' || !record(change.rest) || !record(change.maps)) return undefined;
  const maps: Record<string, unknown> = change.maps;
  for (const name of loggedMaps) {
    const changed = maps[name];
    if (changed === undefined) continue;
    if (!record(changed) || !pairs(changed.set) || !keys(changed.gone)) return undefined;
  }
  return change as IndexChange;
}
