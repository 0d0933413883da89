import { describe, expect, it } from 'vitest';
import { planPicture } from '../../src/media/picture-plan.js';

const widthsOf = (source: string, width: number, type: 'image/jpeg' | 'image/png' | 'image/webp') =>
  planPicture(source, width, type)
    .filter((file) => file.box === undefined)
    .map((file) => `${file.type} ${file.width}`);

describe('planPicture', () => {
  it('should resize a large picture to each standard width, in WebP and its own type', () => {
    expect(widthsOf('a.jpg', 2000, 'image/jpeg')).toEqual(['image/webp 480', 'image/webp 960', 'image/webp 1600', 'image/jpeg 480', 'image/jpeg 960', 'image/jpeg 1600']);
  });

  it('should never plan a file wider than the picture, and keep its own width as the largest', () => {
    expect(widthsOf('a.png', 800, 'image/png')).toEqual(['image/webp 480', 'image/webp 800', 'image/png 480', 'image/png 800']);
    expect(widthsOf('a.png', 300, 'image/png')).toEqual(['image/webp 300', 'image/png 300']);
  });

  it('should make a WebP picture in WebP only', () => {
    expect(widthsOf('a.webp', 1000, 'image/webp')).toEqual(['image/webp 480', 'image/webp 960', 'image/webp 1000']);
  });

  it('should name each file beside the original in media/, with a thumbnail of the card size in its own type', () => {
    const files = planPicture('2024/Fire.JPEG', 1000, 'image/jpeg');
    expect(files.map((file) => file.path)).toEqual([
      'media/2024/Fire.480w.webp',
      'media/2024/Fire.960w.webp',
      'media/2024/Fire.1000w.webp',
      'media/2024/Fire.480w.jpg',
      'media/2024/Fire.960w.jpg',
      'media/2024/Fire.1000w.jpg',
      'media/2024/Fire.thumb.jpg',
    ]);
    expect(files.at(-1)?.box).toEqual({ width: 192, height: 144 });
  });
});
