import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LocalPicture } from '../model/picture.js';
import { resizedExtensions } from '../model/picture.js';
import { imagesDir, readImageSizes, storedPictureFile, writeImageSizes, type ImageSizesIndex } from '../store/image-sizes.js';
import { mapBounded } from '../threads/bounded.js';
import { pictureKey, resizePicture } from './resize.js';

// The pictures step of a build, before the stories are modelled: every JPEG, PNG or WebP file of
// the stories folder, sized from the cache when its stamp or its digest is known there, else
// resized with sharp; the stories then take their picture's sizes (see `leadImage` in the model).

/** A file of the stories folder as the scan found it. */
export interface PictureAsset {
  readonly source: string;
  readonly absolutePath: string;
  readonly stamp: string;
}

/** The resized files of a picture to publish: where they are kept and their path in the output. */
export interface PictureCopy {
  readonly from: string;
  readonly path: string;
}

/** What the pictures step found and made. */
export interface PicturesStep {
  /** Every picture of the stories folder, by path relative to it. */
  readonly pictures: ReadonlyMap<string, LocalPicture>;
  /** How many pictures were resized by this build (0: all came from the cache). */
  readonly resized: number;
  /** The resized files of the picture at `source` (relative to the stories folder), to copy into the output. */
  readonly copiesOf: (source: string) => readonly PictureCopy[];
  /** Keep the index for the next build and forget the pictures no longer there (with a cache only). */
  readonly keep: () => Promise<void>;
  /** Remove the resized files made without a cache, once published. */
  readonly release: () => Promise<void>;
}

/** Pictures resized at once: sharp spreads each over its own threads. */
const resizedAtOnce = 2;

/**
 * Size every picture among `assets`. With `cacheDir`, resized files are kept in its `images/`
 * folder and found again by the file's stamp or digest; without, they are made in a temporary
 * folder that `finish` removes.
 */
export async function preparePictures(assets: readonly PictureAsset[], cacheDir: string | undefined): Promise<PicturesStep> {
  const images = cacheDir === undefined ? await mkdtemp(path.join(os.tmpdir(), 'wiredesk-images-')) : imagesDir(cacheDir);
  const last: ImageSizesIndex = cacheDir === undefined ? { files: new Map(), pictures: new Map() } : await readImageSizes(images);
  const candidates = assets.filter((asset) => resizedExtensions.has(path.posix.extname(asset.source).toLowerCase()));
  let resized = 0;
  const found = await mapBounded(candidates, resizedAtOnce, async (asset) => {
    const known = last.files.get(asset.source);
    const byStamp = known?.stamp === asset.stamp ? last.pictures.get(known.key) : undefined;
    if (known && byStamp && stillStored(byStamp, known.key, images)) return { asset, key: known.key, picture: byStamp };
    const bytes = await readFile(asset.absolutePath);
    const key = pictureKey(bytes);
    const byDigest = last.pictures.get(key);
    if (byDigest && stillStored(byDigest, key, images)) return { asset, key, picture: byDigest };
    resized++;
    return { asset, key, picture: await resizePicture(bytes, asset.source, key, images) };
  });
  const pictures = new Map(found.map(({ asset, picture }) => [asset.source, picture]));
  const index: ImageSizesIndex = {
    files: new Map(found.map(({ asset, key }) => [asset.source, { stamp: asset.stamp, key }])),
    pictures: new Map(found.map(({ key, picture }) => [key, picture])),
  };
  const copiesOf = (source: string): PictureCopy[] => {
    const picture = pictures.get(source);
    if (picture?.kind !== 'sized') return [];
    const { key, resized: files, thumb } = picture.sizes;
    return [...files, thumb].map((file) => ({ from: storedPictureFile(images, key, file.src), path: file.src }));
  };
  const keep = async () => {
    if (cacheDir === undefined) return;
    if (resized > 0 || !sameIndex(index, last)) await writeImageSizes(images, index);
    await forgetUnused(images, new Set(index.pictures.keys()));
  };
  const release = async () => {
    if (cacheDir === undefined) await rm(images, { recursive: true, force: true });
  };
  return { pictures, resized, copiesOf, keep, release };
}

/** True when every resized file of a sized picture is still in the cache (an unreadable one has none). */
function stillStored(picture: LocalPicture, key: string, images: string): boolean {
  if (picture.kind === 'unreadable') return true;
  return [...picture.sizes.resized, picture.sizes.thumb].every((file) => existsSync(storedPictureFile(images, key, file.src)));
}

function sameIndex(next: ImageSizesIndex, last: ImageSizesIndex): boolean {
  if (next.files.size !== last.files.size) return false;
  return [...next.files].every(([source, entry]) => {
    const before = last.files.get(source);
    return before?.stamp === entry.stamp && before.key === entry.key;
  });
}

/** Remove the folders of pictures no longer in the stories folder. */
async function forgetUnused(images: string, keys: ReadonlySet<string>): Promise<void> {
  const entries = await readdir(images, { withFileTypes: true }).catch(() => []);
  await Promise.all(entries.filter((entry) => entry.isDirectory() && !keys.has(entry.name)).map((entry) => rm(path.join(images, entry.name), { recursive: true, force: true })));
}
