import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/commands/build.js';
import { memoryLogger } from '../../src/report/logger.js';
import { filesBelow, lastWork } from '../support/cli-build.js';
import { fixtureStory, siteMaker, type FixtureSite } from '../support/fixture-site.js';

// Lead images resized with sharp: the files made, how pages show them, the cache of sizes, and a
// picture that cannot be read. Pictures are made by sharp here, so each test knows their size.

const site = siteMaker();

/** A JPEG or PNG of `width` × `height` pixels, in one colour. */
function picture(width: number, height: number, type: 'jpeg' | 'png', red = 200): Promise<Buffer> {
  const made = sharp({ create: { width, height, channels: 3, background: { r: red, g: 90, b: 30 } } });
  return (type === 'jpeg' ? made.jpeg() : made.png()).toBuffer();
}

/** A site of three stories: a large JPEG (the newest, so the front page's lead), a small PNG, and a remote picture. */
async function pictureSite(): Promise<FixtureSite> {
  const made = await site(`
-- site.yaml --
title: Pictures
baseUrl: https://example.org/
${fixtureStory('fire', 12, 'image:\n  src: photos/fire.jpg\n  alt: Smoke over the port\n  caption: The fire.')}
${fixtureStory('chart', 11, 'image:\n  src: chart.png\n  alt: A chart')}
${fixtureStory('remote', 10, 'image:\n  src: https://pictures.example.com/a.jpg\n  alt: Far away')}
${fixtureStory('plain', 9)}
`);
  await mkdir(path.join(made.dir, 'stories/photos'), { recursive: true });
  await writeBytes(made, 'stories/photos/fire.jpg', await picture(2000, 1333, 'jpeg'));
  await writeBytes(made, 'stories/chart.png', await picture(800, 600, 'png'));
  return made;
}

function writeBytes(made: FixtureSite, file: string, bytes: Buffer): Promise<void> {
  return writeFile(path.join(made.dir, file), bytes);
}

