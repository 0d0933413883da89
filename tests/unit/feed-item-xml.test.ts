import { describe, expect, it } from 'vitest';
import type { Element } from 'xast';
import { x } from 'xastscript';
import { createRenderMemo } from '../../src/model/render-memo.js';
import type { LinkedArticle } from '../../src/model/site.js';
import type { FeedView } from '../../src/model/views.js';
import { renderAtom } from '../../templates/atom.js';
import { jsonFeed, renderJsonFeed } from '../../templates/json-feed.js';
import { feedItemOf, type FeedItem } from '../../templates/parts/feed-item.js';
import { feedItemXml } from '../../templates/parts/feed-item-xml.js';
import { feedXml, renderRss } from '../../templates/rss.js';
import { storyFixture as story, testConfig } from '../support/view-fixtures.js';

const config = testConfig({ feedSize: 2 });

/** A feed of `articles` without a memo: each render works from scratch. */
function bare(articles: readonly LinkedArticle[]): FeedView {
  return { config, title: 'Wire Desk', description: 'News', path: 'feed.xml', pagePath: '', articles, references: () => [] };
}

function view(articles: readonly LinkedArticle[], memo = createRenderMemo()): FeedView {
  return { ...bare(articles), memo };
}

/** An item element that counts how often it is made. */
function counted(): { element: (item: FeedItem) => Element; made: () => number } {
  let made = 0;
  return {
    element: (item: FeedItem) => {
      made += 1;
      return x('item', {}, x('title', item.title), x('body', item.html));
    },
    made: () => made,
  };
}

const stories = [story('odd', { title: 'A ]]> b & <c> \u0001', summary: 'S ]]]> \uD800 "q"' }), story('plain'), story('killed', { status: 'canceled', note: 'n ]]> &' })];

describe('feedItemXml', () => {
  it('should write an item once per format for every feed of a build that lists it', () => {
    const memo = createRenderMemo();
    const item = feedItemOf(config, story('a'), [], memo);
    const rss = counted();
    const atom = counted();
    const first = feedItemXml(view([], memo), item, 'rss', rss.element);
    expect(feedItemXml(view([], memo), item, 'rss', rss.element)).toEqual(first);
    feedItemXml(view([], memo), item, 'atom', atom.element);
    feedItemXml(view([], memo), item, 'atom', atom.element);
    expect([rss.made(), atom.made()]).toEqual([1, 1]);
    expect(first.value).toBe('<item><title>Headline of a</title><body>&#x3C;p>Body text.&#x3C;/p></body></item>');
  });

  it("should keep only the newest eight feeds' items, so a cold build does not keep every body written", () => {
    const memo = createRenderMemo();
    const rss = counted();
    const items = Array.from({ length: 8 * config.feedSize + 1 }, (_, index) => feedItemOf(config, story(`s${index}`), [], memo));
    for (const item of items) feedItemXml(view([], memo), item, 'rss', rss.element);
    const [oldest, newest] = [items[0], items.at(-1)];
    if (!oldest || !newest) throw new Error('no items');
    feedItemXml(view([], memo), newest, 'rss', rss.element);
    expect(rss.made()).toBe(items.length);
    feedItemXml(view([], memo), oldest, 'rss', rss.element);
    expect(rss.made()).toBe(items.length + 1);
  });

  it('should write each item anew for a feed without a memo', () => {
    const item = feedItemOf(config, story('a'), []);
    const rss = counted();
    feedItemXml(bare([]), item, 'rss', rss.element);
    feedItemXml(bare([]), item, 'rss', rss.element);
    expect(rss.made()).toBe(2);
  });

  it('should write the same RSS and Atom feeds with a shared memo as each on its own', () => {
    const memo = createRenderMemo();
    for (const render of [renderRss, renderAtom]) {
      const shared = [feedXml(render(view(stories, memo))), feedXml(render(view(stories.slice(1), memo))), feedXml(render(view(stories, memo)))];
      const alone = [stories, stories.slice(1), stories].map((articles) => feedXml(render(bare(articles))));
      expect(shared).toEqual(alone);
    }
  });
});

describe('renderJsonFeed', () => {
  it('should write the JSON of the feed object, with or without a memo, with or without items', () => {
    const memo = createRenderMemo();
    for (const articles of [stories, [], stories.slice(1), stories]) {
      const expected = JSON.stringify(jsonFeed(bare(articles)));
      expect(renderJsonFeed(view(articles, memo))).toBe(expected);
      expect(renderJsonFeed(bare(articles))).toBe(expected);
      expect(renderJsonFeed({ ...bare(articles), description: '' })).toBe(JSON.stringify(jsonFeed({ ...bare(articles), description: '' })));
    }
  });
});
