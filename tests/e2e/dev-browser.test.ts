import { rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { startDevProcess, type DevProcess } from '../support/dev-process.js';
import { fixtureSite, type FixtureSite } from '../support/fixture-site.js';

const story = (id: string, day: number, frontMatter = '', body = `Body of ${id}.`) => `---\ntitle: Story ${id.toUpperCase()}\ndate: 2018-05-0${day}T10:00:00Z\n${frontMatter}\n---\n\n${body}\n`;

describe('wiredesk dev in a real browser', () => {
  let browser: Browser;
  let fixture: FixtureSite;
  let server: DevProcess;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    fixture = await fixtureSite(['-- stories/a.md --', story('a', 1, 'tags: [Japan]'), '-- stories/b.md --', story('b', 2, 'tags: [Japan]')].join('\n'));
    server = await startDevProcess(fixture.dir);
    page = await browser.newPage();
  });
  afterEach(async () => {
    await page?.close();
    expect(await server.stop()).toBe(0);
    await fixture.remove();
  });

  const open = async (sitePath: string) => {
    const response = await page.goto(`${server.url}${sitePath}`);
    await page.waitForSelector('html[data-wiredesk-live="connected"]');
    return response;
  };
  const linkTexts = (selector: string) => page.locator(selector).allTextContents();

  it('should reload an open story page when its headline is edited on disk', async () => {
    await open('2018/05/01/a/');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Story A');
    await fixture.write('stories/a.md', story('a', 1, 'tags: [Japan]').replace('Story A', 'Story A, edited'));
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 10_000 }).toBe('Story A, edited');
  });

  it('should move a story between tag pages when its tag changes', async () => {
    await fixture.write('stories/a.md', story('a', 1, 'tags: [Russia]'));
    await server.waitForLine(/stories\/a\.md changed/);
    await open('tags/japan/');
    expect(await linkTexts('main h2 a, main h3 a')).toEqual(['Story B']);
    await open('tags/russia/');
    expect(await linkTexts('main h2 a, main h3 a')).toEqual(['Story A']);
  });

  it('should show the problem with its position in an overlay, and clear it when fixed', async () => {
    await open('2018/05/01/a/');
    await fixture.write('stories/a.md', '---\ntitle: Story A\ndate: 2018-05-01T10:00:00Z\ntags: [Japan\n---\nBody.\n');
    const overlay = page.locator('#wiredesk-overlay');
    await expect.poll(() => overlay.textContent(), { timeout: 10_000 }).toMatch(/stories\/a\.md:\d+:\d+ {2}error {2}Invalid YAML/);
    expect(server.lines.join('\n')).toMatch(/stories\/a\.md:\d+:\d+ {2}error/);
    expect(await page.locator('h1').textContent()).toBe('Story A');

    await fixture.write('stories/a.md', story('a', 1, 'tags: [Japan]').replace('Story A', 'Story A, fixed'));
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 10_000 }).toBe('Story A, fixed');
    expect(await overlay.count()).toBe(0);
  });

  it('should rebuild everything with fresh modules when site.yaml or a template changes', async () => {
    await open('2018/05/01/a/');
    await fixture.write('site.yaml', 'title: Renamed Desk\n');
    await expect.poll(() => page.locator('.site-title').textContent(), { timeout: 10_000 }).toBe('Renamed Desk');
    expect(server.lines.join('\n')).toMatch(/site\.yaml changed · \d+ pages rebuilt/);

    const template = path.resolve(import.meta.dirname, '../../templates/article.tsx');
    const now = new Date();
    await utimes(template, now, now);
    await server.waitForLine(/templates\/article\.tsx changed · \d+ pages rebuilt/, 30_000);
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 10_000 }).toBe('Story A');
  });

  it('should serve the final text of a save written in two steps (truncate, then write)', async () => {
    const file = path.join(fixture.dir, 'stories/a.md');
    await writeFile(file, '');
    await server.waitForLine(/Empty story file/);
    await writeFile(file, story('a', 1, 'tags: [Japan]').replace('Story A', 'Story A, second step'));
    await expect.poll(async () => (await fetch(`${server.url}2018/05/01/a/`)).text(), { timeout: 10_000 }).toContain('<h1>Story A, second step</h1>');
  });

  it('should answer 404 for a deleted story and drop it from every list', async () => {
    await rm(path.join(fixture.dir, 'stories/a.md'));
    await server.waitForLine(/stories\/a\.md changed/);
    const response = await open('2018/05/01/a/');
    expect(response?.status()).toBe(404);
    await open('');
    expect(await linkTexts('main h2 a, main h3 a')).toEqual(['Story B']);
    await open('tags/japan/');
    expect(await linkTexts('main h2 a, main h3 a')).toEqual(['Story B']);
  });
});