/** The attributes of every `<img>` (and `<source>`) of a page, by name. */
function tags(html: string, name: 'img' | 'source'): Record<string, string>[] {
  return [...html.matchAll(new RegExp(`<${name}\\b([^>]*)>`, 'g'))].map((match) =>
    Object.fromEntries([...(match[1] ?? '').matchAll(/([a-z-]+)(?:="([^"]*)")?/g)].map((attribute) => [attribute[1] ?? '', attribute[2] ?? ''])),
  );
}

/** The URL and width of each candidate of a `srcset`. */
function candidates(srcset: string): { url: string; width: number }[] {
  return srcset.split(', ').map((candidate) => {
    const [url = '', width = ''] = candidate.split(' ');
    return { url, width: Number(width.replace('w', '')) };
  });
}

describe('lead images resized with sharp', () => {
  it('should publish each picture in a few widths, never wider than the original, in WebP and its own type, each file the width its srcset says', async () => {
    const made = await pictureSite();
    const outcome = await made.build();
    expect(outcome.ok, outcome.lines.join('\n')).toBe(true);
    const dist = path.join(made.dir, 'dist');
    for (const [story, original, type] of [
      ['fire', 2000, 'jpeg'],
      ['chart', 800, 'png'],
    ] as const) {
      const html = await made.read(`2018/05/${story === 'fire' ? 12 : 11}/${story}/`);
      const [img] = tags(html.slice(html.indexOf('<figure')), 'img');
      const [source] = tags(html.slice(html.indexOf('<figure')), 'source');
      expect(source?.type).toBe('image/webp');
      const sets = [...candidates(img?.srcset ?? ''), ...candidates(source?.srcset ?? '')];
      expect(sets.length).toBeGreaterThanOrEqual(2 * (original > 1600 ? 3 : 2));
      for (const { url, width } of sets) {
        const meta = await sharp(await readFile(path.join(dist, url))).metadata();
        expect(meta.width, url).toBe(width);
        expect(width).toBeLessThanOrEqual(Math.min(original, 1600));
        expect(meta.format, url).toBe(url.endsWith('.webp') ? 'webp' : type);
      }
      expect(Math.max(...sets.map((candidate) => candidate.width))).toBe(Math.min(original, 1600));
      // The intrinsic size on the <img>, of the picture's shape: the page keeps its place while it loads.
      const meta = await sharp(await readFile(path.join(dist, img?.src ?? ''))).metadata();
      expect([img?.width, img?.height]).toEqual([String(meta.width), String(meta.height)]);
      expect(Number(img?.width) / Number(img?.height)).toBeCloseTo(original / (original === 2000 ? 1333 : 600), 2);
      // The story's picture is at the top of its page: loaded at once, first.
      expect(img?.fetchpriority).toBe('high');
      expect(img?.loading).toBeUndefined();
    }
  });

  it('should show cards a real thumbnail of twice their size, lazily, and the front page lead large and at once', async () => {
    const made = await pictureSite();
    expect((await made.build()).ok).toBe(true);
    const home = await made.read('');
    const lead = tags(home.slice(home.indexOf('front-lead')), 'img')[0];
    expect(lead?.class).toBe('lead-picture');
    expect(lead?.fetchpriority).toBe('high');
    expect(lead?.loading).toBeUndefined();
    const thumbs = tags(home, 'img').filter((img) => img.class === 'thumb');
    expect(thumbs.map((thumb) => thumb.alt)).toEqual(['A chart', 'Far away']);
    const [chart, remote] = thumbs;
    expect(chart?.src).toBe('/media/chart.thumb.png');
    expect([chart?.width, chart?.height, chart?.loading]).toEqual(['192', '144', 'lazy']);
    const thumb = await sharp(await readFile(path.join(made.dir, 'dist/media/chart.thumb.png'))).metadata();
    expect([thumb.width, thumb.height]).toEqual([192, 144]);
    // A remote picture is shown as written: a build does not fetch it.
    expect(remote?.src).toBe('https://pictures.example.com/a.jpg');
    expect(remote?.srcset).toBeUndefined();
    expect(remote?.loading).toBe('lazy');
    // Link previews and feeds keep one absolute URL: the picture as copied.
    const story = await made.read('2018/05/12/fire/');
    expect(story).toContain('<meta property="og:image" content="https://example.org/media/photos/fire.jpg">');
    expect(await made.read('feed.xml')).toContain('https://example.org/media/photos/fire.jpg');
  });

  it('should resize no picture again when a story changes, and make the same files as a build without the cache', async () => {
    const made = await pictureSite();
    expect((await made.build()).ok).toBe(true);
    expect((await lastWork(made.dir)).picturesResized).toBe(2);
    await made.write('stories/plain.md', '---\ntitle: Plain again\ndate: 2018-05-09T10:00:00+03:00\n---\n\nAnother body.\n');
    expect((await made.build()).ok).toBe(true);
    const work = await lastWork(made.dir);
    expect(work.assembled).not.toBe('up-to-date');
    expect(work.picturesResized).toBe(0);
    const clean = path.join(made.dir, 'clean');
    const outcome = await build({ cwd: made.dir, out: clean, cache: false, logger: memoryLogger() });
    expect(outcome.ok).toBe(true);
    const [cached, fresh] = await Promise.all([filesBelow(path.join(made.dir, 'dist')), filesBelow(clean)]);
    expect([...cached.keys()].sort()).toEqual([...fresh.keys()].sort());
    for (const [file, bytes] of cached) expect(bytes.equals(fresh.get(file) ?? Buffer.alloc(0)), file).toBe(true);
  });

  it('should resize a picture replaced by a smaller one, and show its new sizes on every page that shows it', async () => {
    const made = await pictureSite();
    expect((await made.build()).ok).toBe(true);
    await writeBytes(made, 'stories/photos/fire.jpg', await picture(700, 700, 'jpeg', 20));
    expect((await made.build()).ok).toBe(true);
    expect((await lastWork(made.dir)).picturesResized).toBe(1);
    const files = await made.files();
    expect(files.filter((file) => file.startsWith('media/photos/'))).toEqual([
      'media/photos/fire.480w.jpg',
      'media/photos/fire.480w.webp',
      'media/photos/fire.700w.jpg',
      'media/photos/fire.700w.webp',
      'media/photos/fire.jpg',
      'media/photos/fire.thumb.jpg',
    ]);
    const img = tags(await made.read('2018/05/12/fire/'), 'img').find((tag) => tag.alt === 'Smoke over the port');
    expect([img?.width, img?.height]).toEqual(['700', '700']);
    const lead = tags(await made.read(''), 'img').find((tag) => tag.class === 'lead-picture');
    expect(lead?.srcset).toContain('fire.700w.jpg 700w');
  });

  it('should say where a picture that cannot be read is named, and publish its story without it', async () => {
    const made = await pictureSite();
    await made.write('stories/photos/fire.jpg', 'Not a picture at all.\n');
    const outcome = await made.build();
    expect(outcome.ok).toBe(true);
    const message = outcome.messages.find((each) => each.ruleId === 'unreadable-image');
    expect(message?.file).toBe('stories/fire.md');
    expect([message?.line, message?.column]).toEqual([5, 8]);
    const story = await made.read('2018/05/12/fire/');
    expect(story).not.toContain('<figure');
    expect(story).toContain('<p class="picture-credit">The fire.</p>');
    expect(await made.files()).not.toContain('media/photos/fire.jpg');
    // Mended, the picture is back on the next build.
    await writeBytes(made, 'stories/photos/fire.jpg', await picture(1000, 500, 'jpeg'));
    const mended = await made.build();
    expect(mended.messages.map((each) => each.ruleId)).not.toContain('unreadable-image');
    expect(await made.read('2018/05/12/fire/')).toContain('fire.1000w.webp 1000w');
  });
});
