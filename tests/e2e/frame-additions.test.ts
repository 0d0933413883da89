import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/corpus.js';
import { defaultConfig } from '../../src/config.js';
import { extendFrame } from '../../src/incremental/frame-additions.js';
import { frameOf } from '../../src/incremental/site-frame.js';
import { siteShape, storyShape } from '../../src/incremental/story-shape.js';
import type { Article } from '../../src/model/article.js';
import { byNewest, plainSite, type Site } from '../../src/model/site.js';
import { resolveSite } from '../../src/pipeline/resolve.js';
import { articleOf } from '../support/story-file.js';

const story = (source: string, frontMatter: string, body = 'Body.') => articleOf(source, `---\n${frontMatter}\n---\n\n${body}\n`);

// Links, computed and named related stories, a kill and an embargo.
const before = [
  story('a.md', 'title: A\ndate: 2018-05-24T10:00:00Z\nsection: Business\ntopics: [SPIEF]\ntags: [Japan, Russia]'),
  story('b.md', 'title: B\ndate: 2018-05-25T10:00:00Z\nsection: World\ntags: [Japan]', 'READ MORE: [](a.md)\n\nText of b.'),
  story('c.md', 'title: C\ndate: 2018-05-26T10:00:00Z\ntags: [Russia]\nrelated: [a]'),
  story('d.md', 'title: D\ndate: 2018-05-23T10:00:00Z\nstatus: canceled\ntags: [Japan]'),
  story('e.md', 'title: E\ndate: 2018-05-27T10:00:00Z\nembargo: 2018-06-01T00:00:00Z\ntags: [Japan]'),
];
const now = Date.parse('2018-05-28T00:00:00Z');

function resolved(articles: readonly Article[]): Site {
  const result = resolveSite(articles, defaultConfig, undefined, now);
  if (!result.site || result.messages.length > 0) throw new Error('the fixture should resolve without messages');
  return result.site;
}

const shapesOf = (articles: readonly Article[]) => new Map(articles.map((article) => [article.source, storyShape(article)]));
const inPathOrder = (articles: readonly Article[]) => [...articles].sort((a, b) => (a.source < b.source ? -1 : 1));

/** The last build's frame of `previous`, extended with the stories of `current`. */
function extended(previous: readonly Article[], current: readonly Article[]) {
  const frame = frameOf(resolved(previous), siteShape(inPathOrder(previous).map(storyShape)), []);
  return extendFrame(frame, { previous: shapesOf(previous), now: shapesOf(current) }, inPathOrder(current), defaultConfig, now);
}

