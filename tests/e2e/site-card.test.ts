import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/commands/build.js';
import { createDevEngine } from '../../src/dev/engine.js';
import { memoryLogger } from '../../src/report/logger.js';
import { lastManifest, lastWork } from '../support/cli-build.js';
import { fixtureStory as story, siteMaker, type FixtureSite } from '../support/fixture-site.js';
import { parsePage, type ParsedPage } from '../support/html.js';

// The site card: the 1200 × 630 picture the build draws for link previews of a site that has no
// `image` and no logo previews show (none, or an SVG one), published at `site-card.png`.

const site = siteMaker();

const cardUrl = 'https://wire.example.org/news/site-card.png';

/** A site of two stories, a page of its own, search on, and `look` settings. */
function newsroom(look = '', title = 'Wire Desk'): string {
  return (
    `
-- site.yaml --
title: ${JSON.stringify(title)}
description: Wire stories from everywhere.
baseUrl: https://wire.example.org/news/
language: en
${look}
-- pages/about.md --
---
title: About
description: Who we are.
---
We file stories.
` +
    story('quake', 25, 'section: World\ntags: [Japan]') +
    story('rates', 24, 'section: Business')
  );
}

/** A red square and a blue bar: an SVG logo whose colours the card shows when it is drawn in. */
const svgLogo = `<svg xmlns="http://www.w3.org/2000/svg" width="60" height="20" viewBox="0 0 60 20"><rect width="20" height="20" fill="#0000ff"/><rect x="25" y="5" width="35" height="10" fill="#00c000"/></svg>`;

const meta = (page: ParsedPage, property: string) => page.attrs(`head meta[property="${property}"]`, 'content');
const named = (page: ParsedPage, name: string) => page.attrs(`head meta[name="${name}"]`, 'content');

async function card(built: FixtureSite, out = 'dist'): Promise<Buffer> {
  return readFile(path.join(built.dir, out, 'site-card.png'));
}

/** How many pixels of a region of the card are far from the paper's white (text, rules, a logo). */
async function inkedPixels(png: Buffer, region: { left: number; top: number; width: number; height: number }): Promise<number> {
  const { data, info } = await sharp(png).extract(region).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let inked = 0;
  for (let at = 0; at < data.length; at += info.channels) if ((data[at] ?? 255) + (data[at + 1] ?? 255) + (data[at + 2] ?? 255) < 3 * 128) inked++;
  return inked;
}

/** The pixels of a region of the card near a colour. */
async function pixelsNear(png: Buffer, region: { left: number; top: number; width: number; height: number }, [r, g, b]: readonly [number, number, number]): Promise<number> {
  const { data, info } = await sharp(png).extract(region).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let near = 0;
  for (let at = 0; at < data.length; at += info.channels) if (Math.abs((data[at] ?? 0) - r) + Math.abs((data[at + 1] ?? 0) - g) + Math.abs((data[at + 2] ?? 0) - b) < 60) near++;
  return near;
}

