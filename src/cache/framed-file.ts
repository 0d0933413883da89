import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';

const headerSize = 96;

/** A value read back from a framed file, with the checksum that vouched for it. */
export interface FramedValue {
  readonly value: unknown;
  readonly checksum: string;
}

/**
 * Read a value written by `writeFramed`: undefined when the file is missing, of another kind, or
 * corrupt (its SHA-256 does not match), so that a damaged cache is ignored, never trusted. Read
 * synchronously on purpose: a build waits for its cache before anything else, and a megabyte-sized
 * file read in one call costs a millisecond, where the thread pool's chunked reads left the thread
 * idle for a tenth of the time it spends reading the stories cache.
 */
export async function readFramed(file: string, kind: string): Promise<FramedValue | undefined> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  return decodeFramed(bytes, kind);
}

/** The value in the bytes of a framed file of `kind`; undefined when they are of another kind or corrupt. */
function decodeFramed(bytes: Buffer, kind: string): FramedValue | undefined {
  try {
    const [name, checksum] = bytes.subarray(0, headerSize).toString('latin1').split('\n');
    const payload = bytes.subarray(headerSize);
    if (name !== kind || !checksum || checksum !== createHash('sha256').update(payload).digest('hex')) return undefined;
    return { value: deserialize(payload), checksum };
  } catch {
    return undefined;
  }
}

/**
 * Write a value with a kind and a checksum in front, atomically (a temporary file renamed over the
 * old one); returns the checksum. Synchronous for the same reason as `readFramed`: the build
 * has nothing else to do meanwhile.
 */
export async function writeFramed(file: string, kind: string, value: unknown): Promise<string> {
  const payload = serialize(value);
  const checksum = createHash('sha256').update(payload).digest('hex');
  const header = Buffer.alloc(headerSize, ' ');
  header.write(`${kind}\n${checksum}\n`, 'latin1');
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, Buffer.concat([header, payload]));
  renameSync(temporary, file);
  return checksum;
}