describe('a frame extended with stories published at the top', () => {
  it('should be the site resolving gives: new terms, links, named and computed related stories, a picture', () => {
    const added = [
      story('f.md', 'title: F\ndate: 2018-05-27T11:00:00Z\nsection: World\ntopics: [SPIEF]\ntags: [Japan, Trade]', 'READ MORE: [](b.md)\n\nText of f.'),
      story('g.md', 'title: G\ndate: 2018-05-27T12:00:00Z\nsection: Sport\ntags: [Russia]\nrelated: [a, e]\nimage:\n  src: https://example.com/g.jpg\n  alt: G'),
    ];
    const current = [...before, ...added];
    const result = extended(before, current);
    expect(result && plainSite(result.site)).toEqual(plainSite(resolved(current)));
    expect(result?.site.collection('tag', 'trade')).toEqual(resolved(current).collection('tag', 'trade'));
    expect([...(result?.changedCollections ?? [])].sort()).toEqual(
      [
        'home',
        'sections',
        'section-index',
        'section/world',
        'section/sport',
        'topic-index',
        'topic/spief',
        'tag-index',
        'tag/japan',
        'tag/russia',
        'tag/trade',
        'name:section/sport',
        'name:tag/trade',
      ].sort(),
    );
  });

  it('should be the site resolving gives on a generated archive with five new stories', () => {
    const corpus = generateCorpus({ stories: 400, seed: 5 }).map((file) => articleOf(file.source, file.text));
    const [newest, older] = [[...corpus].sort(byNewest).slice(0, 5), [...corpus].sort(byNewest).slice(5)];
    const result = extended(older, corpus);
    expect(newest).toHaveLength(5);
    expect(result && plainSite(result.site)).toEqual(plainSite(resolved(corpus)));
    // 395 stories: the first page and 19 archive pages, the newest of which gains the five the first page gives up.
    const homePages = [...(result?.unchangedListPages ?? [])].filter((path) => path === '' || path.startsWith('page/'));
    expect(homePages.sort()).toEqual(Array.from({ length: 18 }, (_, index) => `page/${index + 1}/`).sort());
  });

  it('should put a story dated before the newest in its place, and compute again the related stories it joins', () => {
    // Dated between b and c, sharing Russia with c and SPIEF with a: c computes its related stories again.
    const between = story('f.md', 'title: F\ndate: 2018-05-25T11:00:00Z\nsection: Business\ntopics: [SPIEF]\ntags: [Japan, Russia]');
    const cPlain = story('g.md', 'title: G\ndate: 2018-05-26T12:00:00Z\ntags: [Russia]');
    const previous = [...before, cPlain];
    const current = [...previous, between];
    const result = extended(previous, current);
    expect(result && plainSite(result.site)).toEqual(plainSite(resolved(current)));
    expect([...(result?.relinked ?? [])]).toEqual(['g']);
    // The same instant as the newest story, after it by id: second, not first.
    const tie = story('z.md', 'title: Z\ndate: 2018-05-26T12:00:00Z\ntags: [Russia]');
    const tied = extended(previous, [...previous, tie]);
    expect(tied && plainSite(tied.site)).toEqual(plainSite(resolved([...previous, tie])));
    expect(tied?.site.articles.slice(0, 2).map((article) => article.id)).toEqual(['g', 'z']);
  });

  it('should be the site resolving gives on a generated archive with stories published out of order', () => {
    const corpus = generateCorpus({ stories: 400, seed: 7 }).map((file) => articleOf(file.source, file.text));
    // Stories no other story links to or names: any of them can be the last one published.
    const named = new Set(corpus.flatMap((article) => [...article.references.map((reference) => reference.target), ...(article.related ?? []).map((related) => related.id)]));
    const free = [...corpus].sort(byNewest).filter((article) => !named.has(article.source) && !named.has(article.id));
    const late = [0, 0.25, 0.5, 0.75, 1].flatMap((at) => free[Math.floor(at * (free.length - 1))] ?? []);
    const result = extended(
      corpus.filter((article) => !late.includes(article)),
      corpus,
    );
    expect(new Set(late).size).toBe(5);
    expect(result && plainSite(result.site)).toEqual(plainSite(resolved(corpus)));
    expect(result?.relinked.size).toBeGreaterThan(0);
  });

  it('should narrow the schedule as resolving does, and link a killed story as text', () => {
    // Its embargo lifted after every other edge of the site's schedule before the build's instant.
    const lifted = story('f.md', 'title: F\ndate: 2018-05-27T11:00:00Z\nembargo: 2018-05-27T23:00:00Z\ntags: [Japan]', 'READ MORE: [](d.md)\n\nText of f.');
    const current = [...before, lifted];
    const result = extended(before, current);
    expect(result && plainSite(result.site)).toEqual(plainSite(resolved(current)));
    expect(result?.site.schedule.window.from).toBe(Date.parse('2018-05-27T23:00:00Z'));
    expect(result?.site.byId.get('f')?.linkedIds).toEqual(['']);
  });

  it('should refuse what only resolving gets right', () => {
    const newer = (frontMatter: string, body?: string) => story('f.md', `title: F\ndate: 2018-05-27T11:00:00Z\n${frontMatter}`, body);
    // Nothing added, a story gone, a story that changed shape.
    expect(extended(before, before)).toBeUndefined();
    expect(extended(before, [...before.slice(1), newer('tags: [Japan]')])).toBeUndefined();
    expect(extended(before, [...before.slice(0, 2), story('c.md', 'title: C\ndate: 2018-05-26T10:00:00Z\ntags: [Trade]'), ...before.slice(3), newer('tags: [Japan]')])).toBeUndefined();
    // A new story embargoed, killed, or with an id already taken.
    expect(extended(before, [...before, newer('embargo: 2018-06-02T00:00:00Z')])).toBeUndefined();
    expect(extended(before, [...before, newer('status: canceled')])).toBeUndefined();
    expect(extended(before, [...before, newer('id: a')])).toBeUndefined();
    // A dangling link, a link to itself, another spelling of a tag.
    expect(extended(before, [...before, newer('tags: [Japan]', 'READ MORE: [](nowhere.md)')])).toBeUndefined();
    expect(extended(before, [...before, newer('related: [f]')])).toBeUndefined();
    expect(extended(before, [...before, newer('tags: [JAPAN]')])).toBeUndefined();
    // The control: the same story, as the site spells its tag.
    expect(extended(before, [...before, newer('tags: [Japan]')])).toBeDefined();
  });
});
