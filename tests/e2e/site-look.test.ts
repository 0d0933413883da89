import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { formatHtmlProblems, validateHtml } from '../support/checkers/html-validator.js';
import { serveStatic } from '../support/checkers/linkchecker.js';
import { fixtureSite, fixtureStory, siteMaker, type FixtureSite } from '../support/fixture-site.js';
import { parsePage } from '../support/html.js';

const logo =
  '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="48" viewBox="0 0 240 48"><rect width="240" height="48" fill="#b3121f"/><text x="12" y="33" font-family="sans-serif" font-size="26" fill="#fff">ВЕСТИ ЛЕНТЫ</text></svg>';

/** A Russian paper: logo, a menu in the desk's order, a footer, an analytics snippet, a share picture, MSK times. */
const russianSite = `
-- site.yaml --
title: Вести ленты
description: Новости информационных агентств
baseUrl: https://example.com/news/
language: ru
timezone: Europe/Moscow
logo:
  src: brand/logo.svg
  alt: Вести ленты, на главную
menu:
  - section: Экономика
  - title: О редакции
    url: /about/
  - title: Архив агентства
    url: https://archive.example.org/
footer:
  copyright: © 2026 Вести ленты
  links:
    - title: Контакты
      url: /contacts/
    - title: Правила
      url: https://example.org/terms
image: share.png
head: <meta name="analytics-id" content="wd-test-42">
dateFormat:
  clock: 24
  zone: abbreviation
-- static/brand/logo.svg --
${logo}
-- static/share.png --
not really a picture
${fixtureStory('rubl', 25, 'section: Экономика\ntopics: [Рынки]', 'Рубль укрепился к доллару на открытии торгов.')}
${fixtureStory('neft', 24, 'section: Экономика\ntopics: [Рынки]\nimage:\n  src: https://cdn.example.org/oil.jpg\n  alt: Нефтяная вышка', 'Нефть подорожала.')}
${fixtureStory('english', 23, 'lang: en\nsection: Экономика\ntopics: [Рынки]', 'The rouble rose against the dollar.')}
${fixtureStory('otozvan', 22, 'status: canceled\nnote: Материал содержал ошибку.', 'Материал снят редакцией.')}
`;

