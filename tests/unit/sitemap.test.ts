import { describe, expect, it } from 'vitest';
import type { Element } from 'xast';
import { fromXml } from 'xast-util-from-xml';
import type { DateTime } from '../../src/model/article.js';
import type { SiteConfig } from '../../src/model/config.js';
import { newsWindowSpan } from '../../src/model/news-window.js';
import type { LinkedArticle, Site } from '../../src/model/site.js';
import { resolveSite } from '../../src/pipeline/resolve.js';
import type { Page } from '../../src/pages/page.js';
import { sameSitemapFiles, sitemapPages } from '../../src/pages/sitemap-pages.js';
import { formatIso } from '../../src/text/datetime.js';
import { newsLanguage } from '../../templates/news-sitemap.js';
import { storyFixture, testConfig } from '../support/view-fixtures.js';
import { elementsNamed, textOf } from '../support/xml-tree.js';

const second = 1000;
const hour = 3600 * second;
const now = Date.UTC(2018, 4, 25, 12, 0);

function at(epochMs: number, offsetMinutes = 0): DateTime {
  return { epochMs, offsetMinutes, iso: formatIso(epochMs, offsetMinutes), dateOnly: false };
}

/** A story published at an instant, its page at `<id>/`. */
function story(id: string, epochMs: number, overrides: Partial<LinkedArticle> = {}): LinkedArticle {
  // Resolving files a story under its section only where the section is written.
  const places = { id: { line: 1, column: 1 }, topics: [], tags: [], ...(overrides.section ? { section: { line: 2, column: 1 } } : {}) };
  return storyFixture(id, { date: at(epochMs), path: `${id}/`, places, ...overrides });
}

function siteOf(articles: readonly LinkedArticle[], config: SiteConfig = testConfig()): Site {
  const { site, messages } = resolveSite(articles, config, undefined, now);
  if (!site) throw new Error(messages.map((message) => message.reason).join('\n'));
  return site;
}

function pageAt(pages: readonly Page[], path: string): Page {
  const page = pages.find((candidate) => candidate.path === path);
  if (!page) throw new Error(`No page at ${path}: ${pages.map((candidate) => candidate.path).join(', ')}`);
  return page;
}

/** Render one planned file and parse it with a strict XML parser (it throws on anything not well formed). */
function renderedXml(site: Site, path: string, at = now, pages = sitemapPages(site, at)): Element {
  const root = fromXml(String(pageAt(pages, path).render(site))).children.find((node): node is Element => node.type === 'element');
  if (!root) throw new Error(`${path} has no root element`);
  return root;
}

/** Each `<url>` (or `<sitemap>`) as `loc lastmod`. */
function listed(root: Element, item = 'url'): string[] {
  return elementsNamed(root, item).map((entry) => [textOf(elementsNamed(entry, 'loc')[0] ?? root), ...elementsNamed(entry, 'lastmod').map(textOf)].join(' '));
}

const base = 'https://example.com/news/';

