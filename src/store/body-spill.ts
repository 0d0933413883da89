import { closeSync, readSync, rmSync, writeSync } from 'node:fs';
import type { Article } from '../model/article.js';
import type { BodyHtml } from '../model/body-html.js';
import { createCacheFile } from './cache-file.js';

/** Where a spilled body's bytes are in the file. */
interface SpilledPlace {
  readonly offset: number;
  readonly length: number;
}

/** The key of a spilled body's place: not enumerable, so a copy or a serialized article leaves it behind. */
const placeKey = Symbol('spilled body place');

/** A file that holds story bodies for the length of one build, so a huge archive's bodies need not stay in memory. */
export interface BodySpill {
  /** The same article, its body's bytes moved to the file (read back whenever they are used). */
  spill(article: Article): Article;
  /** Close and delete the file. */
  close(): void;
}

/**
 * Open a spill file at `file`, created anew (whatever had the name, a link say, is removed first:
 * see `createCacheFile`). Spilled bodies read their bytes back with one
 * `pread` each time a page or the cache uses them: at 100,000 stories that keeps half a gigabyte of
 * bodies out of memory for the price of a read per story page and feed item.
 */
export function openBodySpill(file: string): BodySpill {
  const fd = createCacheFile(file);
  let end = 0;
  let closed = false;
  const read = (offset: number, length: number): Uint8Array => {
    if (closed) throw new Error('A story body was read after the build finished');
    const bytes = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const got = readSync(fd, bytes, done, length - done, offset + done);
      if (got === 0) throw new Error(`The body spill file ${file} is shorter than expected`);
      done += got;
    }
    return bytes;
  };
  // One getter for every spilled body, which finds its bytes by the place it holds: bodies then share one hidden class in V8.
  const bytesProperty: PropertyDescriptor = {
    enumerable: true,
    get(this: { readonly [placeKey]: SpilledPlace }) {
      return read(this[placeKey].offset, this[placeKey].length);
    },
  };
  return {
    spill(article) {
      const { bytes } = article.body;
      const offset = end;
      let written = 0;
      while (written < bytes.byteLength) written += writeSync(fd, bytes, written, bytes.byteLength - written, offset + written);
      end += bytes.byteLength;
      const body: BodyHtml = Object.defineProperties(
        { cuts: article.body.cuts, links: article.body.links },
        { [placeKey]: { value: { offset, length: bytes.byteLength } }, bytes: bytesProperty },
      ) as BodyHtml;
      return { ...article, body };
    },
    close() {
      if (closed) return;
      closed = true;
      closeSync(fd);
      rmSync(file, { force: true });
    },
  };
}
