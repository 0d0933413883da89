import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, utimes } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureStory, siteMaker } from '../support/fixture-site.js';
import { parsePage } from '../support/html.js';
import { writePicture } from '../support/pictures.js';

const site = siteMaker();

const story = fixtureStory;

describe('building a site', () => {
  it('should write a page per story at its permalink, home, indexes, the feeds page, a 404 page and feeds', async () => {
    const built = await site(story('a', 24, 'section: Business\ntopics: [SPIEF]\ntags: [Japan]') + story('b', 25, 'tags: [Japan, Russia]'));
    const outcome = await built.build();
    expect(outcome.ok).toBe(true);
    expect(outcome.lines.at(-1)).toMatch(/^Built 2 stories into 13 pages and 5 feeds in \d+ ms: \d+ files written, 0 unchanged, 0 removed$/);
    const files = await built.files();
    // The search index's files are named by their contents: `search.test.ts` is about them.
    expect(files.filter((file) => file.startsWith('pagefind/')).length).toBeGreaterThan(5);
    // The stylesheet's and the script's names carry a digest of their bytes: the test below is about it.
    const named = (file: string) => file.replace(/^assets\/style\.[0-9a-f]{10}\.css$/, 'assets/style.HASH.css').replace(/^assets\/relative-time\.[0-9a-f]{10}\.js$/, 'assets/relative-time.HASH.js');
    expect(files.filter((file) => !file.startsWith('pagefind/')).map(named)).toEqual([
      '2018/05/24/a/index.html',
      '2018/05/25/b/index.html',
      '404.html',
      'assets/relative-time.HASH.js',
      'assets/search.js',
      'assets/style.HASH.css',
      'atom.xml',
      'feed.json',
      'feed.xml',
      'feeds/index.html',
      'index.html',
      'news-sitemap.xml',
      'robots.txt',
      'search/index.html',
      'sections/business/atom.xml',
      'sections/business/feed.json',
      'sections/business/feed.xml',
      'sections/business/index.html',
      'sections/index.html',
      'site-card.png',
      'sitemap.xml',
      'tags/index.html',
      'tags/japan/atom.xml',
      'tags/japan/feed.json',
      'tags/japan/feed.xml',
      'tags/japan/index.html',
      'tags/russia/atom.xml',
      'tags/russia/feed.json',
      'tags/russia/feed.xml',
      'tags/russia/index.html',
      'topics/index.html',
      'topics/spief/atom.xml',
      'topics/spief/feed.json',
      'topics/spief/feed.xml',
      'topics/spief/index.html',
    ]);
    expect(parsePage(await built.read('2018/05/24/a/')).text('h1')).toBe('Story A');
    for (const file of await built.files()) expect(await built.read(file), `${file} carries no dev script`).not.toContain('__wiredesk');
  });

  it('should list stories newest first and paginate home and tag pages', async () => {
    const built = await site(`-- site.yaml --\npageSize: 2\n` + [1, 2, 3, 4, 5].map((day) => story(`s${day}`, day, 'tags: [Japan]')).join(''));
    await built.build();
    const home = parsePage(await built.read(''));
    expect(home.texts('main h2 a, main h3 a').filter((text) => text.startsWith('Story'))).toEqual(['Story S5', 'Story S4']);
    // Archive pages are numbered from the oldest: page 1 holds the two oldest, page 2 the one left.
    const oldest = parsePage(await built.read('page/1/'));
    expect(oldest.texts('main .card-title a')).toEqual(['Story S2', 'Story S1']);
    expect(oldest.attrs('a[rel=prev]', 'href')).toEqual(['/page/2/']);
    expect(home.attrs('a[rel=next]', 'href')).toEqual(['/page/2/']);
    const tag2 = parsePage(await built.read('tags/japan/page/2/'));
    expect(tag2.texts('main .card-title a')).toEqual(['Story S3']);
    expect(tag2.attrs('a[rel=prev]', 'href')).toEqual(['/tags/japan/']);
    expect(parsePage(await built.read('tags/japan/')).allText).toContain('5 stories');
    expect(existsSync(path.join(built.dir, 'dist/page/3/index.html'))).toBe(false);
  });

  it('should show every tag and topic with its story count on the index pages', async () => {
    const built = await site(story('a', 1, 'tags: [Japan, Russia]') + story('b', 2, 'tags: [Japan]\ntopics: [SPIEF]'));
    await built.build();
    const tags = parsePage(await built.read('tags/'));
    expect(tags.allText).toMatch(/Japan\D*2/);
    expect(tags.allText).toMatch(/Russia\D*1/);
    expect(tags.attrs('main a', 'href')).toEqual(expect.arrayContaining(['/tags/japan/', '/tags/russia/']));
    expect(parsePage(await built.read('topics/')).allText).toMatch(/SPIEF\D*1/);
  });

  it('should resolve READ MORE and story links to the target URL and current headline', async () => {
    const built = await site(
      story('a', 2, '', 'Lead.\n\nREAD MORE: [](2017/b.md)\n\nSee [this earlier piece](2017/b.md#quotes).') +
        `-- stories/2017/b.md --\n---\ntitle: Pipelines Have No Rivals — Putin\ndate: 2017-05-01T10:00:00Z\n---\nText.\n`,
    );
    await built.build();
    let page = parsePage(await built.read('2018/05/02/a/'));
    expect(page.text('aside.read-more a')).toBe('Pipelines Have No Rivals — Putin');
    expect(page.attrs('aside.read-more a', 'href')).toEqual(['/2017/05/01/b/']);
    expect(page.attrs('.story-body p a', 'href')).toEqual(['/2017/05/01/b/']);
    expect(page.text('.story-body p a')).toBe('this earlier piece');

    await built.write('stories/2017/b.md', '---\ntitle: Pipelines Renamed\ndate: 2017-05-01T10:00:00Z\n---\nText.\n');
    await built.build();
    page = parsePage(await built.read('2018/05/02/a/'));
    expect(page.text('aside.read-more a')).toBe('Pipelines Renamed');
  });

  it('should show related stories as teaser cards with headline and date', async () => {
    const built = await site(story('a', 2, 'related: [b]') + story('b', 1));
    await built.build();
    const page = parsePage(await built.read('2018/05/02/a/'));
    expect(page.text('.related a')).toBe('Story B');
    expect(page.attrs('.related time', 'dateTime')).toEqual(['2018-05-01T10:00:00+03:00']);
  });

  it('should honour a base URL with a path prefix in links and feeds', async () => {
    const built = await site(`-- site.yaml --\nbaseUrl: https://news.example.org/news/\n` + story('a', 2, 'tags: [Japan]'));
    await built.build();
    const home = parsePage(await built.read(''));
    const hrefs = home.attrs('a[href], link[href]', 'href').filter((href) => !href.startsWith('#'));
    expect(hrefs.length).toBeGreaterThan(3);
    for (const href of hrefs) expect(href).toMatch(/^(\/news\/|https:\/\/news\.example\.org\/news\/)/);
    const feed = await built.read('feed.xml');
    expect(feed).toContain('<link>https://news.example.org/news/2018/05/02/a/</link>');
    expect(feed).toContain('href="https://news.example.org/news/feed.xml"');
  });

  it('should publish the stylesheet under a name carrying a digest of its bytes and link it from every page', async () => {
    const built = await site(`-- site.yaml --\nbaseUrl: https://news.example.org/news/\n` + story('a', 2, 'tags: [Japan]'));
    await built.build();
    const stylesheets = (await built.files()).filter((file) => file.startsWith('assets/') && file.endsWith('.css'));
    expect(stylesheets).toHaveLength(1);
    const [published = ''] = stylesheets;
    const theme = await readFile(path.resolve(import.meta.dirname, '../../templates/assets/style.css'));
    expect(await built.read(published)).toBe(theme.toString('utf8'));
    expect(published).toBe(`assets/style.${createHash('sha256').update(theme).digest('hex').slice(0, 10)}.css`);
    for (const page of ['', '2018/05/02/a/', 'tags/japan/', 'tags/', '404.html', 'search/']) {
      expect(parsePage(await built.read(page)).attrs('link[rel=stylesheet]', 'href'), page).toContain(`/news/${published}`);
    }
  });

  it('should let --base-url override site.yaml', async () => {
    const built = await site(`-- site.yaml --\nbaseUrl: https://a.example/\n` + story('a', 2));
    await built.build({ baseUrl: 'https://b.example/x/' });
    expect(await built.read('feed.xml')).toContain('<link>https://b.example/x/2018/05/02/a/</link>');
  });

  it('should write RSS with RFC 822 dates, guids, categories and at most feedSize items', async () => {
    const built = await site(`-- site.yaml --\nfeedSize: 2\n` + story('a', 1, 'tags: [Japan]') + story('b', 2, 'tags: [Japan, Russia]\nsection: Business') + story('c', 3));
    await built.build();
    const feed = await built.read('feed.xml');
    expect(feed.match(/<item>/g)).toHaveLength(2);
    expect(feed).toContain('<pubDate>Wed, 02 May 2018 07:00:00 GMT</pubDate>');
    expect(feed).toContain('<guid isPermaLink="true">http://localhost:4321/2018/05/02/b/</guid>');
    expect(feed).toContain('<category>Russia</category>');
    expect(feed).toContain('<lastBuildDate>Thu, 03 May 2018 07:00:00 GMT</lastBuildDate>');
    expect(await built.read('tags/japan/feed.xml')).toContain('<title>Story A</title>');
  });

  it('should copy a lead image from the stories folder and show it with caption and credit', async () => {
    const built = await site(story('a', 2, 'image: {src: img/abe.jpg, alt: Abe, caption: Putin and Abe., credit: © REUTERS}'));
    const picture = await writePicture(path.join(built.dir, 'stories/img/abe.jpg'));
    await built.build();
    const page = parsePage(await built.read('2018/05/02/a/'));
    expect(page.attrs('figure img', 'src')).toEqual(['/media/img/abe.64w.jpg']);
    expect(page.text('figcaption')).toContain('Putin and Abe.');
    expect(page.text('figcaption .credit')).toBe('© REUTERS');
    expect((await readFile(path.join(built.dir, 'dist/media/img/abe.jpg'))).equals(picture)).toBe(true);
  });

  it('should report every problem of every story at once and keep the last good site', async () => {
    const built = await site(story('good', 1));
    expect((await built.build()).ok).toBe(true);
    const before = await built.read('2018/05/01/good/');
    await built.write('stories/bad1.md', '---\ntitle: Bad\ndate: yesterday\n---\nText.\n');
    await built.write('stories/bad2.md', '---\ndate: 2018-05-01T10:00:00Z\n---\nREAD MORE: [](gone.md)\n');
    const outcome = await built.build();
    expect(outcome.ok).toBe(false);
    expect(outcome.lines[0]?.split('\n')).toEqual([
      expect.stringMatching(/^stories\/bad1\.md:3:7 {2}error {2}.*invalid-date$/),
      expect.stringMatching(/^stories\/bad2\.md:1:1 {2}error {2}Missing `title`.*missing-title$/),
      '2 errors, 0 warnings',
    ]);
    expect(outcome.lines.at(-1)).toContain('nothing was written');
    expect(await built.read('2018/05/01/good/')).toBe(before);
  });

  it('should report the same warnings and counts when nothing changed since the last build', async () => {
    const built = await site(story('a', 2, 'tgas: [Japan]') + story('b', 3));
    const anHourAgo = new Date(Date.now() - 3_600_000);
    for (const name of ['a.md', 'b.md']) await utimes(path.join(built.dir, 'stories', name), anHourAgo, anHourAgo);
    const first = await built.build();
    const second = await built.build();
    expect(second.site, 'the second build took the up-to-date path: nothing resolved or rendered').toBeUndefined();
    expect(first.lines[0]).toMatch(/stories\/a\.md:4:1 {2}warning {2}Unknown field `tgas`, did you mean `tags`\?/);
    expect(second.lines[0]).toBe(first.lines[0]);
    expect(second.lines.at(-1)).toMatch(/^Built 2 stories into \d+ pages and \d+ feeds in \d+ ms: 0 files written, \d+ unchanged, 0 removed$/);
    expect(second.lines.at(-1)?.replace(/in \d+ ms.*/, '')).toBe(first.lines.at(-1)?.replace(/in \d+ ms.*/, ''));
  });

  it('should keep author text as text: markup in front matter never becomes markup', async () => {
    const built = await site(
      story('a', 2, `section: "<b>Biz</b>"\ntags: ["<img src=x onerror=alert(1)>"]\nimage: {caption: "<script>alert(1)</script>", credit: "\\"><i>x</i>"}\nnote: "<em>n</em>"`).replace(
        'Story A',
        '<script>alert(1)</script>',
      ),
    );
    await built.build();
    const page = parsePage(await built.read('2018/05/02/a/'));
    expect(page.texts('script:not([type="application/ld+json"]), b, em, i, img[onerror]')).toEqual([]);
    expect(page.text('h1')).toBe('<script>alert(1)</script>');
    expect(page.text('.picture-credit')).toContain('<script>alert(1)</script>');
    expect(page.text('.note')).toBe('<em>n</em>');
    expect(await built.read('feed.xml')).not.toMatch(/<script>alert|<img src=x/);
  });
});
