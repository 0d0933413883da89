import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

/** A picture's size and colour (the red channel; green and blue are fixed). */
export interface PictureLook {
  readonly width?: number;
  readonly height?: number;
  readonly red?: number;
}

/** The bytes of a one-colour picture (64 × 48 unless told), a JPEG, PNG or WebP as `file`'s extension says. */
export function pictureBytes(file: string, { width = 64, height = 48, red = 200 }: PictureLook = {}): Promise<Buffer> {
  const made = sharp({ create: { width, height, channels: 3, background: { r: red, g: 90, b: 30 } } });
  const extension = path.extname(file).toLowerCase();
  return (extension === '.png' ? made.png() : extension === '.webp' ? made.webp() : made.jpeg()).toBuffer();
}

/** Write a real picture (see `pictureBytes`) at `file`, its folder made if need be; returns its bytes. */
export async function writePicture(file: string, look: PictureLook = {}): Promise<Buffer> {
  const bytes = await pictureBytes(file, look);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, bytes);
  return bytes;
}
