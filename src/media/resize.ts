import { hash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Sharp } from 'sharp';
import type { PictureFile, PictureSizes, PictureType } from '../model/article.js';
import type { LocalPicture } from '../model/picture.js';
import { writeCacheFile } from '../store/cache-file.js';
import { storedPictureFile } from '../store/image-sizes.js';
import { planPicture, pictureTypeOf, type PlannedFile } from './picture-plan.js';

// One picture resized with sharp (libvips, on its own thread pool): the same bytes and settings
// give the same files, byte for byte, so the settings are pinned here and are part of the key.

/** The encoder settings, pinned: changing one changes every key, so every picture is resized again. */
const encoders = {
  jpeg: { quality: 80, progressive: true, mozjpeg: false, chromaSubsampling: '4:2:0' },
  png: { compressionLevel: 9, adaptiveFiltering: false, palette: false },
  webp: { quality: 75, effort: 4, smartSubsample: false },
} as const;

/** The key of a picture file's bytes: its digest together with the resizing settings (hex, safe as a folder name). */
export function pictureKey(bytes: Uint8Array): string {
  return hash('sha256', Buffer.concat([Buffer.from(`${JSON.stringify(encoders)}\n`), bytes]), 'hex').slice(0, 32);
}

/**
 * Resize the picture of `bytes` (at `source`, relative to the stories folder) into the files of
 * `planPicture`, kept under `images` in the folder of its `key`; what sharp cannot read (a
 * corrupt, truncated or unknown file) is `unreadable`, with sharp's reason.
 */
export async function resizePicture(bytes: Buffer, source: string, key: string, images: string): Promise<LocalPicture> {
  try {
    // Loaded only when a picture is resized: a build whose pictures are all in the cache never loads it.
    const { default: sharp } = await import('sharp');
    const meta = await sharp(bytes).metadata();
    const type = pictureTypeOf(meta.format);
    if (type === undefined) return { kind: 'unreadable', reason: `a ${meta.format} file, expected a JPEG, PNG or WebP picture` };
    // The size upright: orientations 5 to 8 turn the picture a quarter.
    const turned = (meta.orientation ?? 1) >= 5;
    const width = turned ? meta.height : meta.width;
    const height = turned ? meta.width : meta.height;
    mkdirSync(path.join(images, key), { recursive: true });
    const made: PictureFile[] = [];
    for (const planned of planPicture(source, width, type)) made.push(await makeFile(sharp(bytes), planned, key, images));
    const thumb = made.pop();
    if (!thumb) throw new Error('no thumbnail planned');
    const sizes: PictureSizes = { key, width, height, type, resized: made, thumb };
    return { kind: 'sized', sizes };
  } catch (error) {
    return { kind: 'unreadable', reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Make one planned file (upright, without the original's metadata) and keep it. */
async function makeFile(picture: Sharp, planned: PlannedFile, key: string, images: string): Promise<PictureFile> {
  const resizing = picture.rotate();
  const sized = planned.box
    ? resizing.resize({ width: planned.box.width, height: planned.box.height, fit: 'cover', position: 'centre', withoutEnlargement: true })
    : resizing.resize({ width: planned.width, withoutEnlargement: true });
  const { data, info } = await encode(sized, planned.type).toBuffer({ resolveWithObject: true });
  writeCacheFile(storedPictureFile(images, key, planned.path), [data]);
  return { src: planned.path, width: info.width, height: info.height, type: planned.type };
}

function encode(image: Sharp, type: PictureType): Sharp {
  if (type === 'image/jpeg') return image.jpeg(encoders.jpeg);
  if (type === 'image/png') return image.png(encoders.png);
  return image.webp(encoders.webp);
}