describe('sitemap.xml', () => {
  it('should list the home page, the term indexes, the first page of every section, topic and tag, and every story', () => {
    const site = siteOf(
      [
        story('a', now - 3 * hour, { section: { name: 'Business', slug: 'business' }, tags: [{ name: 'Japan', slug: 'japan' }] }),
        story('b', now - 2 * hour, { tags: [{ name: 'Japan', slug: 'japan' }] }),
        story('c', now - hour, { topics: [{ name: 'SPIEF', slug: 'spief' }], tags: [{ name: 'Japan', slug: 'japan' }] }),
      ],
      testConfig({ pageSize: 2 }),
    );
    const root = renderedXml(site, 'sitemap.xml');
    expect(root.name).toBe('urlset');
    expect(root.attributes['xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(listed(root).map((entry) => entry.split(' ')[0])).toEqual([
      base,
      `${base}sections/`,
      `${base}sections/business/`,
      `${base}topics/`,
      `${base}topics/spief/`,
      `${base}tags/`,
      `${base}tags/japan/`,
      `${base}c/`,
      `${base}b/`,
      `${base}a/`,
    ]);
  });

  it('should give a story its modified time and a list page the newest modified time of the stories it lists', () => {
    const japan = [{ name: 'Japan', slug: 'japan' }];
    const site = siteOf(
      [
        story('old', now - 5 * hour, { tags: japan, corrections: [{ date: at(now - hour, 180), text: 'Fixed.' }] }),
        story('new', now - 2 * hour, { tags: japan, updated: at(now - 90 * 60 * second) }),
        story('other', now - 3 * hour),
      ],
      testConfig({ pageSize: 2 }),
    );
    expect(listed(renderedXml(site, 'sitemap.xml'))).toEqual([
      // The home page's first page lists `new` and `other`: `old`'s correction is not on it.
      `${base} 2018-05-25T10:30:00+00:00`,
      `${base}tags/ 2018-05-25T14:00:00+03:00`,
      `${base}tags/japan/ 2018-05-25T14:00:00+03:00`,
      `${base}new/ 2018-05-25T10:30:00+00:00`,
      `${base}other/ 2018-05-25T09:00:00+00:00`,
      `${base}old/ 2018-05-25T14:00:00+03:00`,
    ]);
  });

  it('should give an index of lists the first of the newest modified times of all the stories its lists list', () => {
    // The same instant written in two zones, on two tags: the index shows it as the tag listed first (by name) does.
    const site = siteOf([
      story('a', now - 3 * hour, { tags: [{ name: 'Beta', slug: 'beta' }], updated: at(now - hour, 180) }),
      story('b', now - 2 * hour, { tags: [{ name: 'Alpha', slug: 'alpha' }], updated: at(now - hour, 60) }),
      story('c', now - 4 * hour, { tags: [{ name: 'Alpha', slug: 'alpha' }] }),
    ]);
    const entries = listed(renderedXml(site, 'sitemap.xml'));
    expect(entries.filter((entry) => entry.startsWith(`${base}tags/`))).toEqual([
      `${base}tags/ 2018-05-25T12:00:00+01:00`,
      `${base}tags/alpha/ 2018-05-25T12:00:00+01:00`,
      `${base}tags/beta/ 2018-05-25T14:00:00+03:00`,
    ]);
  });

  it('should leave out killed, withheld and embargoed stories, and write no lastmod for an empty home page', () => {
    const site = siteOf([
      story('killed', now - hour, { status: 'canceled', tags: [{ name: 'Japan', slug: 'japan' }] }),
      story('withheld', now - hour, { status: 'withheld' }),
      story('embargoed', now - hour, { embargo: at(now + hour) }),
    ]);
    expect(site.withdrawn.map((article) => article.id)).toEqual(['killed']);
    expect(listed(renderedXml(site, 'sitemap.xml'))).toEqual([base]);
  });

  it('should read the site as it is when rendered, and depend on every story and list it reads', () => {
    const site = siteOf([story('a', now - hour, { tags: [{ name: 'Japan', slug: 'japan' }] }), story('b', now - 2 * hour)]);
    const page = pageAt(sitemapPages(site, now), 'sitemap.xml');
    expect(page.kind).toBe('sitemap');
    // Only where stories are and when they changed: home's stories, the tag index's and the tag's, then every story.
    // The list pages' paths and lastmods, as planned, are its place: which lists there are is no collection read.
    const lastmod = '2018-05-25T11:00:00+00:00';
    expect(page.deps).toEqual({
      articles: [],
      teasers: [],
      stamps: ['a', 'b', 'a', 'a', 'a', 'b'],
      collections: [],
      place: JSON.stringify([
        ['', lastmod],
        ['tags/', lastmod],
        ['tags/japan/', lastmod],
      ]),
    });
    const edited = story('b', now - 2 * hour, { updated: at(now) });
    const later = { ...site, articles: [site.articles[0] as LinkedArticle, edited], byId: new Map([...site.byId, ['b', edited]]) };
    expect(String(page.render(later))).toContain(`<loc>${base}b/</loc><lastmod>2018-05-25T12:00:00+00:00</lastmod>`);
  });

  it('should become a sitemap index past 1,000 stories, with the stories in files of 1,000 counted from the oldest', () => {
    // One stub copied: full fixtures would serialize thousands of bodies.
    const stub = story('stub', now);
    const archive = (count: number) => siteOf(Array.from({ length: count }, (_, index) => ({ ...stub, id: `s${index}`, date: at(now - (count - index) * hour), path: `s${index}/` })));
    const site = archive(2_500);
    const pages = sitemapPages(site, now);
    expect(pages.filter((page) => page.kind === 'sitemap').map((page) => page.path)).toEqual([
      'sitemap.xml',
      'sitemap-pages.xml',
      'sitemap-stories-3.xml',
      'sitemap-stories-2.xml',
      'sitemap-stories-1.xml',
      'news-sitemap.xml',
    ]);
    const index = renderedXml(site, 'sitemap.xml', now, pages);
    expect(index.name).toBe('sitemapindex');
    expect(listed(index, 'sitemap')).toEqual([
      `${base}sitemap-pages.xml ${formatIso(now - hour, 0)}`,
      `${base}sitemap-stories-3.xml ${formatIso(now - hour, 0)}`,
      `${base}sitemap-stories-2.xml ${formatIso(now - 501 * hour, 0)}`,
      `${base}sitemap-stories-1.xml ${formatIso(now - 1_501 * hour, 0)}`,
    ]);
    // The newest file holds the 500 newest stories, newest first; the oldest, the first 1,000 published.
    const newestFile = listed(renderedXml(site, 'sitemap-stories-3.xml', now, pages));
    expect([newestFile.length, newestFile[0], newestFile.at(-1)]).toEqual([500, `${base}s2499/ ${formatIso(now - hour, 0)}`, `${base}s2000/ ${formatIso(now - 500 * hour, 0)}`]);
    expect(pageAt(pages, 'sitemap-stories-1.xml').deps).toEqual({ articles: [], teasers: [], stamps: Array.from({ length: 1_000 }, (_, index) => `s${999 - index}`), collections: [] });
    expect(listed(renderedXml(site, 'sitemap-pages.xml', now, pages))).toEqual([`${base} ${formatIso(now - hour, 0)}`]);
    // The index and the list pages' file are digested by what they show (their place), not by 2,500 stamps; those name what plans them anew.
    const files = ['sitemap-pages.xml', 'sitemap-stories-3.xml', 'sitemap-stories-2.xml', 'sitemap-stories-1.xml'];
    const lastmods = [now - hour, now - hour, now - 501 * hour, now - 1_501 * hour].map((time) => formatIso(time, 0));
    expect(pageAt(pages, 'sitemap.xml').deps).toMatchObject({ place: JSON.stringify(files.map((file, n) => [file, lastmods[n]])), stampsInPlace: true });
    expect(pageAt(pages, 'sitemap.xml').deps.stamps).toHaveLength(2_500 + site.config.pageSize);
    expect(pageAt(pages, 'sitemap-pages.xml').deps).toMatchObject({ stamps: site.articles.slice(0, site.config.pageSize).map((article) => article.id), stampsInPlace: true });

    // A story published: the older files of stories keep what they list, and what they read.
    const depsOf = (all: readonly Page[], path: string) => JSON.stringify(pageAt(all, path).deps);
    const published = sitemapPages(siteOf([...site.articles, { ...stub, id: 'z-new', date: at(now - 1), path: 'z-new/' }]), now);
    for (const path of ['sitemap-stories-1.xml', 'sitemap-stories-2.xml']) expect(depsOf(published, path)).toBe(depsOf(pages, path));
    expect(depsOf(published, 'sitemap-stories-3.xml')).not.toBe(depsOf(pages, 'sitemap-stories-3.xml'));
  });
});

