import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { startDevProcess, type DevProcess } from '../support/dev-process.js';
import { fixtureSite, type FixtureSite } from '../support/fixture-site.js';

const story = (id: string, day: number, frontMatter = '') => `-- stories/${id}.md --\n---\ntitle: Story ${id.toUpperCase()}\ndate: 2018-05-0${day}T10:00:00Z\n${frontMatter}\n---\n\nBody of ${id}.\n`;

describe('wiredesk dev keeps going, and previews drafts', () => {
  let browser: Browser;
  let fixture: FixtureSite | undefined;
  let server: DevProcess | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    expect(await server?.stop()).toBe(0);
    await fixture?.remove();
  });

  it('should serve the good stories on first start and list the broken one in the overlay', async () => {
    fixture = await fixtureSite([story('a', 1), story('c', 3), '-- stories/b.md --\n---\ntitle: Story B\ndate: tomorrow\n---\n\nBody of b.\n'].join(''));
    server = await startDevProcess(fixture.dir);
    expect(server.lines.join('\n')).toMatch(/Built \d+ pages in [\d.]+ ms, leaving out 1 broken story: stories\/b\.md/);
    expect((await fetch(`${server.url}2018/05/02/b/`)).status).toBe(404);

    const page = await browser.newPage();
    try {
      const response = await page.goto(`${server.url}2018/05/01/a/`);
      expect(response?.status()).toBe(200);
      expect(await page.locator('h1').first().textContent()).toBe('Story A');
      const overlay = page.locator('#wiredesk-overlay');
      await expect.poll(() => overlay.textContent(), { timeout: 10_000 }).toMatch(/stories\/b\.md:3:7 {2}error {2}/);

      await page.goto(server.url);
      expect(await page.locator('main h2 a, main h3 a').allTextContents()).toEqual(['Story C', 'Story A']);

      await fixture.write('stories/b.md', story('b', 2).split('\n').slice(1).join('\n'));
      await expect.poll(() => page.locator('main h2 a, main h3 a').allTextContents(), { timeout: 10_000 }).toEqual(['Story C', 'Story B', 'Story A']);
      expect(await overlay.count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('should read a folder large enough for the model threads, each story at its own URL, and list the broken one', async () => {
    const date = (index: number) => (index === 7 ? 'tomorrow' : '2018-05-01T10:00:00Z');
    const many = Array.from({ length: 220 }, (_, index) => `-- stories/wire/s${index}.md --\n---\ntitle: Story ${index}\ndate: ${date(index)}\n---\n\nBody of ${index}.\n`);
    fixture = await fixtureSite(many.join(''));
    server = await startDevProcess(fixture.dir);
    expect(server.lines.join('\n')).toMatch(/leaving out 1 broken story: stories\/wire\/s7\.md/);
    for (const index of [0, 8, 219]) {
      const response = await fetch(`${server.url}2018/05/01/s${index}/`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain(`Body of ${index}.`);
    }
    expect((await fetch(`${server.url}2018/05/01/s7/`)).status).toBe(404);
  });

  it('should preview at --now, and show an embargoed story with a banner with --drafts', async () => {
    fixture = await fixtureSite([story('a', 1), story('b', 2, 'embargo: 2018-05-03T10:00:00Z')].join(''));
    server = await startDevProcess(fixture.dir, ['--now', '2018-05-02T12:00:00Z', '--drafts']);
    const embargoed = await fetch(`${server.url}2018/05/02/b/`);
    expect(embargoed.status).toBe(200);
    const html = await embargoed.text();
    expect(html).toMatch(/<p class="draft-banner" role="status">Embargoed until <time datetime="2018-05-03T10:00:00\+00:00">3 May 2018, 10:00 UTC<\/time>/);
    expect(html).toContain('<meta name="robots" content="noindex">');
    const home = await (await fetch(server.url)).text();
    expect(home).toContain('Story A');
    expect(home).not.toContain('Story B');
  });
});
