import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browsedSite, type BrowsedSite } from '../support/browsed-site.js';
import { fixtureStory, type FixtureSite } from '../support/fixture-site.js';
import { writePicture } from '../support/pictures.js';

// Pictures as a reader on a phone gets them: the page keeps its place while they load (no layout
// shift), a file sized for the phone rather than the original, thumbnails below the fold lazily.

/** Where the screenshots go, to look at. */
const shots = '/tmp/pictures-shots';

type Shift = { readonly value: number; readonly hadRecentInput: boolean };
type Observer = new (callback: (list: { getEntries(): Shift[] }) => void) => { observe(options: { type: string; buffered: boolean }): void };
type Window = { PerformanceObserver: Observer; layoutShift?: number };
type Picture = { readonly currentSrc: string; readonly complete: boolean; readonly naturalWidth: number; getAttribute(name: string): string | null };
type Document = { querySelectorAll(selector: string): ArrayLike<Picture> };

/** Count layout shifts from the start of the page (run before any of its scripts). */
function recordLayoutShifts(): void {
  const window = globalThis as unknown as Window;
  window.layoutShift = 0;
  new window.PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.layoutShift = (window.layoutShift ?? 0) + entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
}

/** Open `url` with every picture answered late (so that text is laid out first), wait until they are in, and give the layout shift. */
async function openWithSlowPictures(page: Page, url: string): Promise<number> {
  await page.addInitScript(recordLayoutShifts);
  await page.route('**/media/**', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    await route.continue();
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => [...Array.from((globalThis as unknown as { document: Document }).document.querySelectorAll('img[fetchpriority]'))].every((image) => image.complete));
  await page.waitForTimeout(100);
  return page.evaluate(() => (globalThis as unknown as Window).layoutShift ?? 0);
}

describe('pictures in Chromium on a phone', () => {
  let browsed: BrowsedSite;
  beforeAll(async () => {
    const stories = Array.from({ length: 12 }, (_, index) => fixtureStory(`s${index}`, 20 - index, `image: {src: p${index}.jpg, alt: Picture ${index}, caption: Caption ${index}.}`));
    const pictures = async (site: FixtureSite) => {
      for (let index = 0; index < 12; index++) await writePicture(path.join(site.dir, `stories/p${index}.jpg`), { width: 2000, height: 1333, red: index * 20 });
    };
    browsed = await browsedSite(`-- site.yaml --\ntitle: Pictures\nbaseUrl: https://example.org/\n${stories.join('')}`, { prepare: pictures });
    await mkdir(shots, { recursive: true });
  }, 60_000);
  afterAll(() => browsed.close());

  it('should keep a story page in place while its picture loads, and load a file sized for the phone (screenshot in /tmp/pictures-shots)', async () => {
    const page = await browsed.browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    const shift = await openWithSlowPictures(page, `${browsed.url}2018/05/20/s0/`);
    await page.screenshot({ path: `${shots}/story-390.png` });
    expect(shift).toBeLessThan(0.01);
    const lead = await page.locator('.lead-figure img').evaluate((image) => {
      const picture = image as unknown as Picture & { getBoundingClientRect(): { width: number; height: number } };
      const box = picture.getBoundingClientRect();
      return { src: picture.currentSrc, width: box.width, height: box.height };
    });
    // 358 CSS pixels on a 2× screen: the 960 px WebP, not the 2,000 px original.
    expect(lead.src).toMatch(/\/media\/p0\.960w\.webp$/);
    expect(lead.width / lead.height).toBeCloseTo(2000 / 1333, 1);
    await page.close();
  });

  it('should keep the front page in place while its pictures load, the lead at once and the thumbnails lazily and small (screenshot in /tmp/pictures-shots)', async () => {
    const page = await browsed.browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    const shift = await openWithSlowPictures(page, browsed.url);
    await page.screenshot({ path: `${shots}/home-390.png` });
    expect(shift).toBeLessThan(0.01);
    expect(await page.locator('.front-lead img').getAttribute('loading')).toBeNull();
    expect(await page.locator('.front-lead img').getAttribute('fetchpriority')).toBe('high');
    const thumbs = page.locator('img.thumb');
    expect(await thumbs.count()).toBeGreaterThan(0);
    expect(await thumbs.evaluateAll((images) => images.map((image) => (image as unknown as Picture).getAttribute('loading')))).toEqual(Array.from({ length: await thumbs.count() }, () => 'lazy'));
    // A thumbnail shown on screen is the 192 px thumbnail, not the original.
    await thumbs.first().scrollIntoViewIfNeeded();
    await page.waitForFunction(() => (globalThis as unknown as { document: Document }).document.querySelectorAll('img.thumb')[0]?.complete === true);
    expect(await thumbs.first().evaluate((image) => (image as unknown as Picture).currentSrc)).toMatch(/\.thumb\.jpg$/);
    await page.close();
  });
});
