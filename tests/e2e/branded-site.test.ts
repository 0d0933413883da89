import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { cliOutcome } from '../support/cli-build.js';
import { serveFolder, type StaticServer } from '../support/static-server.js';

// A newsroom's own site, as `wiredesk init` makes it and its owner then brands it without touching
// wiredesk: a logo, a menu, a footer, Russian interface words, an About page, a stylesheet of its
// own and a story page template that wraps the default. Built with the real CLI, checked on the
// built HTML and in Chromium at a desktop and a phone width.

const brandSettings = `
title: Вести ленты
language: ru
timezone: Europe/Moscow
logo:
  src: brand/logo.svg
  alt: Вести ленты, на главную
menu:
  - section: Экономика
  - title: О редакции
    url: /about/
footer:
  copyright: © 2026 Вести ленты
  links:
    - title: Правила
      url: https://example.org/terms
`;

const story = `---
title: Порт возобновил работу после забастовки
date: 2026-12-05T09:30:00+03:00
section: Экономика
tags: [порт]
---

Докеры вернулись к работе в воскресенье.
`;

const logo = '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="40"><rect width="160" height="40" fill="#b00020"/></svg>\n';

// The site's stylesheet sets a custom property of the default one: the accent colour.
const siteCss = ':root { --wd-color-accent: rgb(176, 0, 32); }\n.desk-box { border: 2px solid var(--wd-color-accent); padding: 0.5rem; }\n';

describe('a site made by init and branded by its owner', () => {
  let root: string;
  let site: string;
  let dist: string;
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-branded-'));
    site = path.join(root, 'paper');
    const made = await cliOutcome(root, ['init', 'paper']);
    expect(made.code, made.stderr).toBe(0);
    const settings = await readFile(path.join(site, 'site.yaml'), 'utf8');
    await writeFile(
      path.join(site, 'site.yaml'),
      settings
        .replace(/^title: .*$/m, '')
        .replace(/^language: .*$/m, '')
        .replace(/^timezone: .*$/m, '') + brandSettings,
    );
    // A Russian paper: the English welcome story `init` wrote gives way to the paper's own.
    await rm(path.join(site, 'stories'), { recursive: true, force: true });
    await mkdir(path.join(site, 'static/brand'), { recursive: true });
    await mkdir(path.join(site, 'static/assets'), { recursive: true });
    await mkdir(path.join(site, 'templates'), { recursive: true });
    await mkdir(path.join(site, 'stories/2026/12'), { recursive: true });
    await writeFile(path.join(site, 'static/brand/logo.svg'), logo);
    await writeFile(path.join(site, 'static/assets/site.css'), siteCss);
    await writeFile(path.join(site, 'stories/2026/12/port.md'), story);
    await writeFile(path.join(site, 'templates/article.tsx'), articleWithBox());
    const built = await cliOutcome(site, ['build', '--base-url', 'https://news.example.com/']);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    dist = path.join(site, 'dist');
    server = await serveFolder(dist);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('should show the logo, the menu in the desk order and the footer on its pages, in Russian', async () => {
    const home = await readFile(path.join(dist, 'index.html'), 'utf8');
    expect(home).toContain('<html lang="ru" dir="ltr">');
    expect(home).toMatch(/<img class="site-logo" src="\/brand\/logo\.svg" alt="Вести ленты, на главную">/);
    const menu = [...home.matchAll(/<nav[\s\S]*?<\/nav>/g)][0]?.[0] ?? '';
    expect([...menu.matchAll(/<a [^>]*>([^<]+)<\/a>/g)].map((match) => match[1])).toEqual(['Экономика', 'О редакции']);
    expect(home).toContain('© 2026 Вести ленты');
    expect(home).toContain('<a href="https://example.org/terms">Правила</a>');
    expect(home).toContain('Последние новости');
    expect(home).not.toContain('Latest stories');
  });

  it('should serve the About page that init wrote, with the site chrome, and the logo and favicon from static/', async () => {
    const about = await readFile(path.join(dist, 'about/index.html'), 'utf8');
    expect(about).toContain('<h1>About us</h1>');
    expect(about).toContain('© 2026 Вести ленты');
    expect((await readFile(path.join(dist, 'brand/logo.svg'), 'utf8')).trim()).toBe(logo.trim());
    expect((await readFile(path.join(dist, 'favicon.ico'))).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
  });

  it('should link the site stylesheet after the default one', async () => {
    const home = await readFile(path.join(dist, 'index.html'), 'utf8');
    const links = [...home.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((match) => match[1]);
    expect(links).toHaveLength(2);
    expect(links[0]).toMatch(/^\/assets\/style\.[0-9a-f]{10}\.css$/);
    expect(links[1]).toMatch(/^\/assets\/site\.css\?v=[0-9a-f]{8}$/);
  });

  it('should render story pages with the overridden story template, and lists without it', async () => {
    const page = await readFile(path.join(dist, '2026/12/05/port/index.html'), 'utf8');
    expect(page).toContain('<aside class="desk-box">Редакция: Экономика</aside>');
    expect(page).toContain('<h1>Порт возобновил работу после забастовки</h1>');
    expect(page).toContain('мин чтения');
    const home = await readFile(path.join(dist, 'index.html'), 'utf8');
    expect(home).not.toContain('desk-box');
  });

  for (const width of [1280, 390]) {
    it(`should render the home and story pages with the site's look at ${width} px, without sideways scrolling`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      try {
        const tab = await context.newPage();
        for (const [name, address] of [
          ['home', server.url],
          ['story', `${server.url}2026/12/05/port/`],
        ] as const) {
          await tab.goto(address);
          // Evaluated in the page (a string: this project's TypeScript has no DOM types).
          const look = (await tab.evaluate(`({
            accent: getComputedStyle(document.documentElement).getPropertyValue('--wd-color-accent').trim(),
            logoWidth: document.querySelector('img.site-logo')?.naturalWidth ?? 0,
            overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
            footer: document.querySelector('footer.site-footer')?.textContent ?? '',
            box: document.querySelector('.desk-box') ? getComputedStyle(document.querySelector('.desk-box')).borderTopColor : '',
          })`)) as { accent: string; logoWidth: number; overflow: number; footer: string; box: string };
          expect(look.accent).toBe('rgb(176, 0, 32)');
          expect(look.logoWidth).toBe(160);
          expect(look.overflow).toBeLessThanOrEqual(0);
          expect(look.footer).toContain('© 2026 Вести ленты');
          if (name === 'story') expect(look.box).toBe('rgb(176, 0, 32)');
          if (process.env.WIREDESK_SCREENSHOTS) await tab.screenshot({ path: path.join(process.env.WIREDESK_SCREENSHOTS, `branded-${name}-${width}.png`), fullPage: true });
        }
      } finally {
        await context.close();
      }
    });
  }
});

/** The site's story template: wiredesk's own page, with a box naming the desk added at the end of `<main>`. */
function articleWithBox(): string {
  return `import type { Element, Root } from 'hast';
import { defaultTemplates, type ArticleView, type Templates } from 'wiredesk/templates';

/** Find the <main> element of a page tree. */
function mainOf(node: Root | Element): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'main') return child;
    const found = mainOf(child);
    if (found) return found;
  }
  return undefined;
}

export default function article(view: ArticleView, templates: Templates): Root {
  const page = defaultTemplates.article(view, templates);
  const main = mainOf(page);
  if (main) main.children.push(<aside class="desk-box">Редакция: {view.section?.name ?? '—'}</aside>);
  return page;
}
`;
}
