import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browsedSite, type BrowsedSite } from '../support/browsed-site.js';

/** A wire story's body of exactly `words` words, in paragraphs of 40 words as wire copy has them. */
function storyText(words: number): string {
  const sentence = 'The central bank kept its key rate unchanged on Friday, citing persistent inflation risks and a weaker rouble.'.split(' ');
  const all = Array.from({ length: words }, (_, index) => sentence[index % sentence.length] ?? '');
  const paragraphs: string[] = [];
  for (let start = 0; start < all.length; start += 40) paragraphs.push(all.slice(start, start + 40).join(' '));
  return paragraphs.join('\n\n');
}

const picture = '<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1000" viewBox="0 0 1600 1000"><rect width="1600" height="1000" fill="#5b7083"/></svg>';

/** A 301-word story with everything a story page can carry around it: menu, pills, related stories, feeds, a footer. */
const desk = `
-- site.yaml --
title: Wire
baseUrl: https://example.com/news/
timezone: Europe/Moscow
-- stories/rate.svg --
${picture}
-- stories/rate.md --
---
title: Central bank holds the key rate at sixteen per cent for the third meeting in a row
date: 2018-05-25T16:40:00+03:00
updated: 2018-05-25T18:05:00+03:00
byline: Yekaterina Konstantinopolskaya
section: Business
topics: [Central bank, Inflation]
tags: [rouble, rates, Russia]
image:
  src: rate.svg
  alt: The central bank's headquarters
  caption: The central bank's headquarters in Moscow.
  credit: © Sputnik / Mikhail Klimentyev
note: Sputnik is the official media partner of the forum.
corrections:
  - date: 2018-05-26T09:00:00+03:00
    text: An earlier version gave the wrong rate.
---
${storyText(301)}
-- stories/older.md --
---
title: Central bank cuts the key rate
date: 2018-04-25T16:40:00+03:00
section: Business
topics: [Central bank, Inflation]
---
The central bank cut its key rate.
`;

/** Where the printed story goes, for a person to look at. */
const shots = path.join(os.tmpdir(), 'wiredesk-print-story');

/** The number of pages of a PDF, from its page objects (`/Type /Page`, not `/Pages`). */
function pdfPageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}

describe('a story printed from the browser', () => {
  let browsed: BrowsedSite;

  beforeAll(async () => {
    browsed = await browsedSite(desk, { basePath: '/news/' });
  }, 60_000);
  afterAll(() => browsed.close());

  it(`should fit a 301-word story with its picture on one A4 page (the PDF in ${shots})`, async () => {
    const page = await browsed.browser.newPage();
    await page.goto(`${browsed.url}2018/05/25/rate/`);
    expect(await page.locator('.story-body').evaluate((body) => (body.textContent ?? '').trim().split(/\s+/).length)).toBe(301);
    expect(await page.locator('.lead-figure img').evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth)).toBe(1600);
    const pdf = await page.pdf({ format: 'A4' });
    // For a person to look at: the PDF, and the page as print lays it out at A4's width.
    await mkdir(shots, { recursive: true });
    await writeFile(path.join(shots, 'story.pdf'), pdf);
    // A4 is 794 px wide at 96 dpi, less the stylesheet's page margins.
    await page.setViewportSize({ width: 681, height: 1024 });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(shots, 'story-print.png'), fullPage: true });
    await page.close();
    expect(pdfPageCount(pdf)).toBe(1);
  });

  it("should print the headline, meta line, picture, body, note, corrections and the page's address, and nothing of the site around them", async () => {
    const page = await browsed.browser.newPage();
    await page.goto(`${browsed.url}2018/05/25/rate/`);
    await page.emulateMedia({ media: 'print' });
    const shown = async (selector: string) => page.locator(selector).first().isVisible();
    for (const selector of ['h1', '.story-meta', '.lead-figure img', '.lead-figure figcaption', '.story-body', '.note', '.corrections', '.print-url']) {
      expect(await shown(selector), selector).toBe(true);
    }
    for (const selector of ['.site-nav', '.pills', '.story-terms', '.related', '.site-footer', '.feeds', '.skip-link']) {
      expect(await shown(selector), selector).toBe(false);
    }
    expect(await page.locator('.print-url').textContent()).toBe('https://example.com/news/2018/05/25/rate/');
    const order = await page.evaluate('[...document.querySelectorAll(".story-body, .note, .corrections, .print-url")].map((element) => element.className)');
    expect(order).toEqual(['story-body', 'note', 'corrections', 'print-url']);
    await page.emulateMedia({ media: 'screen' });
    expect(await shown('.print-url'), 'the address on screen').toBe(false);
    await page.close();
  });
});
