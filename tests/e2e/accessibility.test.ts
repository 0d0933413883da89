import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browsedSite, type BrowsedSite } from '../support/browsed-site.js';
import { serveFolder } from '../support/static-server.js';

/** axe-core's browser build, put into each page as a script. */
const axeScript = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * A desk with every page type: an urgent story with all a story can show (byline, update,
 * section, topic, tags, note, a caption and credit), a killed story, a page, enough stories for
 * an archive page, and a word to search for.
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
---
We file stories around the clock.
-- stories/a.md --
---
title: Central bank holds the key rate
date: 2018-05-25T16:40:00+03:00
updated: 2018-05-25T18:05:00+03:00
byline: Yekaterina Konstantinopolskaya
section: World
urgency: 2
topics: [Economic Forum]
tags: [Japan, cooperation]
image:
  caption: The bank's headquarters in Moscow.
  credit: © Sputnik
note: Sputnik is the official media partner of the forum.
---
MOSCOW (Sputnik) – The central bank kept its key rate unchanged on Friday, citing inflation risks.

## Markets

Traders had expected the decision. See [the forum](https://example.org/forum).
-- stories/b.md --
---
title: Story B on the key rate
date: 2018-05-24T10:00:00Z
section: World
topics: [Economic Forum]
tags: [Japan]
---
The rate story, day two.
-- stories/c.md --
---
title: Story C
date: 2018-05-23T10:00:00+03:00
status: canceled
note: Withdrawn for legal reasons.
---
C.
-- stories/d.md --
---
title: Story D
date: 2018-05-22T10:00:00+03:00
section: Business
---
D.
-- stories/e.md --
---
title: Story E
date: 2018-05-21T10:00:00+03:00
---
E.
`;

/** Every page type a reader can land on, by site path; the search page with results shown. */
const pageTypes = [
  ['home', ''],
  ['section', 'sections/world/'],
  ['topic', 'topics/economic-forum/'],
  ['tag', 'tags/japan/'],
  ['archive', 'page/1/'],
  ['story', '2018/05/25/a/'],
  ['killed', '2018/05/23/c/'],
  ['search', 'search/?q=rate'],
  ['not-found', '404.html'],
  ['term-index', 'topics/'],
  ['feeds', 'feeds/'],
  ['page', 'about/'],
] as const;

/** A desktop and a phone, in the light and the dark colour scheme. */
const screens = [
  { name: '1280', width: 1280, colorScheme: 'light' },
  { name: '390', width: 390, colorScheme: 'light' },
  { name: '390-dark', width: 390, colorScheme: 'dark' },
] as const;

/** Where the screenshots go, for a person to look at. */
const shots = path.join(os.tmpdir(), 'wiredesk-accessibility');

/** One rule axe found broken on a page, with the elements that break it. */
interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

/** Run axe-core over the whole page (the tests compile without the DOM's types, so the script is text). */
async function axeViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: axeScript });
  const result = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as { violations: Violation[] };
  return result.violations;
}

describe('every page type under axe-core, in Chromium', () => {
  let browsed: BrowsedSite;

  beforeAll(async () => {
    browsed = await browsedSite(desk, { serve: serveFolder });
    await mkdir(shots, { recursive: true });
  }, 60_000);
  afterAll(() => browsed?.close());

  it(`should find no violation on any page type at 1280 and 390 px, light and dark (screenshots in ${shots})`, async () => {
    const found: string[] = [];
    await Promise.all(
      screens.map(async (screen) => {
        const page = await browsed.browser.newPage({ viewport: { width: screen.width, height: 800 }, colorScheme: screen.colorScheme });
        for (const [name, address] of pageTypes) {
          await page.goto(`${browsed.url}${address}`);
          // The search page is checked with its results listed, as a reader sees it after a search.
          if (name === 'search') await page.waitForSelector('#search-list .search-result', { timeout: 10_000 });
          for (const violation of await axeViolations(page)) {
            found.push(`${name} at ${screen.name}: ${violation.id} (${violation.impact ?? 'no impact'}) at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
          }
          await page.screenshot({ path: path.join(shots, `${name}-${screen.name}.png`), fullPage: true });
        }
        await page.close();
      }),
    );
    expect(found).toEqual([]);
  }, 120_000);
});
