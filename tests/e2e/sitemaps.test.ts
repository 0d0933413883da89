import { readdir, utimes } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromXml } from 'xast-util-from-xml';
import { filePathOf } from '../../src/model/urls.js';
import { fixtureStory as story, siteMaker } from '../support/fixture-site.js';
import { elementsNamed, textOf } from '../support/xml-tree.js';

const site = siteMaker();
const base = 'https://example.com/news/';

/** 25 May 2018, 15:00 Moscow time: the fixture stories are dated at 10:00 Moscow time on their day. */
const now = Date.parse('2018-05-25T15:00:00+03:00');
const hour = 3_600_000;

// Two stories of the last two days, one just older, an old one, one dated tomorrow, and three that
// must not be listed anywhere: embargoed past `now`, withheld, and killed (its URL serves a notice).
const newsroom = `
-- site.yaml --
title: Wire & Desk
baseUrl: ${base}
pageSize: 2
${story('today', 25, 'section: Business\ntags: [Japan]')}
${story('yesterday', 24, 'tags: [Japan, Россия]\nlang: zh-Hant')}
${story('older', 23, 'tags: [Japan]')}
${story('old', 20, 'topics: [SPIEF 2018]')}
${story('tomorrow', 26)}
${story('held', 25, 'embargo: 2018-05-27T00:00:00Z\ntags: [Japan]')}
${story('secret', 25, 'status: withheld')}
${story('killed', 25, 'status: canceled\ntags: [Japan]')}
`;

/** The `<loc>` of every URL of a sitemap, parsed by a strict XML parser. */
function locs(xml: string): string[] {
  return elementsNamed(fromXml(xml), 'loc').map(textOf);
}

describe('sitemaps and robots.txt', () => {
  it('should list every live page a search engine should index, and nothing that is not out', async () => {
    const built = await site(newsroom);
    expect((await built.build({ now })).ok).toBe(true);
    expect(await built.files()).toEqual(expect.arrayContaining(['sitemap.xml', 'news-sitemap.xml', 'robots.txt']));
    const listed = locs(await built.read('sitemap.xml'));
    expect(listed).toEqual([
      base,
      `${base}sections/`,
      `${base}sections/business/`,
      `${base}topics/`,
      `${base}topics/spief-2018/`,
      `${base}tags/`,
      `${base}tags/japan/`,
      `${base}tags/%D1%80%D0%BE%D1%81%D1%81%D0%B8%D1%8F/`,
      `${base}2018/05/26/tomorrow/`,
      `${base}2018/05/25/today/`,
      `${base}2018/05/24/yesterday/`,
      `${base}2018/05/23/older/`,
      `${base}2018/05/20/old/`,
    ]);
    // Every URL is a page of the site (and `tags/japan/page/1/`, an archive page, is one that is left out).
    const files = new Set(await built.files());
    for (const url of listed) expect(files, url).toContain(filePathOf(decodeURI(url.slice(base.length))));
    expect(files).toContain('tags/japan/page/1/index.html');
    expect(files).toContain('2018/05/25/killed/index.html');
  });

  it('should list in the news sitemap exactly the stories of the two days before the build, newest first', async () => {
    const built = await site(newsroom);
    await built.build({ now });
    const xml = await built.read('news-sitemap.xml');
    expect(locs(xml)).toEqual([`${base}2018/05/25/today/`, `${base}2018/05/24/yesterday/`]);
    expect(elementsNamed(fromXml(xml), 'news:name').map(textOf)).toEqual(['Wire & Desk', 'Wire & Desk']);
    expect(elementsNamed(fromXml(xml), 'news:language').map(textOf)).toEqual(['en', 'zh-tw']);
    expect(xml).toContain('<news:publication_date>2018-05-25T10:00:00+03:00</news:publication_date><news:title>Story TODAY</news:title>');
  });

  it('should bring the news sitemap up to date when a later build finds nothing changed but the clock', async () => {
    const built = await site(newsroom);
    // Files older than the build: the next build may take them as unchanged without reading them.
    const anHourAgo = new Date(Date.now() - hour);
    for (const name of await readdir(path.join(built.dir, 'stories'))) await utimes(path.join(built.dir, 'stories', name), anHourAgo, anHourAgo);
    await built.build({ now });
    expect((await built.build({ now: now + hour })).site, 'nothing changed: the up-to-date path').toBeUndefined();
    const later = await built.build({ now: now + 20 * hour });
    expect(later.ok).toBe(true);
    // 26 May, 11:00 Moscow time: yesterday's story is out of the window and tomorrow's is in.
    expect(locs(await built.read('news-sitemap.xml'))).toEqual([`${base}2018/05/26/tomorrow/`, `${base}2018/05/25/today/`]);
    await built.build({ now: now + 20 * hour });
    expect(locs(await built.read('news-sitemap.xml'))).toHaveLength(2);
  });

  it('should write robots.txt beside the sitemaps, pointing at both by absolute URL', async () => {
    const built = await site(newsroom);
    await built.build({ now });
    expect(await built.read('robots.txt')).toBe(`User-agent: *\nAllow: /\n\nSitemap: ${base}sitemap.xml\nSitemap: ${base}news-sitemap.xml\n`);
  });
});
