import { closeSync, constants, fstatSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';

/**
 * What `read` makes of a cache file, given its descriptor and size; undefined when the file is
 * missing, is not a regular file (a named pipe, a device, a folder), is a symbolic link (never
 * followed: it could lead anywhere), or when reading it fails. Opened without blocking, so a named
 * pipe is refused at once instead of waiting for a writer; the size is what `fstat` found on the
 * very file opened.
 */
export function withCacheFile<T>(file: string, read: (fd: number, size: number) => T | undefined): T | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const info = fstatSync(fd);
    return info.isFile() ? read(fd, info.size) : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** The bytes of a cache file (see `withCacheFile`), or undefined when it is not one or is larger than `maxBytes`. */
export function readCacheFile(file: string, maxBytes: number): Buffer | undefined {
  return withCacheFile(file, (fd, size) => {
    if (size > maxBytes) return undefined;
    const bytes = Buffer.allocUnsafe(size);
    let done = 0;
    while (done < bytes.length) {
      const got = readSync(fd, bytes, done, bytes.length - done, done);
      if (got === 0) return undefined;
      done += got;
    }
    return bytes;
  });
}

/**
 * Create a file of the cache for this process alone: whatever has its name (a link, a pipe, a
 * file left by a killed build) is removed first, and the file is created anew, never opened
 * through a link. Returns its descriptor, open for reading and writing.
 */
export function createCacheFile(file: string): number {
  rmSync(file, { force: true });
  return openSync(file, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
}

/**
 * Write a cache file atomically: the concatenation of `parts` into a new temporary file (see
 * `createCacheFile`), renamed over whatever has the name (a link is replaced, never written through).
 */
export function writeCacheFile(file: string, parts: readonly Uint8Array[]): void {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = createCacheFile(temporary);
  try {
    for (const part of parts) {
      let written = 0;
      while (written < part.byteLength) written += writeSync(fd, part, written, part.byteLength - written);
    }
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}
