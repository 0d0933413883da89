import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { frameOf, siteFromFrame } from '../../src/incremental/site-frame.js';
import { siteShape, storyShape } from '../../src/incremental/story-shape.js';
import type { Article } from '../../src/model/article.js';
import { plainSite, type Site } from '../../src/model/site.js';
import { resolveSite } from '../../src/pipeline/resolve.js';
import { articleOf } from '../support/story-file.js';

const story = (source: string, frontMatter: string, body = 'Body.') => articleOf(source, `---\n${frontMatter}\n---\n\n${body}\n`);

// Links, computed and named related stories, a kill, an embargo, and two spellings of one tag (a warning).
const stories = (headline = 'A') => [
  story('a.md', `title: ${headline}\ndate: 2018-05-24T10:00:00Z\nsection: Business\ntopics: [SPIEF]\ntags: [Japan, Russia]`),
  story('b.md', 'title: B\ndate: 2018-05-25T10:00:00Z\nsection: World\ntags: [japan]', 'READ MORE: [](a.md)\n\nText of b.'),
  story('c.md', 'title: C\ndate: 2018-05-26T10:00:00Z\ntags: [Russia]\nrelated: [a]'),
  story('d.md', 'title: D\ndate: 2018-05-23T10:00:00Z\nstatus: canceled\ntags: [Japan]'),
  story('e.md', 'title: E\ndate: 2018-05-27T10:00:00Z\nembargo: 2018-06-01T00:00:00Z\ntags: [Japan]'),
];
const now = Date.parse('2018-05-28T00:00:00Z');
const resolved = (articles: readonly Article[]): { site: Site; messages: string[] } => {
  const result = resolveSite(articles, defaultConfig, undefined, now);
  if (!result.site) throw new Error('the fixture should resolve');
  return { site: result.site, messages: result.messages.map((message) => `${message.file}:${message.line}:${message.column} ${message.ruleId}`) };
};
const byId = (articles: readonly Article[]) => new Map(articles.map((article) => [article.id, article]));

describe('the site frame', () => {
  it('should give back the resolved site from the stories and the frame alone', () => {
    const articles = stories();
    const { site, messages } = resolved(articles);
    expect(messages).toEqual(['stories/a.md:6:8 slug-collision']);
    const frame = frameOf(site, siteShape(articles.map(storyShape)), []);
    const again = siteFromFrame(frame, byId(articles), defaultConfig);
    expect(again && plainSite(again)).toEqual(plainSite(site));
    expect(again?.collection('tag', 'japan')).toEqual(site.collection('tag', 'japan'));
  });

  it('should give what resolving gives when a story keeps its shape, and tell a story that does not', () => {
    const before = stories();
    const frame = frameOf(resolved(before).site, siteShape(before.map(storyShape)), []);
    const edited = stories('A, Updated');
    expect(siteShape(edited.map(storyShape))).toBe(frame.shape);
    expect(plainSite(siteFromFrame(frame, byId(edited), defaultConfig) as Site)).toEqual(plainSite(resolved(edited).site));

    const retagged = [...before.slice(0, 4), story('e.md', 'title: E\ndate: 2018-05-27T10:00:00Z\nembargo: 2018-06-01T00:00:00Z\ntags: [Trade]')];
    expect(siteShape(retagged.map(storyShape))).not.toBe(frame.shape);
    const moved = [...before.slice(1), story('a.md', 'title: A\ndate: 2018-05-28T10:00:00Z\nsection: Business\ntopics: [SPIEF]\ntags: [Japan, Russia]')];
    expect(siteShape(moved.map(storyShape))).not.toBe(frame.shape);
  });

  it('should refuse stories that lack one the frame names', () => {
    const articles = stories();
    const frame = frameOf(resolved(articles).site, siteShape(articles.map(storyShape)), []);
    expect(siteFromFrame(frame, byId(articles.slice(1)), defaultConfig)).toBeUndefined();
  });
});
