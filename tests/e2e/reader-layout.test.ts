import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browsedSite, type BrowsedSite } from '../support/browsed-site.js';
import { parsePage } from '../support/html.js';

/**
 * A Moscow desk with every page type: a story with all a meta line can hold (a long byline, an
 * update, a long section and topic), a caption and credit without a picture, a killed story, a
 * page, and enough stories for an archive page.
 */
const desk = `
-- site.yaml --
title: Wire
baseUrl: https://example.com/
timezone: Europe/Moscow
pageSize: 2
-- pages/about.md --
---
title: About the desk
updated: 2026-03-01T12:00:00+03:00
---
We file stories around the clock.
-- stories/a.md --
---
title: Central bank holds the key rate at sixteen per cent for the third meeting in a row
date: 2018-05-25T16:40:00+03:00
updated: 2018-05-25T18:05:00+03:00
byline: Yekaterina Konstantinopolskaya and Maximilian Hohenzollern-Sigmaringen
section: World
urgency: 2
topics: [St. Petersburg International Economic Forum 2018]
tags: [cooperation, Vladimir Putin, Japan]
image:
  caption: The bank's headquarters in Moscow.
  credit: © Sputnik / Mikhail Klimentyev
note: Sputnik is the official media partner of the forum.
---
The central bank kept its key rate unchanged on Friday, citing persistent inflation risks.
-- stories/b.md --
---
title: Story B
date: 2018-05-24T10:00:00Z
section: World
topics: [St. Petersburg International Economic Forum 2018]
---
B.
-- stories/c.md --
---
title: Story C
date: 2018-05-23T10:00:00+03:00
status: canceled
---
C.
-- stories/d.md --
---
title: Story D
date: 2018-05-22T10:00:00+03:00
---
D.
-- stories/e.md --
---
title: Story E
date: 2018-05-21T10:00:00+03:00
---
E.
`;

/** Every page type a reader can land on, by site path. */
const pageTypes = [
  ['home', ''],
  ['section', 'sections/world/'],
  ['topic', 'topics/st-petersburg-international-economic-forum-2018/'],
  ['tag', 'tags/japan/'],
  ['archive', 'page/1/'],
  ['story', '2018/05/25/a/'],
  ['killed', '2018/05/23/c/'],
  ['search', 'search/'],
  ['not-found', '404.html'],
  ['term-index', 'topics/'],
  ['page', 'about/'],
] as const;

/**
 * The screens: a desktop, a phone, a small phone, and a phone whose reader set text to 200 %.
 * Text size is the browser's default font size doubled (`html { font-size: 200% }`), as a reader's
 * text-size setting does: every `rem` grows, the viewport does not. (Page zoom at 200 % on a 640 px
 * screen is the 320 px screen, which is tested as it is.)
 */
const screens = [
  { name: '1280', width: 1280, textSize: 100 },
  { name: '390', width: 390, textSize: 100 },
  { name: '320', width: 320, textSize: 100 },
  { name: '390-text200', width: 390, textSize: 200 },
] as const;

/** Where the screenshots go, for a person to look at. */
const shots = path.join(os.tmpdir(), 'wiredesk-reader-layout');

/** Run a script in the page (the tests compile without the DOM's types, so scripts are text). */
async function inPage<T>(page: Page, script: string): Promise<T> {
  return (await page.evaluate(script)) as T;
}

