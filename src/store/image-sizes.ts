import path from 'node:path';
import type { LocalPicture } from '../model/picture.js';
import { readFramed, writeFramed } from './framed-file.js';

// The cache of resized pictures (`.wiredesk-cache/images/`): an index of what each picture file
// gave, by its stamp and by its digest, and the resized files themselves, one folder per digest.

const kind = 'wiredesk-image-sizes-1';

/** What the last build found of each picture: the stamp and key of each file, and what each key gave. */
export interface ImageSizesIndex {
  /** By path relative to the stories folder: the file's stamp when it was read, and its key (digest). */
  readonly files: ReadonlyMap<string, { readonly stamp: string; readonly key: string }>;
  /** By key: the picture's sizes, or why it could not be read. */
  readonly pictures: ReadonlyMap<string, LocalPicture>;
}

/** The folder of the resized pictures in a cache folder. */
export function imagesDir(cacheDir: string): string {
  return path.join(cacheDir, 'images');
}

/** Where the resized file published at `published` (`media/…`) of the picture with `key` is kept. */
export function storedPictureFile(images: string, key: string, published: string): string {
  return path.join(images, key, path.posix.basename(published));
}

/** The index of the resized pictures, or an empty one when there is none or it is damaged. */
export async function readImageSizes(images: string): Promise<ImageSizesIndex> {
  const framed = await readFramed(path.join(images, 'index.bin'), kind);
  const value = framed?.value;
  if (value && typeof value === 'object' && 'files' in value && 'pictures' in value && value.files instanceof Map && value.pictures instanceof Map) {
    return value as ImageSizesIndex;
  }
  return { files: new Map(), pictures: new Map() };
}

/** Keep the index of the resized pictures, atomically. */
export async function writeImageSizes(images: string, index: ImageSizesIndex): Promise<void> {
  await writeFramed(path.join(images, 'index.bin'), kind, index);
}