describe('a site dressed as its paper', () => {
  let site: FixtureSite;
  beforeAll(async () => {
    site = await fixtureSite(russianSite);
    const outcome = await site.build();
    expect(outcome.ok, outcome.lines.join('\n')).toBe(true);
  });
  afterAll(() => site.remove());

  it('should show the logo, linked home, in place of the title', async () => {
    const home = parsePage(await site.read(''));
    expect(home.attrs('.site-header a.site-title img.site-logo', 'src')).toEqual(['/news/brand/logo.svg']);
    expect(home.attrs('.site-header img.site-logo', 'alt')).toEqual(['Вести ленты, на главную']);
    expect(home.attrs('.site-header a.site-title', 'href')).toEqual(['/news/']);
  });

  it("should show the menu in the desk's order, a section entry linking the section's page", async () => {
    const home = parsePage(await site.read(''));
    expect(home.texts('.site-nav a')).toEqual(['Экономика', 'О редакции', 'Архив агентства']);
    const hrefs = home.attrs('.site-nav a', 'href');
    expect(hrefs.slice(1)).toEqual(['/news/about/', 'https://archive.example.org/']);
    expect(hrefs[0]).toMatch(/^\/news\/sections\/[^/]+\/$/);
    const section = parsePage(await site.read(decodeURIComponent(hrefs[0]?.slice('/news/'.length) ?? '')));
    expect(section.attrs('.site-nav a[aria-current="page"]', 'href')).toEqual([hrefs[0]]);
  });

  it("should show the footer's links and copyright on every page", async () => {
    for (const page of ['', '2018/05/25/rubl/', '404.html']) {
      const parsed = parsePage(await site.read(page));
      expect(parsed.texts('.site-footer .footer-links a'), page).toEqual(['Контакты', 'Правила']);
      expect(parsed.attrs('.site-footer .footer-links a', 'href'), page).toEqual(['/news/contacts/', 'https://example.org/terms']);
      expect(parsed.text('.site-footer .copyright'), page).toBe('© 2026 Вести ленты');
    }
  });

  it('should speak Russian on the home page, story pages and the 404 page, with Russian plural forms', async () => {
    const home = parsePage(await site.read(''));
    expect(home.text('.skip-link')).toBe('Перейти к содержанию');
    expect(home.text('h1')).toBe('Последние новости');
    const story = parsePage(await site.read('2018/05/25/rubl/'));
    expect(story.text('.reading-time')).toBe('1 мин чтения');
    expect(story.text('.terms-label')).toBe('Тема');
    expect(story.texts('.terms .pills a')).toEqual(['Рынки']);
    expect(story.text('.related h2')).toBe('По теме');
    const topics = parsePage(await site.read('topics/'));
    expect(topics.text('h1')).toBe('Темы');
    expect(topics.text('.term-index .count')).toBe('3 материала');
    const notFound = parsePage(await site.read('404.html'));
    expect(notFound.text('h1')).toBe('Страница не найдена');
    expect(notFound.text('.related h2')).toBe('Последние новости');
    expect(notFound.allText).not.toMatch(/Latest stories|Page not found|Skip to content/);
  });

  it('should say in Russian that a story was withdrawn, on its page and in the feeds', async () => {
    const notice = parsePage(await site.read('2018/05/22/otozvan/'));
    expect(notice.text('h1')).toBe('Отозвано');
    expect(notice.text('.withdrawn-notice')).toBe('Этот материал отозван.');
    expect(notice.text('.story a[href="/news/"]')).toBe('Перейти на главную страницу Вести ленты');
    const rss = await site.read('feed.xml');
    expect(rss).toContain('<title>Отозвано</title>');
    expect(rss).not.toContain('OTOZVAN');
    expect(rss).toContain('Этот материал отозван.');
  });

  it("should write times with Russian month names and the zone's abbreviation", async () => {
    const story = parsePage(await site.read('2018/05/25/rubl/'));
    expect(story.text('.published time')).toBe('25 мая 2018 г., 10:00 MSK');
  });

  it('should give a story in English its English words on a Russian site', async () => {
    const html = await site.read('2018/05/23/english/');
    expect(html).toMatch(/^<!doctype html><html lang="en" dir="ltr">/);
    const story = parsePage(html);
    expect(story.text('.reading-time')).toBe('1 min read');
    expect(story.text('.skip-link')).toBe('Skip to content');
    expect(story.text('.published time')).toBe('23 May 2018, 10:00 MSK');
  });

  it("should add the site's head snippet to every page", async () => {
    const pages = (await site.files()).filter((file) => file.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(8);
    for (const page of pages) {
      const html = await site.read(page);
      expect(html, page).toContain('<meta name="analytics-id" content="wd-test-42"></head>');
    }
  });

  it("should preview a story without a picture with the site's image, and one with a picture with its own", async () => {
    const plain = parsePage(await site.read('2018/05/25/rubl/'));
    expect(plain.attrs('meta[property="og:image"]', 'content')).toEqual(['https://example.com/news/share.png']);
    expect(plain.attrs('meta[name="twitter:card"]', 'content')).toEqual(['summary_large_image']);
    expect(JSON.parse(plain.text('script[type="application/ld+json"]') ?? '{}').image).toBe('https://example.com/news/share.png');
    const pictured = parsePage(await site.read('2018/05/24/neft/'));
    expect(pictured.attrs('meta[property="og:image"]', 'content')).toEqual(['https://cdn.example.org/oil.jpg']);
    expect(JSON.parse(pictured.text('script[type="application/ld+json"]') ?? '{}').image).toBe('https://cdn.example.org/oil.jpg');
  });

  it('should pass the Nu HTML Checker on its home and story pages', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-look-vnu-'));
    try {
      await copyFile(path.join(site.dir, 'dist/index.html'), path.join(dir, 'home.html'));
      await copyFile(path.join(site.dir, 'dist/2018/05/25/rubl/index.html'), path.join(dir, 'story.html'));
      const problems = await validateHtml(dir);
      expect(problems, formatHtmlProblems(problems)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('should fit a phone and a desktop screen with its logo, menu and footer in view (screenshots in /tmp/look-shots)', async () => {
    // Copying static/ into the output is another step's work: put the logo where the pages link it.
    await mkdir(path.join(site.dir, 'dist/brand'), { recursive: true });
    await writeFile(path.join(site.dir, 'dist/brand/logo.svg'), logo);
    await mkdir('/tmp/look-shots', { recursive: true });
    const server = await serveStatic(path.join(site.dir, 'dist'), '/news/');
    const browser = await launchBrowser();
    try {
      for (const width of [1280, 390]) {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        for (const [name, address] of [
          ['home', ''],
          ['story', '2018/05/25/rubl/'],
        ] as const) {
          await page.goto(`${server.url}${address}`);
          await page.screenshot({ path: `/tmp/look-shots/ru-${name}-${width}.png`, fullPage: true });
          type Root = { document: { documentElement: { scrollWidth: number; clientWidth: number } } };
          const overflow = await page.evaluate(() => {
            const root = (globalThis as unknown as Root).document.documentElement;
            return root.scrollWidth - root.clientWidth;
          });
          const logoBox = await page.locator('.site-logo').boundingBox();
          const layout = {
            overflow,
            logoHeight: logoBox?.height ?? 0,
            logoLoaded: await page.locator('.site-logo').evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth),
            menuTop: (await page.locator('.site-nav').boundingBox())?.y ?? -1,
            footerLinks: await page.locator('.footer-links a').count(),
          };
          expect(layout.overflow, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0);
          expect(layout.logoLoaded, `${name} at ${width}px`).toBeGreaterThan(0);
          expect(layout.logoHeight, `${name} at ${width}px`).toBeGreaterThan(20);
          expect(layout.menuTop, `${name} at ${width}px`).toBeGreaterThanOrEqual(0);
          expect(layout.menuTop, `${name} at ${width}px`).toBeLessThan(150);
          expect(layout.footerLinks).toBe(2);
        }
        await page.close();
      }
    } finally {
      await browser.close();
      await server.close();
    }
  }, 60_000);
});

describe('a site in Arabic', () => {
  const site = siteMaker();

  it('should write its pages right to left with Arabic words and plural forms', async () => {
    const arabic = await site(`
-- site.yaml --
title: أخبار الوكالات
language: ar
${fixtureStory('a', 25, 'topics: [اقتصاد]')}
${fixtureStory('b', 24, 'topics: [اقتصاد]')}
`);
    expect((await arabic.build()).ok).toBe(true);
    const home = await arabic.read('');
    expect(home).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/);
    expect(parsePage(home).text('h1')).toBe('آخر الأخبار');
    expect(parsePage(await arabic.read('topics/')).text('.term-index .count')).toBe('خبران');
  });
});

describe('labels the site owner writes', () => {
  const site = siteMaker();

  it('should replace the built-in words by key, and warn about a mistyped key naming the nearest one', async () => {
    const own = await site(`
-- site.yaml --
title: Wire
labels:
  latestStories: Top news
  storyCount: { one: "{count} dispatch", other: "{count} dispatches" }
  relatd: See also
${fixtureStory('a', 25, 'topics: [Markets]')}
`);
    const outcome = await own.build();
    expect(outcome.ok).toBe(true);
    expect(outcome.lines.join('\n')).toMatch(/site\.yaml:5:3 +warning +Unknown label `relatd`, did you mean `related`\? +unknown-field/);
    expect(parsePage(await own.read('')).text('h1')).toBe('Top news');
    expect(parsePage(await own.read('topics/')).text('.term-index .count')).toBe('1 dispatch');
  });
});