describe('the pages as a reader sees them on a phone, zoomed and on a desktop', () => {
  let browsed: BrowsedSite;

  beforeAll(async () => {
    browsed = await browsedSite(desk);
    await mkdir(shots, { recursive: true });
  }, 60_000);
  afterAll(() => browsed.close());

  /** A page of the site open at a screen's width and text size. */
  async function open(address: string, screen: (typeof screens)[number]): Promise<Page> {
    const page = await browsed.browser.newPage({ viewport: { width: screen.width, height: 800 } });
    await page.goto(`${browsed.url}${address}`);
    if (screen.textSize !== 100) await page.addStyleTag({ content: `html { font-size: ${screen.textSize}% }` });
    return page;
  }

  it(`should never scroll sideways on any page type at 1280 or 320 px or at 200 % text (screenshots in ${shots})`, async () => {
    const overflowing: string[] = [];
    await Promise.all(
      screens.map(async (screen) => {
        const page = await browsed.browser.newPage({ viewport: { width: screen.width, height: 800 } });
        for (const [name, address] of pageTypes) {
          await page.goto(`${browsed.url}${address}`);
          if (screen.textSize !== 100) await page.addStyleTag({ content: `html { font-size: ${screen.textSize}% }` });
          const { scrollWidth, innerWidth } = await inPage<{ scrollWidth: number; innerWidth: number }>(page, '({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })');
          if (scrollWidth > innerWidth) overflowing.push(`${name} at ${screen.name}: ${scrollWidth} px wide in ${innerWidth} px`);
          await page.screenshot({ path: path.join(shots, `${name}-${screen.name}.png`), fullPage: true });
        }
        await page.close();
      }),
    );
    expect(overflowing).toEqual([]);
  }, 120_000);

  it("should space the meta line's parts and keep each whole, 'Updated' on its time's line, inside a phone's screen", async () => {
    const story = parsePage(await browsed.site.read('2018/05/25/a/'));
    // Real spaces between the parts: copied or read aloud, the line does not run words together.
    expect(story.text('.story-meta')).toBe('By Yekaterina Konstantinopolskaya and Maximilian Hohenzollern-Sigmaringen 25 May 2018, 16:40 MSK Updated 25 May 2018, 18:05 MSK 1 min read');
    for (const screen of screens.filter(({ width }) => width < 1000)) {
      const page = await open('2018/05/25/a/', screen);
      const layout = await inPage<{ right: number; width: number; label: number; time: number }>(
        page,
        `(() => {
          const parts = [...document.querySelectorAll('.story-meta > *')].map((part) => part.getBoundingClientRect());
          const updated = document.querySelector('.story-meta .updated');
          const range = document.createRange();
          range.selectNodeContents(updated.firstChild);
          return {
            right: Math.max(...parts.map((box) => box.right)),
            width: document.querySelector('.story-meta').getBoundingClientRect().right,
            label: range.getClientRects()[0].top,
            time: updated.querySelector('time').getClientRects()[0].top,
          };
        })()`,
      );
      await page.close();
      expect(layout.right, screen.name).toBeLessThanOrEqual(layout.width);
      expect(Math.abs(layout.label - layout.time), `"Updated" and its time at ${screen.name}`).toBeLessThan(2);
    }
  });

  it("should write every time in the site's zone with its abbreviation, whatever offset the author used", async () => {
    const story = parsePage(await browsed.site.read('2018/05/24/b/'));
    expect(story.text('.story-meta .published')).toBe('24 May 2018, 13:00 MSK');
    expect(story.attrs('.story-meta .published time', 'dateTime')).toEqual(['2018-05-24T10:00:00+00:00']);
    expect(parsePage(await browsed.site.read('about/')).text('.story-meta')).toBe('Updated 1 March 2026, 12:00 MSK');
  });

  it('should show a caption and credit without a picture as a plain credit line, not an empty frame', async () => {
    const story = parsePage(await browsed.site.read('2018/05/25/a/'));
    expect(story.texts('figure')).toEqual([]);
    expect(story.texts('.story-header + .picture-credit, .story > .picture-credit')).toEqual(['The bank’s headquarters in Moscow. © Sputnik / Mikhail Klimentyev']);
    expect(story.texts('.picture-credit .credit')).toEqual(['© Sputnik / Mikhail Klimentyev']);
  });

  it('should mark the current section, and give menu links, pills and page links a 44 px target on a phone', async () => {
    const phone = screens[1];
    const section = await open('sections/world/', phone);
    const current = await inPage<{ href: string; mark: string }[]>(
      section,
      `[...document.querySelectorAll('.site-nav a[aria-current="page"]')].map((link) => ({ href: link.getAttribute('href'), mark: getComputedStyle(link).boxShadow }))`,
    );
    expect(current.map(({ href }) => href)).toEqual(['/sections/world/']);
    expect(current[0]?.mark).not.toBe('none');
    // A story of the section: its entry marks the reader's place too.
    const story = await open('2018/05/24/b/', phone);
    const place = await inPage<{ href: string; mark: string }[]>(
      story,
      `[...document.querySelectorAll('.site-nav a[aria-current]')].map((link) => ({ href: link.getAttribute('href'), mark: link.getAttribute('aria-current') }))`,
    );
    await story.close();
    expect(place).toEqual([{ href: '/sections/world/', mark: 'true' }]);
    const navRows = await inPage<number>(section, `new Set([...document.querySelectorAll('.site-nav li')].map((item) => item.getBoundingClientRect().top)).size`);
    expect(navRows, 'the menu in one row').toBe(1);
    await section.close();
    // At 200 % text the row is wider than the phone: it scrolls on its own, the page does not.
    const zoomed = await open('sections/world/', screens[3]);
    const menu = await inPage<{ overflow: string; scrollWidth: number; clientWidth: number }>(
      zoomed,
      `(() => { const nav = document.querySelector('.site-nav'); return { overflow: getComputedStyle(nav).overflowX, scrollWidth: nav.scrollWidth, clientWidth: nav.clientWidth }; })()`,
    );
    await zoomed.close();
    expect(menu.overflow).toBe('auto');
    expect(menu.scrollWidth).toBeGreaterThan(menu.clientWidth);
    const heights: string[] = [];
    for (const [address, selector] of [
      ['', '.site-nav a'],
      ['', '.pagination a'],
      ['2018/05/25/a/', '.pills a'],
    ] as const) {
      const page = await open(address, phone);
      const found = await inPage<number[]>(page, `[...document.querySelectorAll(${JSON.stringify(selector)})].map((link) => link.getBoundingClientRect().height)`);
      await page.close();
      expect(found.length, `${selector} on /${address}`).toBeGreaterThan(0);
      heights.push(...found.filter((height) => height < 44).map((height) => `${selector} on /${address}: ${height} px`));
    }
    expect(heights).toEqual([]);
  });

  it('should draw a visible focus ring around the link a keyboard reaches', async () => {
    const page = await open('2018/05/25/a/', screens[0]);
    // The skip link first, then the site's title.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.screenshot({ path: path.join(shots, 'focus-1280.png'), clip: { x: 0, y: 0, width: 640, height: 120 } });
    const ring = await inPage<{ className: string; style: string; width: number }>(
      page,
      `(() => { const focused = document.activeElement; const style = getComputedStyle(focused); return { className: focused.className, style: style.outlineStyle, width: parseFloat(style.outlineWidth) }; })()`,
    );
    await page.close();
    expect(ring.className).toBe('site-title');
    expect(ring.style).toBe('solid');
    expect(ring.width).toBeGreaterThanOrEqual(2);
  });

  it("should set the urgent kicker's section link apart from the label by more than its colour (axe link-in-text-block)", async () => {
    const page = await open('2018/05/25/a/', screens[0]);
    const link = await inPage<{ display: string; decoration: string }>(
      page,
      `(() => { const style = getComputedStyle(document.querySelector('.kicker a')); return { display: style.display, decoration: style.textDecorationLine }; })()`,
    );
    await page.close();
    // axe counts a link as in a block of text unless it is a box of its own, or tells it apart by its underline.
    expect(link.display !== 'inline' || link.decoration.includes('underline'), JSON.stringify(link)).toBe(true);
  });
});
