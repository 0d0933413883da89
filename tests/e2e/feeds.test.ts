import { cp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDevEngine } from '../../src/dev/engine.js';
import { parseFeeds, type ParsedFeed } from '../support/checkers/feed-parser.js';
import { fixtureSite, fixtureStory as story, siteMaker, type FixtureSite } from '../support/fixture-site.js';
import { parsePage } from '../support/html.js';

const site = siteMaker();

const config = '-- site.yaml --\ntitle: Wire Desk\nbaseUrl: https://example.com/news/\nfeedSize: 4\n';

// Six stories, 20th (oldest) to 25th; `killed` (the 23rd) is withdrawn, `mended` (the 21st) corrected later.
const newsroom =
  config +
  story('oldest', 20, 'section: Business\ntags: [Japan]') +
  story('mended', 21, 'section: Business\ntags: [Japan]\nbyline: Jane Roe\ncorrections:\n  - date: 2018-05-27T09:30:00+03:00\n    text: An earlier version misspelt the minister.') +
  story('plain', 22, 'section: World') +
  story('killed', 23, 'section: Business\ntags: [Japan, Gone]\nstatus: canceled\nnote: The story was filed in error.', 'Secret body of the killed story.') +
  story('recent', 24, 'tags: [Japan]') +
  story('newest', 25, 'section: World');

const formats = ['feed.xml', 'atom.xml', 'feed.json'] as const;

/** Every feed of the built site, parsed, by site path. */
async function parsedFeeds(built: FixtureSite): Promise<Map<string, ParsedFeed>> {
  const files = (await built.files()).filter((file) => formats.some((name) => file.endsWith(name)));
  const parsed = await parseFeeds(files.map((file) => path.join(built.dir, 'dist', file)));
  return new Map(parsed.map((feed, index) => [files[index] ?? '', feed]));
}

function feedAt(feeds: Map<string, ParsedFeed>, sitePath: string): ParsedFeed {
  const feed = feeds.get(sitePath);
  if (!feed) throw new Error(`No feed at ${sitePath}`);
  return feed;
}