describe('sameSitemapFiles', () => {
  const ids = (count: number) => Array.from({ length: count }, (_, index) => `s${count - 1 - index}`);

  it('should keep the story files that were full when stories are published at the top', () => {
    expect(sameSitemapFiles(ids(2_500), ids(2_505))).toEqual(['sitemap-stories-2.xml', 'sitemap-stories-1.xml']);
    expect(sameSitemapFiles(ids(3_000), ids(3_001))).toEqual(['sitemap-stories-3.xml', 'sitemap-stories-2.xml', 'sitemap-stories-1.xml']);
    // The newest file was not full: it gains stories, and a new file begins.
    expect(sameSitemapFiles(ids(2_999), ids(3_001))).toEqual(['sitemap-stories-2.xml', 'sitemap-stories-1.xml']);
  });

  it('should keep none when the sitemap was one file, or the older stories are not the same', () => {
    expect(sameSitemapFiles(ids(1_000), ids(1_001))).toEqual([]);
    expect(sameSitemapFiles(ids(2_500), ['new', ...ids(2_500).filter((id) => id !== 's10')])).toEqual([]);
  });
});

describe('news-sitemap.xml', () => {
  const window = [story('future', now + second), story('now', now), story('inside', now - 48 * hour + second), story('edge', now - 48 * hour), story('outside', now - 48 * hour - second)];

  it('should list the stories of the 48 hours before the build, newest first, and none from the future', () => {
    const site = siteOf(window);
    const root = renderedXml(site, 'news-sitemap.xml');
    expect(root.attributes['xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9');
    expect(listed(root)).toEqual([`${base}now/`, `${base}inside/`]);
    expect(pageAt(sitemapPages(site, now), 'news-sitemap.xml').deps).toEqual({ articles: [], teasers: ['now', 'inside'], collections: [] });
  });

  it('should name the publication, its language, the publication time and the headline of each story', () => {
    const site = siteOf([story('a', now - hour, { title: 'Putin meets Abe', lang: 'zh-Hant' }), story('b', now - 2 * hour)], testConfig({ title: 'Wire Desk', language: 'en-GB' }));
    const [first, second] = elementsNamed(renderedXml(site, 'news-sitemap.xml'), 'news:news');
    expect(first && elementsNamed(first, 'news:name').map(textOf)).toEqual(['Wire Desk']);
    expect(first && elementsNamed(first, 'news:language').map(textOf)).toEqual(['zh-tw']);
    expect(first && elementsNamed(first, 'news:publication_date').map(textOf)).toEqual(['2018-05-25T11:00:00+00:00']);
    expect(first && elementsNamed(first, 'news:title').map(textOf)).toEqual(['Putin meets Abe']);
    expect(second && elementsNamed(second, 'news:language').map(textOf)).toEqual(['en']);
  });

  it('should list at most the 1,000 newest stories', () => {
    const site = siteOf(Array.from({ length: 1200 }, (_, index) => story(`s${index}`, now - (index + 1) * 60 * second)));
    const locs = listed(renderedXml(site, 'news-sitemap.xml'));
    expect(locs).toHaveLength(1000);
    expect([locs[0], locs[999]]).toEqual([`${base}s0/`, `${base}s999/`]);
  });

  it('should stay well formed, with the text as written, whatever a headline or the site title holds', () => {
    const hostile = 'A </news:title><script>x</script> & "quotes" \'too\' ]]> <![CDATA[ \u0000\u0007 \uFFFE end';
    const site = siteOf([story('a', now - hour, { title: hostile })], testConfig({ title: `Desk ${hostile}` }));
    const root = renderedXml(site, 'news-sitemap.xml');
    const shown = hostile.replace(/[\u0000\u0007\uFFFE]/g, '\uFFFD');
    expect(elementsNamed(root, 'news:title').map(textOf)).toEqual([shown]);
    expect(elementsNamed(root, 'news:name').map(textOf)).toEqual([`Desk ${shown}`]);
    expect(elementsNamed(root, 'script')).toEqual([]);
  });

  it('should still be a valid urlset when no story is in the window', () => {
    const root = renderedXml(siteOf(window), 'news-sitemap.xml', now + 72 * hour);
    expect([root.name, listed(root)]).toEqual(['urlset', []]);
  });

  it('should know when its stories next change: when a story enters the window or leaves it', () => {
    expect(newsWindowSpan(window, now)).toEqual({ from: now, until: now + second });
    expect(newsWindowSpan(window, now + 47 * hour)).toEqual({ from: now + second, until: now + 48 * hour });
    expect(newsWindowSpan([], now)).toEqual({ from: Number.NEGATIVE_INFINITY, until: Number.POSITIVE_INFINITY });
  });

  it('should give languages as Google News wants them', () => {
    expect(['en', 'en-GB', 'pt-BR', 'ru', 'zh', 'zh-CN', 'zh-Hans', 'zh-TW', 'zh-HK', 'zh-Hant', 'fil', 'not a tag'].map(newsLanguage)).toEqual([
      'en',
      'en',
      'pt',
      'ru',
      'zh-cn',
      'zh-cn',
      'zh-cn',
      'zh-tw',
      'zh-tw',
      'zh-tw',
      'fil',
      'not a tag',
    ]);
  });
});

describe('robots.txt', () => {
  it('should allow everything and point at both sitemaps by absolute URL, reading nothing but the settings', () => {
    const page = pageAt(sitemapPages(siteOf([]), now), 'robots.txt');
    expect(page.kind).toBe('robots');
    expect(page.deps).toEqual({ articles: [], teasers: [], collections: [] });
    expect(page.render(siteOf([]))).toBe(`User-agent: *\nAllow: /\n\nSitemap: ${base}sitemap.xml\nSitemap: ${base}news-sitemap.xml\n`);
  });
});
