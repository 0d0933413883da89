import { pageHtml } from '../../src/pages/page-html.js';
import { h } from 'hastscript';
import { serializeBody } from '../../src/model/body-html.js';
import { describe, expect, it } from 'vitest';
import { defaultTemplates } from '../../templates/defaults.js';
import type { LinkedArticle } from '../../src/model/site.js';
import type { ListView, PageChrome } from '../../src/model/views.js';
import { paginate } from '../../src/pages/paginate.js';
import { renderList } from '../../templates/list.js';
import { renderNotFound } from '../../templates/not-found.js';
import { renderTermIndex } from '../../templates/term-index.js';
import { chromeFixture, collectionFixture as collection, storyFixture, testConfig } from '../support/view-fixtures.js';

const config = testConfig({ pageSize: 2 });

const business = collection('section', 'Business', 'business', 12);

/** A story filed under Business; `overrides` set what a test is about. */
function story(id: string, overrides: Partial<LinkedArticle> = {}): LinkedArticle {
  return storyFixture(id, { section: { name: 'Business', slug: 'business' }, body: serializeBody({ type: 'root', children: [h('p', 'Text')] }, undefined), wordCount: 1, ...overrides });
}

function chrome(path: string, title: string): PageChrome {
  return chromeFixture(config, path, title, { sections: [business] });
}

const spief = collection('topic', 'St. Petersburg International Economic Forum 2018', 'spief-2018', 40);

/** The pages of a 400-story topic in pages of 20: the first page and archive pages 19 (newest) down to 1. */
const topicPages = paginate(
  Array.from({ length: 400 }, (_, index) => index),
  20,
  spief.path,
);

/** The first page of the topic (`archive` undefined) or one of its archive pages. */
function topicPage(archive?: number, overrides: Partial<ListView> = {}): string {
  const page = topicPages.find((candidate) => candidate.pagination.number === archive);
  if (!page) throw new Error(`No archive page ${archive}`);
  return pageHtml(
    renderList(
      {
        kind: 'topic',
        chrome: chrome(page.path, spief.name),
        heading: spief.name,
        collection: spief,
        total: 40,
        articles: [
          story('putin-japan', { image: { src: 'media/putin.jpg', alt: 'Putin' } }),
          story('macron', { date: { epochMs: Date.UTC(2018, 4, 21, 9), offsetMinutes: 0, iso: '2018-05-21T09:00:00Z', dateOnly: false } }),
        ],
        pagination: page.pagination,
        ...overrides,
      },
      defaultTemplates,
    ),
  );
}

describe('renderList', () => {
  it('should show the topic name as the h1 with its total story count', () => {
    const html = topicPage();
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    expect(html).toContain('<h1>St. Petersburg International Economic Forum 2018</h1>');
    expect(html).toContain('40 stories');
  });

  it('should show each story with headline link, time, section, summary and picture', () => {
    const html = topicPage();
    expect(html).toContain('<h2 class="card-title"><a href="/news/2018/05/25/putin-japan/">Headline of putin-japan</a></h2>');
    expect(html).toContain('<time class="card-time" datetime="2018-05-25T14:03:00+03:00">25 May 2018, 14:03 UTC+3</time>');
    expect(html).toContain('<p class="kicker"><a href="/news/sections/business/">Business</a></p>');
    expect(html).toContain('<p class="card-summary">Summary of macron.</p>');
    expect(html).toContain('<img class="lead-picture" src="/news/media/putin.jpg" alt="Putin"');
    expect(html.match(/<img/g)).toHaveLength(1);
  });

  it('should number archive pages from the oldest, say which days one spans, and link the newer, older and nearby pages', () => {
    const html = topicPage(5);
    expect(html).toContain('Archive page 5 · 21 May 2018 – 25 May 2018');
    expect(html).not.toContain('40 stories');
    expect(html).toContain('<a href="/news/topics/spief-2018/page/6/" rel="prev">');
    expect(html).toContain('<a href="/news/topics/spief-2018/page/4/" rel="next">');
    expect(html).toContain('<a href="/news/topics/spief-2018/">Latest</a>');
    expect(html).toContain('<a href="/news/topics/spief-2018/page/5/" aria-current="page">5</a>');
    expect(html).toContain('<a href="/news/topics/spief-2018/page/1/">1</a>');
    expect(html).not.toContain('>12</a>');
    expect(html).not.toContain('>19</a>');
    expect(html).toContain('<li class="gap">…</li>');
  });

  it('should link the newest archive page as the older one from the first page, and no page older than archive page 1', () => {
    const first = topicPage();
    expect(first).not.toContain('rel="prev"');
    expect(first).toContain('<a href="/news/topics/spief-2018/page/19/" rel="next">');
    expect(first).toContain('<a href="/news/topics/spief-2018/" aria-current="page">Latest</a>');
    expect(topicPage(19)).toContain('<a href="/news/topics/spief-2018/" rel="prev">');
    expect(topicPage(1)).not.toContain('rel="next"');
  });

  it('should leave out pagination when everything fits on one page', () => {
    const [only] = paginate(['a', 'b'], 20, spief.path);
    const html = topicPage(undefined, { total: 2, pagination: only?.pagination ?? { links: [] } });
    expect(html).not.toContain('class="pagination"');
  });

  it('should title the home page with the site name alone and show no count', () => {
    const html = pageHtml(renderList({ kind: 'home', chrome: chrome('', 'Wire Desk'), heading: 'Latest stories', total: 1, articles: [story('a')], pagination: { links: [] } }, defaultTemplates));
    expect(html).toContain('<title>Wire Desk</title>');
    expect(html).toContain('<h1>Latest stories</h1>');
    expect(html).not.toContain('1 story');
  });

  it('should link home, the sections, topics and tags under the base path', () => {
    const html = topicPage();
    expect(html).toContain('<a class="site-title" href="/news/">Wire Desk</a>');
    expect(html).toContain('<a href="/news/sections/business/">Business</a>');
    expect(html).toContain('<a href="/news/topics/" aria-current="true">Topics</a>');
    expect(html).toContain('<a href="/news/tags/">Tags</a>');
    expect(html).toContain('<link rel="alternate" type="application/rss+xml" title="Wire Desk" href="/news/feed.xml">');
  });
});

describe('renderTermIndex', () => {
  it('should list every collection with a link and its story count', () => {
    const html = pageHtml(
      renderTermIndex({ kind: 'topic-index', chrome: chrome('topics/', 'Topics'), heading: 'Topics', collections: [spief, collection('topic', 'Brexit', 'brexit', 1)] }, defaultTemplates),
    );
    expect(html).toContain('<h1>Topics</h1>');
    expect(html).toContain('<a href="/news/topics/spief-2018/">St. Petersburg International Economic Forum 2018</a> <span class="count">40 stories</span>');
    expect(html).toContain('<a href="/news/topics/brexit/">Brexit</a> <span class="count">1 story</span>');
  });
});

describe('renderNotFound', () => {
  it('should apologise, link home and show the latest stories, without a canonical link', () => {
    const html = pageHtml(renderNotFound({ kind: 'not-found', chrome: chrome('404.html', 'Page not found'), latest: [story('a'), story('b')] }, defaultTemplates));
    expect(html).toContain('<h1>Page not found</h1>');
    expect(html).toContain('<a href="/news/">Go to the front page of Wire Desk</a>');
    expect(html).toContain('<a href="/news/2018/05/25/b/">Headline of b</a>');
    expect(html).not.toContain('rel="canonical"');
  });
});
