import { createHash } from 'node:crypto';
import { readdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromXml } from 'xast-util-from-xml';
import { fixtureStory as story, siteMaker } from '../support/fixture-site.js';
import { parsePage } from '../support/html.js';
import { elementsNamed, textOf } from '../support/xml-tree.js';

const site = siteMaker();
const base = 'https://example.com/news/';
const now = Date.parse('2018-05-25T15:00:00+03:00');

const withPages = `
-- site.yaml --
title: Wire & Desk
baseUrl: ${base}
${story('today', 25, 'section: Business')}
-- pages/about.md --
---
title: About Wire & Desk
description: Who writes this site.
updated: 2018-05-01T12:00:00+03:00
---

We **report** the news. <script>alert(1)</script>

[Bad link](javascript:alert(1))
-- pages/policies/corrections.md --
---
title: Corrections policy
---

We correct mistakes quickly.
`;

/** The `<loc>` of every URL of a sitemap. */
function locs(xml: string): string[] {
  return elementsNamed(fromXml(xml), 'loc').map(textOf);
}

describe('pages of pages/', () => {
  it('should render each page at its URL, under the base path, with the site chrome and its title', async () => {
    const built = await site(withPages);
    expect((await built.build({ now })).ok).toBe(true);
    const about = parsePage(await built.read('about/'));
    expect(about.text('main h1')).toBe('About Wire & Desk');
    expect(about.text('title')).toBe('About Wire & Desk — Wire & Desk');
    expect(about.attrs('meta[name=description]', 'content')).toEqual(['Who writes this site.']);
    expect(about.attrs('link[rel=canonical]', 'href')).toEqual([`${base}about/`]);
    expect(about.text('.site-header .site-title')).toBe('Wire & Desk');
    expect(about.attrs('.site-nav a', 'href')).toContain('/news/sections/business/');
    expect(about.text('main .story-body strong')).toBe('report');
    // Untrusted like a story: raw HTML dropped, unsafe URLs removed.
    expect(await built.read('about/')).not.toContain('<script>alert');
    expect(about.attrs('main .story-body a', 'href')).toEqual(['']);
    const policy = parsePage(await built.read('policies/corrections/'));
    expect(policy.text('main h1')).toBe('Corrections policy');
    expect(policy.attrs('meta[name=description]', 'content')).toEqual(['We correct mistakes quickly.']);
  });

  it('should list pages in the sitemap, with lastmod only when they say `updated`, and nowhere else', async () => {
    const built = await site(withPages);
    expect((await built.build({ now })).ok).toBe(true);
    const sitemap = await built.read('sitemap.xml');
    expect(locs(sitemap)).toEqual(expect.arrayContaining([`${base}about/`, `${base}policies/corrections/`]));
    const urls = elementsNamed(fromXml(sitemap), 'url').map((url) => elementsNamed(url, 'loc').map(textOf).concat(elementsNamed(url, 'lastmod').map(textOf)));
    expect(urls).toContainEqual([`${base}about/`, '2018-05-01T12:00:00+03:00']);
    expect(urls).toContainEqual([`${base}policies/corrections/`]);
    for (const file of ['index.html', 'feed.xml', 'feed.json', 'atom.xml', 'news-sitemap.xml', 'sections/business/index.html']) {
      const text = await built.read(file).catch(() => '');
      expect(text, file).not.toContain('about/');
      expect(text, file).not.toContain('About Wire');
    }
  });

  it('should refuse a page at the URL of a generated page, naming the page file', async () => {
    const built = await site(`${withPages}
-- pages/sections.md --
---
title: Sections
---

Taken.
`);
    const outcome = await built.build({ now });
    expect(outcome.ok).toBe(false);
    const taken = outcome.messages.filter((message) => message.ruleId === 'page-path-taken');
    expect(taken.map((message) => `${message.file}:${message.line}:${message.column}`)).toEqual(['pages/sections.md:1:1']);
    expect(taken[0]?.reason).toContain('section-index');
  });

  it('should report a page without a title at its front matter, with a page-worded message', async () => {
    const built = await site(`${withPages}
-- pages/privacy.md --
---
description: No title here.
---

Body.
`);
    const outcome = await built.build({ now });
    expect(outcome.ok).toBe(false);
    const missing = outcome.messages.filter((message) => message.ruleId === 'missing-title');
    expect(missing.map((message) => `${message.file}:${message.line}:${message.column}`)).toEqual(['pages/privacy.md:1:1']);
    expect(missing[0]?.reason).toContain("page's title");
  });

  it('should render a page again when its file changes, and keep the others', async () => {
    const built = await site(withPages);
    expect((await built.build({ now })).ok).toBe(true);
    const before = await built.read('policies/corrections/');
    const sitemap = await built.read('sitemap.xml');
    await built.write('pages/about.md', '---\ntitle: About us now\nupdated: 2018-05-01T12:00:00+03:00\n---\n\nNew text.\n');
    const second = await built.build({ now });
    expect(second.ok).toBe(true);
    expect(parsePage(await built.read('about/')).text('main h1')).toBe('About us now');
    expect(await built.read('policies/corrections/')).toBe(before);
    expect(await built.read('sitemap.xml')).toBe(sitemap);
    expect(second.stats?.written).toBe(1);
    // A new update time is the page's lastmod: the sitemap changes with it.
    await built.write('pages/about.md', '---\ntitle: About us now\nupdated: 2018-05-20T12:00:00+03:00\n---\n\nNew text.\n');
    expect((await built.build({ now })).stats?.written).toBe(2);
    expect(await built.read('sitemap.xml')).toContain('<lastmod>2018-05-20T12:00:00+03:00</lastmod>');
    // A page removed leaves the site and the sitemap.
    await rm(path.join(built.dir, 'pages/about.md'));
    expect((await built.build({ now })).ok).toBe(true);
    expect(await built.files()).not.toContain('about/index.html');
    expect(locs(await built.read('sitemap.xml'))).not.toContain(`${base}about/`);
  });
});

