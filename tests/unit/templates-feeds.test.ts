import { describe, expect, it } from 'vitest';
import { fromXml } from 'xast-util-from-xml';
import type { LinkedArticle } from '../../src/model/site.js';
import type { FeedView } from '../../src/model/views.js';
import { renderAtom } from '../../templates/atom.js';
import { jsonFeed, renderJsonFeed } from '../../templates/json-feed.js';
import { feedXml } from '../../templates/rss.js';
import { storyFixture as story, testConfig, written } from '../support/view-fixtures.js';

const config = testConfig();
const later = { epochMs: written.epochMs + 86_400_000, offsetMinutes: 0, iso: '2018-05-26T11:03:00Z', dateOnly: false };

function view(articles: readonly LinkedArticle[], format: 'atom.xml' | 'feed.json', overrides: Partial<FeedView> = {}): FeedView {
  return { config, title: 'Wire Desk: Japan', description: 'Stories filed under Japan', path: `tags/japan/${format}`, pagePath: 'tags/japan/', articles, references: () => [], ...overrides };
}

const corrected = story('corrected', {
  byline: 'Jane Roe',
  section: { name: 'Business', slug: 'business' },
  tags: [{ name: 'Japan', slug: 'japan' }],
  lang: 'ru',
  image: { src: 'media/a.jpg', alt: 'A' },
  corrections: [{ date: later, text: 'Fixed a name.' }],
});
const killed = story('killed', { status: 'canceled', note: 'Filed in error.', image: { src: 'media/k.jpg' }, tags: [{ name: 'Japan', slug: 'japan' }] });

describe('renderAtom', () => {
  it('should describe the feed with stable ids, its update time, and alternate and self links', () => {
    const xml = feedXml(renderAtom(view([corrected], 'atom.xml', { updated: later })));
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">')).toBe(true);
    expect(xml).toContain('<id>https://example.com/news/tags/japan/atom.xml</id><title>Wire Desk: Japan</title><subtitle>Stories filed under Japan</subtitle><updated>2018-05-26T11:03:00Z</updated>');
    expect(xml).toContain('<link rel="alternate" type="text/html" href="https://example.com/news/tags/japan/"></link>');
    expect(xml).toContain('<link rel="self" type="application/atom+xml" href="https://example.com/news/tags/japan/atom.xml"></link>');
    expect(xml).toContain('<author><name>Wire Desk</name></author>');
  });

  it('should give an entry its permalink id, publish and modified times, author, content and a category per term', () => {
    const xml = feedXml(renderAtom(view([corrected], 'atom.xml')));
    expect(xml).toContain('<entry xml:lang="ru"><id>https://example.com/news/2018/05/25/corrected/</id><title>Headline of corrected</title>');
    expect(xml).toContain('<published>2018-05-25T14:03:00+03:00</published><updated>2018-05-26T11:03:00Z</updated><author><name>Jane Roe</name></author>');
    expect(xml).toContain('<content type="html">&#x3C;figure');
    expect(xml).toContain('<category term="Business"></category><category term="Japan"></category></entry>');
  });

  it('should leave out the update time of a feed with no entries', () => {
    expect(feedXml(renderAtom(view([], 'atom.xml')))).not.toContain('<updated>');
  });

  it('should stay well-formed XML whatever a headline or note holds', () => {
    const odd = story('odd', { title: 'A ]]> b </entry> \u0001', note: 'n ]]> \uD800' });
    const xml = feedXml(renderAtom(view([odd, { ...odd, id: 'odd-killed', status: 'canceled', path: '2018/05/25/odd-killed/' }], 'atom.xml')));
    expect(() => fromXml(xml)).not.toThrow();
    expect(xml).toContain('<title>A ]]&gt; b &#x3C;/entry> \uFFFD</title>');
    expect(xml).toContain('<summary>This story has been withdrawn. n ]]&gt; \uFFFD</summary>');
  });
});

describe('renderJsonFeed', () => {
  it('should describe the feed as JSON Feed 1.1', () => {
    expect(jsonFeed(view([], 'feed.json'))).toEqual({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Wire Desk: Japan',
      home_page_url: 'https://example.com/news/tags/japan/',
      feed_url: 'https://example.com/news/tags/japan/feed.json',
      description: 'Stories filed under Japan',
      language: 'en',
      items: [],
    });
  });

  it('should give an item every field a reader shows, from the same body HTML as the XML feeds', () => {
    const [item] = jsonFeed(view([corrected], 'feed.json')).items;
    expect(item).toMatchObject({
      id: 'https://example.com/news/2018/05/25/corrected/',
      url: 'https://example.com/news/2018/05/25/corrected/',
      title: 'Headline of corrected',
      summary: 'Summary of corrected.',
      date_published: '2018-05-25T14:03:00+03:00',
      date_modified: '2018-05-26T11:03:00Z',
      authors: [{ name: 'Jane Roe' }],
      tags: ['Business', 'Japan'],
      image: 'https://example.com/news/media/a.jpg',
      language: 'ru',
    });
    expect(item?.content_html).toMatch(/^<figure class="lead-figure"><img src="https:\/\/example.com\/news\/media\/a.jpg" alt="A">.*<p>Body text.<\/p>/s);
  });

  it('should replace a killed story with its notice: no body, picture, tags or author', () => {
    const [item] = jsonFeed(view([killed], 'feed.json')).items;
    expect(item).toEqual({
      id: 'https://example.com/news/2018/05/25/killed/',
      url: 'https://example.com/news/2018/05/25/killed/',
      title: 'Withdrawn',
      summary: 'This story has been withdrawn. Filed in error.',
      content_html: '<p>This story has been withdrawn.</p><p class="note">Filed in error.</p>',
      date_published: '2018-05-25T14:03:00+03:00',
      date_modified: '2018-05-25T14:03:00+03:00',
    });
  });

  it('should write JSON that reads back to the same text, whatever a headline holds', () => {
    const title = '</script> "q" \\ \u0000 \u2028 ]]>';
    const parsed = JSON.parse(renderJsonFeed(view([story('odd', { title })], 'feed.json'))) as { items: { title: string }[] };
    expect(parsed.items[0]?.title).toBe(title);
  });
});
