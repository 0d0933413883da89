import { h } from 'hastscript';
import { serializeBody } from '../../src/model/body-html.js';
import { describe, expect, it } from 'vitest';
import { fromXml } from 'xast-util-from-xml';
import type { LinkedArticle } from '../../src/model/site.js';
import type { FeedView } from '../../src/model/views.js';
import { feedXml, renderRss } from '../../templates/rss.js';
import { storyFixture as story, testConfig, written } from '../support/view-fixtures.js';

const config = testConfig();

const pipelines = story('pipelines', { title: 'Russian Pipelines Have No Rivals', path: '2018/05/24/pipelines/' });

function feed(articles: readonly LinkedArticle[], overrides: Partial<FeedView> = {}): string {
  return feedXml(
    renderRss({
      config,
      title: 'Wire Desk: Business',
      description: 'Stories filed under Business',
      path: 'sections/business/feed.xml',
      pagePath: 'sections/business/',
      articles,
      updated: written,
      references: () => [pipelines],
      ...overrides,
    }),
  );
}

const full = story('putin-japan', {
  section: { name: 'Business', slug: 'business' },
  tags: [
    { name: 'Japan', slug: 'japan' },
    { name: 'Russia', slug: 'russia' },
  ],
  byline: 'Jane Roe',
  dateline: { place: 'ST PETERSBURG', agency: 'Sputnik' },
  image: { src: 'media/putin.jpg', caption: 'Putin and Abe.', credit: '© REUTERS' },
  body: serializeBody(
    { type: 'root', children: [h('p', 'Russia is interested.'), h('aside', { className: ['read-more'] }, h('a', { dataStoryRef: 0 }))] },
    { place: 'ST PETERSBURG', agency: 'Sputnik' },
  ),
});

describe('renderRss', () => {
  it('should open with the XML declaration and an RSS 2.0 root with its namespaces', () => {
    const xml = feed([]);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"')).toBe(true);
    expect(xml).toContain('xmlns:atom="http://www.w3.org/2005/Atom"');
    expect(xml).toContain('xmlns:content="http://purl.org/rss/1.0/modules/content/"');
    expect(xml).toContain('xmlns:dc="http://purl.org/dc/elements/1.1/"');
  });

  it('should describe the channel with absolute links and a self link', () => {
    const xml = feed([]);
    expect(xml).toContain('<channel><title>Wire Desk: Business</title><link>https://example.com/news/sections/business/</link>');
    expect(xml).toContain('<description>Stories filed under Business</description><language>en</language>');
    expect(xml).toContain('<atom:link href="https://example.com/news/sections/business/feed.xml" rel="self" type="application/rss+xml"></atom:link>');
    expect(xml).toContain('<lastBuildDate>Fri, 25 May 2018 11:03:00 GMT</lastBuildDate>');
    expect(xml).toContain('<generator>wiredesk</generator>');
  });

  it('should stay well-formed XML when a story holds `]]>` or characters XML does not allow', () => {
    const xml = feed([story('odd', { title: 'Close ]]> it\u0000 \u0001 \uD800 now', summary: 'a]]>b' })]);
    expect(xml).toContain('<title>Close ]]&gt; it\uFFFD \uFFFD \uFFFD now</title>');
    expect(xml).toContain('<description>a]]&gt;b</description>');
    expect(() => fromXml(xml)).not.toThrow();
  });

  it('should leave out lastBuildDate when there is none', () => {
    const xml = feedXml(renderRss({ config, title: 'T', description: 'D', path: 'feed.xml', pagePath: '', articles: [], references: () => [] }));
    expect(xml).not.toContain('lastBuildDate');
  });

  it('should give each item its title, absolute link, permalink guid, RFC 822 date and summary', () => {
    const xml = feed([full]);
    expect(xml).toContain('<item><title>Headline of putin-japan</title><link>https://example.com/news/2018/05/25/putin-japan/</link>');
    expect(xml).toContain('<guid isPermaLink="true">https://example.com/news/2018/05/25/putin-japan/</guid>');
    expect(xml).toContain('<pubDate>Fri, 25 May 2018 11:03:00 GMT</pubDate>');
    expect(xml).toContain('<description>Summary of putin-japan.</description>');
  });

  it('should file the item under its section and tags, by its byline', () => {
    const xml = feed([full]);
    expect(xml).toContain('<category>Business</category><category>Japan</category><category>Russia</category>');
    expect(xml).toContain('<dc:creator>Jane Roe</dc:creator>');
    expect(feed([story('plain')])).not.toContain('<dc:creator>');
  });

  it('should carry the full body as escaped HTML, lead image first, story links absolute', () => {
    const xml = feed([full]);
    const encoded = /<content:encoded>(.*?)<\/content:encoded>/s.exec(xml)?.[1] ?? '';
    expect(encoded.startsWith('&#x3C;figure class="lead-figure">&#x3C;img src="https://example.com/news/media/putin.jpg" alt="Putin and Abe.">')).toBe(true);
    expect(encoded).toContain('&#x3C;span class="credit">© REUTERS&#x3C;/span>');
    expect(encoded).toContain('&#x3C;span class="dateline">ST PETERSBURG (Sputnik) –&#x3C;/span> Russia is interested.');
    expect(encoded).toContain('&#x3C;a href="https://example.com/news/2018/05/24/pipelines/">Russian Pipelines Have No Rivals&#x3C;/a>');
    expect(encoded).not.toContain('<');
  });

  it('should leave out a lead image that has a caption but no picture', () => {
    const xml = feed([story('no-picture', { image: { caption: 'Only words.', credit: 'AP' } })]);
    expect(xml).not.toContain('figure');
    expect(xml).toContain('<content:encoded>&#x3C;p>Body text.&#x3C;/p></content:encoded>');
  });

  it('should escape markup in titles and summaries twice, as HTML shown as text inside XML', () => {
    const xml = feed([story('x', { title: 'A <b>bold</b> & brave move', summary: 'Buys <Sedio N.V.>' })]);
    expect(xml).toContain('<title>A &#x26;#x3C;b>bold&#x26;#x3C;/b> &#x26;#x26; brave move</title>');
    expect(xml).toContain('<description>Buys &#x26;#x3C;Sedio N.V.></description>');
  });

  it('should keep the items in the order given', () => {
    const xml = feed([story('first'), story('second')]);
    expect(xml.indexOf('Headline of first')).toBeLessThan(xml.indexOf('Headline of second'));
  });
});
