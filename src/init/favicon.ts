/** The side of the favicon `init` writes, in pixels. */
export const faviconSize = 16;

// A white "W" on the newsroom's dark blue, one row of text per pixel row, top row first.
const glyph = [
  '................',
  '................',
  '................',
  '.##..........##.',
  '.##..........##.',
  '.##....##....##.',
  '.##....##....##.',
  '.##...####...##.',
  '.##...####...##.',
  '..##.##..##.##..',
  '..##.##..##.##..',
  '..####....####..',
  '...##......##...',
  '...##......##...',
  '................',
  '................',
];

/** Blue, green, red, alpha of the background and of the letter. */
const background = [0x5a, 0x2b, 0x12, 0xff];
const letter = [0xff, 0xff, 0xff, 0xff];

/**
 * A 16×16 favicon as the bytes of a Windows icon file (`favicon.ico`): one 32-bit image, stored
 * as a bitmap without its file header (rows bottom up, then an all-opaque AND mask), as every
 * browser reads it.
 */
export function faviconIco(): Uint8Array {
  const pixels = faviconSize * faviconSize * 4;
  const maskRow = Math.ceil(faviconSize / 32) * 4;
  const image = 40 + pixels + maskRow * faviconSize;
  const bytes = Buffer.alloc(6 + 16 + image);
  // ICONDIR: reserved, type 1 (icon), one image.
  bytes.writeUInt16LE(0, 0);
  bytes.writeUInt16LE(1, 2);
  bytes.writeUInt16LE(1, 4);
  // ICONDIRENTRY: width, height, no palette, reserved, planes, bits per pixel, size, offset.
  bytes.writeUInt8(faviconSize, 6);
  bytes.writeUInt8(faviconSize, 7);
  bytes.writeUInt16LE(1, 10);
  bytes.writeUInt16LE(32, 12);
  bytes.writeUInt32LE(image, 14);
  bytes.writeUInt32LE(22, 18);
  // BITMAPINFOHEADER: its size, width, height of image and mask together, planes, bits, no compression, image size.
  bytes.writeUInt32LE(40, 22);
  bytes.writeInt32LE(faviconSize, 26);
  bytes.writeInt32LE(faviconSize * 2, 30);
  bytes.writeUInt16LE(1, 34);
  bytes.writeUInt16LE(32, 36);
  bytes.writeUInt32LE(pixels, 42);
  let offset = 62;
  for (let row = faviconSize - 1; row >= 0; row--) {
    for (const mark of glyph[row] ?? '') {
      bytes.set(mark === '#' ? letter : background, offset);
      offset += 4;
    }
  }
  // The AND mask stays all zero: every pixel is drawn, its alpha says how.
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
