import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { serveStatic, type StaticServer } from '../support/checkers/linkchecker.js';
import { fixtureSite, type FixtureSite } from '../support/fixture-site.js';
import { frontPageSite } from '../support/front-page-fixtures.js';

/** Where the screenshots go, to look at. */
const shots = '/tmp/front-page-shots';

type Box = { readonly width: number; readonly height: number };
type Root = { document: { documentElement: { scrollWidth: number; clientWidth: number; scrollHeight: number } } };

describe('the front page as a reader sees it in Chromium', () => {
  let built: FixtureSite;
  let server: StaticServer;
  let browser: Browser;
  beforeAll(async () => {
    built = await fixtureSite(frontPageSite(24));
    const outcome = await built.build();
    expect(outcome.ok, outcome.lines.join('\n')).toBe(true);
    server = await serveStatic(path.join(built.dir, 'dist'));
    browser = await launchBrowser();
    await mkdir(shots, { recursive: true });
  });
  afterAll(async () => {
    await browser.close();
    await server.close();
    await built.remove();
  });

  it('should show the lead large, then the cards, then the river, on a desktop and a phone (screenshots in /tmp/front-page-shots)', async () => {
    const heights: Record<number, number> = {};
    for (const width of [1280, 390]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(server.url);
      await page.screenshot({ path: `${shots}/home-${width}.png`, fullPage: true });
      const box = async (selector: string): Promise<Box> => (await page.locator(selector).first().boundingBox()) ?? { width: 0, height: 0 };
      const size = await page.evaluate(() => {
        const root = (globalThis as unknown as Root).document.documentElement;
        return { overflow: root.scrollWidth - root.clientWidth, height: root.scrollHeight };
      });
      heights[width] = size.height;
      expect(size.overflow, `the home page at ${width} px scrolls sideways`).toBeLessThanOrEqual(0);
      const picture = await page.locator('.front-lead img.lead-picture').evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth);
      expect(picture, 'the lead picture loaded').toBeGreaterThan(0);
      const lead = await box('.front-lead img.lead-picture');
      const card = await box('.cards .card');
      const line = await box('.river .card.line');
      // The lead's picture takes most of the page's width on a desktop, all of it on a phone; a river line takes a line or two.
      expect(lead.width, `the lead picture at ${width} px`).toBeGreaterThan(width === 1280 ? 560 : 340);
      expect(lead.width).toBeGreaterThan(card.width * (width === 1280 ? 2 : 0.9));
      expect(line.height, `a river line at ${width} px`).toBeLessThan(70);
      await page.close();
    }
    // A grid of twenty cards with their whole first paragraphs was 7,398 px tall on a phone.
    expect(heights[390]).toBeLessThan(4000);
    console.info(`home page height: ${heights[1280]} px at 1280 px, ${heights[390]} px at 390 px`);
  });

  it('should fit a section page and an archive page on a phone (screenshots in /tmp/front-page-shots)', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 900 } });
    for (const [name, address] of [
      ['section', 'sections/politics/'],
      ['archive', 'page/1/'],
    ] as const) {
      await page.goto(`${server.url}${address}`);
      await page.screenshot({ path: `${shots}/${name}-390.png`, fullPage: true });
      const overflow = await page.evaluate(() => {
        const root = (globalThis as unknown as Root).document.documentElement;
        return root.scrollWidth - root.clientWidth;
      });
      expect(overflow, `the ${name} page scrolls sideways`).toBeLessThanOrEqual(0);
    }
    await page.close();
  });

  it('should add how long ago beside the times of cards for readers with JavaScript, and keep the absolute time for those without', async () => {
    const withScript = await browser.newPage({ viewport: { width: 390, height: 900 } });
    // Twelve minutes after story 24 (23:00 Moscow time) was filed.
    await withScript.clock.install({ time: new Date('2026-12-06T23:12:00+03:00') });
    await withScript.goto(server.url);
    await withScript.screenshot({ path: `${shots}/home-390-relative.png` });
    const first = withScript.locator('.cards .card-meta').first();
    expect(await first.locator('time').innerText()).toBe('6 December 2026, 23:00 MSK');
    expect(await first.locator('.time-ago').innerText()).toBe('12 min. ago');
    expect(await withScript.locator('.river .card.line').first().locator('.time-ago').innerText()).toBe('5 hr. ago');
    await withScript.clock.runFor(60_000);
    expect(await first.locator('.time-ago').innerText()).toBe('13 min. ago');
    await withScript.close();

    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 900 } });
    const withoutScript = await context.newPage();
    await withoutScript.goto(server.url);
    expect(await withoutScript.locator('.time-ago').count()).toBe(0);
    expect(await withoutScript.locator('.cards .card-meta time').first().innerText()).toBe('6 December 2026, 23:00 MSK');
    await context.close();
  });
});