describe('the site card', () => {
  it('should be drawn for a site without a picture, 1200 × 630, and every page previewed with it', async () => {
    const built = await site(newsroom('search: true'));
    const outcome = await built.build();
    expect(outcome.ok).toBe(true);
    const png = await card(built);
    const info = await sharp(png).metadata();
    expect([info.format, info.width, info.height]).toEqual(['png', 1200, 630]);
    // The title is drawn in ink in the card's middle band; the paper around it is left white.
    expect(await inkedPixels(png, { left: 80, top: 120, width: 1040, height: 360 })).toBeGreaterThan(2000);
    expect(await inkedPixels(png, { left: 0, top: 20, width: 1200, height: 60 })).toBe(0);
    // Published like any file the build writes: the manifest names it.
    expect((await lastManifest(built.dir)).added).toContain('site-card.png');
    expect((await lastWork(built.dir)).siteCardsDrawn).toBe(1);
    for (const file of ['', '2018/05/25/quake/', 'sections/world/', 'tags/japan/', 'tags/', 'search/', 'about/', '404.html']) {
      const page = parsePage(await built.read(file));
      expect(meta(page, 'og:image'), file).toEqual([cardUrl]);
      expect(meta(page, 'og:image:width'), file).toEqual(['1200']);
      expect(meta(page, 'og:image:height'), file).toEqual(['630']);
      expect(meta(page, 'og:image:alt'), file).toEqual(['Wire Desk']);
      expect(named(page, 'twitter:card'), file).toEqual(['summary_large_image']);
    }
    const data = JSON.parse(parsePage(await built.read('2018/05/24/rates/')).text('script[type="application/ld+json"]') ?? '{}') as Record<string, unknown>;
    expect(data['image']).toBe(cardUrl);
  });

  it('should draw a title of markup characters as text, and the same bytes on every clean build', async () => {
    const built = await site(newsroom('', 'Wire <Desk> & "Friends" </svg><script>'));
    expect((await built.build()).ok).toBe(true);
    const first = await card(built);
    expect(await inkedPixels(first, { left: 80, top: 120, width: 1040, height: 360 })).toBeGreaterThan(2000);
    for (const out of ['clean-a', 'clean-b']) {
      const outcome = await build({ cwd: built.dir, out: path.join(built.dir, out), cache: false, logger: memoryLogger() });
      expect(outcome.ok).toBe(true);
      expect((await card(built, out)).equals(first), out).toBe(true);
    }
  });

  it('should be taken from the cache by a warm build, and drawn again when the title changes', async () => {
    const built = await site(newsroom());
    expect((await built.build()).ok).toBe(true);
    const first = await card(built);
    await built.write('stories/rates.md', '---\ntitle: Rates held\ndate: 2018-05-24T10:00:00+03:00\nsection: Business\n---\n\nThe bank held rates.\n');
    expect((await built.build()).ok).toBe(true);
    const warm = await lastWork(built.dir);
    expect(warm.assembled).not.toBe('up-to-date');
    expect(warm.siteCardsDrawn).toBe(0);
    expect((await card(built)).equals(first)).toBe(true);
    await built.write('site.yaml', (await readFile(path.join(built.dir, 'site.yaml'), 'utf8')).replace('title: "Wire Desk"', 'title: "Desk of the Wire"'));
    expect((await built.build()).ok).toBe(true);
    expect((await lastWork(built.dir)).siteCardsDrawn).toBe(1);
    expect((await card(built)).equals(first)).toBe(false);
    expect((await lastManifest(built.dir)).changed).toContain('site-card.png');
  });

  it('should draw an SVG logo into the card, and again when the logo changes', async () => {
    const built = await site(`${newsroom('logo: {src: logo.svg}')}\n-- static/logo.svg --\n${svgLogo}\n`);
    expect((await built.build()).ok).toBe(true);
    const png = await card(built);
    // The logo's box is at the card's top left, under the accent band.
    const logoBox = { left: 80, top: 56, width: 520, height: 110 };
    expect(await pixelsNear(png, logoBox, [0, 0, 255])).toBeGreaterThan(1000);
    expect(await pixelsNear(png, logoBox, [0, 192, 0])).toBeGreaterThan(1000);
    const page = parsePage(await built.read(''));
    expect(meta(page, 'og:image')).toEqual([cardUrl]);
    expect(named(page, 'twitter:card')).toEqual(['summary_large_image']);
    await writeFile(path.join(built.dir, 'static/logo.svg'), svgLogo.replace('#0000ff', '#ff00ff'));
    expect((await built.build()).ok).toBe(true);
    expect((await lastWork(built.dir)).siteCardsDrawn).toBe(1);
    const redrawn = await card(built);
    expect(await pixelsNear(redrawn, logoBox, [255, 0, 255])).toBeGreaterThan(1000);
    expect(await pixelsNear(redrawn, logoBox, [0, 0, 255])).toBe(0);
  });

  it('should not be made for a site with an image or a raster logo', async () => {
    const logoPng = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#b3121f' } })
      .png()
      .toBuffer();
    for (const look of ['image: share.png', 'logo: {src: logo.png}']) {
      const built = await site(`${newsroom(look)}\n-- static/share.png --\nPNG\n`);
      await writeFile(path.join(built.dir, 'static/logo.png'), logoPng);
      expect((await built.build()).ok, look).toBe(true);
      expect(await built.files(), look).not.toContain('site-card.png');
      expect((await lastWork(built.dir)).siteCardsDrawn, look).toBe(0);
      const page = parsePage(await built.read(''));
      expect(meta(page, 'og:image'), look).toEqual([look.startsWith('image') ? 'https://wire.example.org/news/share.png' : 'https://wire.example.org/news/logo.png']);
      expect(meta(page, 'og:image:width'), look).toEqual([]);
    }
  });

  it("should report a file of static/ at the card's path as taken", async () => {
    const built = await site(`${newsroom()}\n-- static/site-card.png --\nPNG\n`);
    const outcome = await built.build();
    expect(outcome.ok).toBe(false);
    expect(outcome.messages.map((message) => `${message.file ?? ''} ${message.ruleId ?? ''}`)).toContain('static/site-card.png static-path-taken');
  });

  it('should be served by wiredesk dev, and drawn again when the logo changes', async () => {
    const built = await site(`${newsroom('logo: {src: logo.svg}')}\n-- static/logo.svg --\n${svgLogo}\n`);
    const engine = await createDevEngine({ cwd: built.dir });
    expect(engine.initial.ok).toBe(true);
    const servedCard = async (): Promise<Buffer | undefined> => {
      const served = engine.lookup('site-card.png');
      expect(served?.kind === 'bytes' ? served.contentType : undefined).toBe('image/png');
      return served?.kind === 'bytes' ? Buffer.from(served.body) : undefined;
    };
    const first = await servedCard();
    expect(first && (await sharp(first).metadata()).width).toBe(1200);
    const logoFile = path.join(built.dir, 'static/logo.svg');
    await writeFile(logoFile, svgLogo.replace('#0000ff', '#ff00ff'));
    expect((await engine.update([logoFile])).ok).toBe(true);
    const redrawn = await servedCard();
    expect(redrawn && (await pixelsNear(redrawn, { left: 80, top: 56, width: 520, height: 110 }, [255, 0, 255]))).toBeGreaterThan(1000);
  });
});