describe('feeds in three formats', () => {
  it('should write atom.xml and feed.json beside every feed.xml, and nothing for a collection only a killed story used', async () => {
    const built = await site(newsroom);
    expect((await built.build({ now: Date.UTC(2018, 5, 1) })).ok).toBe(true);
    const files = await built.files();
    const folders = (name: string) => files.filter((file) => path.basename(file) === name).map((file) => path.dirname(file));
    expect(folders('feed.xml')).toEqual(['.', 'sections/business', 'sections/world', 'tags/japan']);
    expect(folders('atom.xml')).toEqual(folders('feed.xml'));
    expect(folders('feed.json')).toEqual(folders('feed.xml'));
  });

  it('should be read by feedparser without bozo, as rss20, atom10 and json11, with the same items in the same order', async () => {
    const built = await site(newsroom);
    await built.build({ now: Date.UTC(2018, 5, 1) });
    const feeds = await parsedFeeds(built);
    expect(feeds.size).toBe(12);
    for (const feed of feeds.values()) expect(feed.bozo, `${feed.file}: ${feed.bozoException ?? ''}`).toBe(false);
    for (const folder of ['', 'sections/business/', 'sections/world/', 'tags/japan/']) {
      const [rss, atom, json] = formats.map((name) => feedAt(feeds, `${folder}${name}`));
      expect([rss?.version, atom?.version, json?.version]).toEqual(['rss20', 'atom10', 'json11']);
      const items = (feed: ParsedFeed | undefined) => feed?.entries.map(({ id, link, title, tags, summary }) => ({ id, link, title, tags, summary }));
      expect(items(rss)?.length).toBeGreaterThan(0);
      expect(items(atom)).toEqual(items(rss));
      expect(items(json)).toEqual(items(rss));
      expect(new Set([rss?.title, atom?.title, json?.title]).size).toBe(1);
    }
    expect(feedAt(feeds, 'feed.xml').entries.map((entry) => entry.title)).toEqual(['Story NEWEST', 'Story RECENT', 'Withdrawn', 'Story PLAIN']);
  });

  it('should carry a killed story as a notice in its place, with its address and note but not its body', async () => {
    const built = await site(newsroom);
    await built.build({ now: Date.UTC(2018, 5, 1) });
    const feeds = await parsedFeeds(built);
    for (const feedPath of ['feed.json', 'sections/business/atom.xml', 'tags/japan/feed.xml']) {
      const notice = feedAt(feeds, feedPath).entries.find((entry) => entry.title === 'Withdrawn');
      expect(notice, feedPath).toMatchObject({ link: 'https://example.com/news/2018/05/23/killed/', id: 'https://example.com/news/2018/05/23/killed/', tags: [] });
      expect(notice?.summary).toBe('This story has been withdrawn. The story was filed in error.');
      expect(notice?.content).toContain('<p>This story has been withdrawn.</p>');
    }
    expect(feedAt(feeds, 'sections/business/feed.xml').entries.map((entry) => entry.title)).toEqual(['Withdrawn', 'Story MENDED', 'Story OLDEST']);
    expect(feedAt(feeds, 'sections/world/feed.json').entries.map((entry) => entry.title)).toEqual(['Story NEWEST', 'Story PLAIN']);
    for (const file of (await built.files()).filter((name) => formats.some((format) => name.endsWith(format)))) {
      expect(await built.read(file), file).not.toContain('Secret body');
    }
  });

  it('should count a notice among the newest feedSize items', async () => {
    const built = await site(newsroom);
    await built.build({ now: Date.UTC(2018, 5, 1) });
    const japan = feedAt(await parsedFeeds(built), 'tags/japan/atom.xml');
    expect(japan.entries.map((entry) => entry.title)).toEqual(['Story RECENT', 'Withdrawn', 'Story MENDED', 'Story OLDEST']);
    const everything = feedAt(await parsedFeeds(built), 'feed.json');
    expect(everything.entries).toHaveLength(4);
  });

  it('should move an item’s update time, and its feeds’, to its latest correction', async () => {
    const built = await site(newsroom);
    await built.build({ now: Date.UTC(2018, 5, 1) });
    const feeds = await parsedFeeds(built);
    const mended = (feedPath: string) => feedAt(feeds, feedPath).entries.find((entry) => entry.title === 'Story MENDED');
    expect(mended('sections/business/atom.xml')).toMatchObject({ published: '2018-05-21T10:00:00+03:00', updated: '2018-05-27T09:30:00+03:00' });
    expect(mended('sections/business/feed.json')).toMatchObject({ published: '2018-05-21T10:00:00+03:00', updated: '2018-05-27T09:30:00+03:00' });
    expect(mended('sections/business/feed.xml')?.published).toBe('Mon, 21 May 2018 07:00:00 GMT');
    expect(feedAt(feeds, 'sections/business/atom.xml').updated).toBe('2018-05-27T09:30:00+03:00');
    expect(feedAt(feeds, 'sections/business/feed.xml').updated).toBe('Sun, 27 May 2018 06:30:00 GMT');
    // The site feed's four newest items leave the corrected story out: its update time is theirs.
    expect(feedAt(feeds, 'atom.xml').updated).toBe('2018-05-25T10:00:00+03:00');
  });

  it('should stay well-formed and keep hostile headlines, notes and bylines as text', async () => {
    const headline = 'Close ]]> it </script><b>&amp; \\"quoted\\" \\u0001';
    const hostile = (id: string, day: number, title: string, extra: string) =>
      `-- stories/${id}.md --\n---\ntitle: "${title}"\ndate: 2018-05-${day}T10:00:00Z\nbyline: "<img src=x onerror=alert(1)>"\ntags: ["]]><x>"]\n${extra}\n---\n\nBody </script> ]]> of ${id}.\n`;
    const built = await site(
      config + hostile('odd', 20, headline, '') + hostile('odd-killed', 21, `Killed ${headline}`, 'status: canceled\nkillNotice: {showHeadline: true}\nnote: "Note ]]> </script> \\u0002"'),
    );
    expect((await built.build({ now: Date.UTC(2018, 5, 1) })).ok).toBe(true);
    const feeds = await parsedFeeds(built);
    expect(feeds.size).toBe(6);
    for (const feed of feeds.values()) {
      expect(feed.bozo, `${feed.file}: ${feed.bozoException ?? ''}`).toBe(false);
      const [notice, odd] = feed.entries;
      expect(odd?.shown.title).toBe('Close ]]> it </script><b>&amp; “quoted” \uFFFD');
      expect(odd?.tags).toEqual([']]><x>']);
      expect(notice?.shown.title).toBe('Withdrawn: Killed Close ]]> it </script><b>&amp; “quoted” \uFFFD');
      expect(notice?.shown.summary).toBe('This story has been withdrawn. Note ]]> </script> \uFFFD');
    }
    const json = JSON.parse(await built.read('feed.json')) as { items: { title: string; summary: string; content_html: string; authors: unknown }[] };
    // Control characters are shown as U+FFFD (invalid-character).
    expect(json.items.map((item) => item.title)).toEqual(['Withdrawn: Killed Close ]]> it </script><b>&amp; “quoted” \uFFFD', 'Close ]]> it </script><b>&amp; “quoted” \uFFFD']);
    expect(json.items[0]?.summary).toBe('This story has been withdrawn. Note ]]> </script> \uFFFD');
    expect(json.items[0]?.content_html).toBe('<p>This story has been withdrawn.</p><p class="note">Note ]]> &#x3C;/script> \uFFFD</p>');
    expect(json.items[1]?.authors).toEqual([{ name: '<img src=x onerror=alert(1)>' }]);
    expect(json.items[1]?.content_html).toContain(']]> of odd.</p>');
    expect(json.items[1]?.content_html).not.toContain('</script>');
  });
});