describe('files of static/', () => {
  const icon = Buffer.from([0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0, 0xff, 0xfe]);

  it('should copy every file as it is, at the same path, and remove one that is gone', async () => {
    const built = await site(
      `${story('today', 25)}\n-- static/ads.txt --\ngoogle.com, pub-0000, DIRECT\n-- static/img/logo.svg --\n<svg xmlns="http://www.w3.org/2000/svg"/>\n-- static/.well-known/security.txt --\nContact: mailto:desk@example.com\n-- static/.DS_Store --\njunk\n`,
    );
    await writeFile(path.join(built.dir, 'static/favicon.ico'), icon);
    expect((await built.build({ now })).ok).toBe(true);
    const files = await built.files();
    expect(files).toEqual(expect.arrayContaining(['ads.txt', 'favicon.ico', 'img/logo.svg', '.well-known/security.txt']));
    expect(files).not.toContain('.DS_Store');
    expect(await readFile(path.join(built.dir, 'dist/favicon.ico'))).toEqual(icon);
    expect(await built.read('ads.txt')).toBe('google.com, pub-0000, DIRECT\n');
    await rm(path.join(built.dir, 'static/ads.txt'));
    await built.write('static/img/logo.svg', '<svg xmlns="http://www.w3.org/2000/svg" width="2"/>\n');
    const second = await built.build({ now });
    expect(second.ok).toBe(true);
    expect(await built.files()).not.toContain('ads.txt');
    expect(await built.read('img/logo.svg')).toContain('width="2"');
    expect(second.stats?.removed).toBe(1);
  });

  it('should find a site up to date only while its pages and static files are the same ones', async () => {
    const built = await site(`${story('today', 25)}\n-- pages/about.md --\n---\ntitle: About\n---\n\nHi.\n-- static/ads.txt --\nads\n-- static/robots-extra.txt --\nmore\n`);
    // Files saved long before the build, so that the cache can trust their stamps (see the racy check).
    const longAgo = new Date('2020-01-01T00:00:00Z');
    const backdate = async () => {
      for (const entry of await readdir(built.dir, { recursive: true, withFileTypes: true })) {
        if (entry.isFile() && /^(stories|pages|static)/.test(path.relative(built.dir, entry.parentPath))) await utimes(path.join(entry.parentPath, entry.name), longAgo, longAgo);
      }
    };
    await backdate();
    expect((await built.build({ now })).ok).toBe(true);
    expect((await built.build({ now })).stats).toMatchObject({ written: 0, removed: 0 });
    await rm(path.join(built.dir, 'static/ads.txt'));
    expect((await built.build({ now })).stats).toMatchObject({ written: 0, removed: 1 });
    await built.write('static/new.txt', 'new\n');
    await utimes(path.join(built.dir, 'static/new.txt'), longAgo, longAgo);
    expect((await built.build({ now })).stats).toMatchObject({ written: 1, removed: 0 });
    expect(await built.read('new.txt')).toBe('new\n');
  });

  it('should refuse a static file at the path of a generated file, and a link, each at its file', async () => {
    const built = await site(`${story('today', 25)}\n-- static/feed.xml --\n<rss/>\n-- static/robots.txt --\nUser-agent: *\n-- static/tags --\nnot a folder\n-- outside.txt --\nsecret\n`);
    await symlink(path.join(built.dir, 'outside.txt'), path.join(built.dir, 'static/leak.txt'));
    const outcome = await built.build({ now });
    expect(outcome.ok).toBe(false);
    const where = (rule: string) => outcome.messages.filter((message) => message.ruleId === rule).map((message) => `${message.file}:${message.line}:${message.column}`);
    expect(where('static-path-taken')).toEqual(['static/feed.xml:1:1', 'static/robots.txt:1:1', 'static/tags:1:1']);
    expect(where('unreadable-file')).toEqual(['static/leak.txt:1:1']);
  });

  it('should link static/assets/site.css after the default stylesheet with a hash of its content, and re-render on change', async () => {
    const built = await site(`${story('today', 25)}\n-- pages/about.md --\n---\ntitle: About\n---\n\nHi.\n-- static/assets/site.css --\nbody { color: teal; }\n`);
    expect((await built.build({ now })).ok).toBe(true);
    const hashOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8);
    for (const page of ['', 'about/', '2018/05/25/today/', '404.html']) {
      const links = parsePage(await built.read(page)).attrs('link[rel=stylesheet]', 'href');
      expect(links.slice(-2), page).toEqual([expect.stringMatching(/^\/assets\/style\.[0-9a-f]{10}\.css$/), `/assets/site.css?v=${hashOf('body { color: teal; }\n')}`]);
    }
    await built.write('static/assets/site.css', 'body { color: red; }\n');
    expect((await built.build({ now })).ok).toBe(true);
    expect(parsePage(await built.read('2018/05/25/today/')).attrs('link[rel=stylesheet]', 'href')).toContain(`/assets/site.css?v=${hashOf('body { color: red; }\n')}`);
    await rm(path.join(built.dir, 'static/assets/site.css'));
    expect((await built.build({ now })).ok).toBe(true);
    expect(parsePage(await built.read('about/')).attrs('link[rel=stylesheet]', 'href')).toEqual([expect.stringMatching(/^\/assets\/style\.[0-9a-f]{10}\.css$/)]);
  });
});
