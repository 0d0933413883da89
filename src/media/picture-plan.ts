import path from 'node:path';
import type { PictureType } from '../model/article.js';

// What to make of a picture, as a pure function of its size and type: the widths to resize it
// to, the types of each, the thumbnail's box and the published file names.

/** Widths of the resized copies, in CSS pixels of a 1× to 2× screen; never wider than the original. */
export const resizedWidths: readonly number[] = [480, 960, 1600];

/** The card thumbnail's box: twice the card's picture (6rem × 4.5rem, see `.thumb` in the stylesheet). */
export const thumbBox = { width: 192, height: 144 } as const;

/** A file to make: its published path, its type, and the width (or, for the thumbnail, the box) it is resized to. */
export interface PlannedFile {
  readonly path: string;
  readonly type: PictureType;
  readonly width: number;
  readonly box?: { readonly width: number; readonly height: number };
}

const extensionOf: Readonly<Record<PictureType, string>> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/**
 * The files made from a picture at `source` (relative to the stories folder) of `width` pixels:
 * each width of `resizedWidths` below it, and its own width when under the largest, in WebP and in
 * its own type (JPEG or PNG), then the thumbnail in its own type. Published beside the original:
 * `media/2024/fire.jpg` gives `media/2024/fire.960w.webp`, `media/2024/fire.960w.jpg`, `media/2024/fire.thumb.jpg`.
 */
export function planPicture(source: string, width: number, type: PictureType): PlannedFile[] {
  const stem = `media/${source.slice(0, source.length - path.posix.extname(source).length)}`;
  const largest = Math.min(width, resizedWidths[resizedWidths.length - 1] ?? width);
  const widths = [...resizedWidths.filter((candidate) => candidate < largest), largest];
  const types: PictureType[] = type === 'image/webp' ? ['image/webp'] : ['image/webp', type];
  const resized = types.flatMap((each) => widths.map((size) => ({ path: `${stem}.${size}w.${extensionOf[each]}`, type: each, width: size })));
  return [...resized, { path: `${stem}.thumb.${extensionOf[type]}`, type, width: thumbBox.width, box: thumbBox }];
}

/** The picture type of sharp's format name, when it is one the build resizes. */
export function pictureTypeOf(format: string | undefined): PictureType | undefined {
  if (format === 'jpeg') return 'image/jpeg';
  if (format === 'png') return 'image/png';
  if (format === 'webp') return 'image/webp';
  return undefined;
}