describe('feed links on pages', () => {
  it('should advertise in the head only the page’s own feeds, in all three formats, and link the feeds page from the footer', async () => {
    const built = await site(newsroom);
    await built.build({ now: Date.UTC(2018, 5, 1) });
    const siteFeed = ['/news/feed.xml', '/news/atom.xml', '/news/feed.json'];
    expect(parsePage(await built.read('')).attrs('link[rel=alternate]', 'href')).toEqual(siteFeed);
    expect(parsePage(await built.read('tags/')).attrs('link[rel=alternate]', 'href')).toEqual(siteFeed);
    // A story page: the site's feed and its section's, not one per topic and tag.
    const story = parsePage(await built.read('2018/05/21/mended/'));
    expect(story.attrs('link[rel=alternate]', 'type')).toEqual(Array.from({ length: 2 }, () => ['application/rss+xml', 'application/atom+xml', 'application/feed+json']).flat());
    expect(story.attrs('link[rel=alternate]', 'href')).toEqual([...siteFeed, '/news/sections/business/feed.xml', '/news/sections/business/atom.xml', '/news/sections/business/feed.json']);
    // A tag's page: the site's feed and the tag's.
    expect(parsePage(await built.read('tags/japan/')).attrs('link[rel=alternate]', 'href')).toEqual([
      ...siteFeed,
      '/news/tags/japan/feed.xml',
      '/news/tags/japan/atom.xml',
      '/news/tags/japan/feed.json',
    ]);
    // Every page's footer has one link to the page that lists every feed.
    for (const page of ['', '2018/05/21/mended/', 'tags/japan/', 'sections/']) {
      const parsed = parsePage(await built.read(page));
      expect(parsed.attrs('footer a[href="/news/feeds/"]', 'href'), page).toHaveLength(1);
      expect(parsed.text('footer a[href="/news/feeds/"]'), page).toBe('Feeds');
      expect(parsed.attrs('footer a[href$=".xml"], footer a[href$=".json"]', 'href'), page).toEqual([]);
    }
    const feedsPage = parsePage(await built.read('feeds/'));
    expect(feedsPage.text('h1')).toBe('Feeds');
    expect(feedsPage.attrs('link[rel=alternate]', 'href')).toEqual(siteFeed);
    // The site's feed first, then each section's, topic's and tag's, by the name it goes by.
    expect(feedsPage.texts('main .feeds li')).toEqual(['Wire Desk: RSS, Atom, JSON Feed', 'Business: RSS, Atom, JSON Feed', 'World: RSS, Atom, JSON Feed', 'Japan: RSS, Atom, JSON Feed']);
    expect(feedsPage.attrs('main .feeds a', 'href')).toContain('/news/tags/japan/feed.json');
  });

  it('should serve each format with its own media type from the dev server', async () => {
    const built = await site(newsroom);
    const engine = await createDevEngine({ cwd: built.dir });
    expect(engine.initial.ok).toBe(true);
    expect(engine.lookup('tags/japan/feed.xml')).toMatchObject({ contentType: 'application/rss+xml; charset=utf-8' });
    expect(engine.lookup('tags/japan/atom.xml')).toMatchObject({ contentType: 'application/atom+xml; charset=utf-8' });
    expect(engine.lookup('tags/japan/feed.json')).toMatchObject({ contentType: 'application/feed+json; charset=utf-8' });
  });
});

describe('feeds in incremental builds', () => {
  /** Build a copy of the site's stories and settings from scratch, and expect the same files, byte for byte. */
  async function expectSameAsClean(built: FixtureSite): Promise<void> {
    const clean = await fixtureSite('');
    try {
      await rm(path.join(clean.dir, 'stories'), { recursive: true, force: true });
      await cp(path.join(built.dir, 'stories'), path.join(clean.dir, 'stories'), { recursive: true });
      await cp(path.join(built.dir, 'site.yaml'), path.join(clean.dir, 'site.yaml'));
      await clean.build({ now: Date.UTC(2018, 5, 1) });
      const files = await clean.files();
      expect(await built.files()).toEqual(files);
      for (const file of files) expect(await built.read(file), file).toBe(await clean.read(file));
    } finally {
      await clean.remove();
    }
  }

  it('should write the same feeds as a clean build when a story is killed, corrected, or its notice edited', async () => {
    const built = await site(newsroom.replace('status: canceled\n', ''));
    await built.build({ now: Date.UTC(2018, 5, 1) });
    const edit = async (id: string, change: (text: string) => string) => {
      const file = `stories/${id}.md`;
      await built.write(file, change(await readFile(path.join(built.dir, file), 'utf8')));
      expect((await built.build({ now: Date.UTC(2018, 5, 1) })).ok).toBe(true);
      await expectSameAsClean(built);
    };
    await edit('killed', (text) => text.replace('tags: [Japan, Gone]', 'tags: [Japan, Gone]\nstatus: canceled'));
    expect(await built.read('feed.xml')).toContain('<title>Withdrawn</title>');
    await edit('plain', (text) => text.replace('section: World', 'section: World\ncorrections:\n  - date: 2018-05-30T10:00:00Z\n    text: Fixed.'));
    await edit('killed', (text) => text.replace('note: The story was filed in error.', 'note: The source withdrew the claim.'));
    expect(await built.read('tags/japan/feed.json')).toContain('The source withdrew the claim.');
  });
});
