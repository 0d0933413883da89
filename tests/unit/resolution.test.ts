import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { keptResolution, reuseResolution } from '../../src/incremental/resolution.js';
import { frameOf } from '../../src/incremental/site-frame.js';
import { siteShape, storyShape } from '../../src/incremental/story-shape.js';
import type { Article } from '../../src/model/article.js';
import { plainSite, type Site } from '../../src/model/site.js';
import { resolveSite } from '../../src/pipeline/resolve.js';
import { articleOf } from '../support/story-file.js';

const story = (source: string, frontMatter: string, body = 'Body.') => articleOf(source, `---\n${frontMatter}\n---\n\n${body}\n`);
const stories = (headline = 'A') => [
  story('a.md', `title: ${headline}\ndate: 2018-05-24T10:00:00Z\ntags: [Japan, Russia]`),
  story('b.md', 'title: B\ndate: 2018-05-25T10:00:00Z\ntags: [Japan]', 'READ MORE: [](a.md)\n\nText of b.'),
  story('c.md', 'title: C\ndate: 2018-05-26T10:00:00Z\ntags: [Russia]\nrelated: [a]'),
  story('d.md', 'title: D\ndate: 2018-05-23T10:00:00Z\nstatus: canceled\ntags: [Japan]'),
];
const resolved = (articles: readonly Article[]): Site => {
  const result = resolveSite(articles, defaultConfig, undefined, Date.parse('2018-05-28T00:00:00Z'));
  if (!result.site) throw new Error('the fixture should resolve');
  return result.site;
};
const byId = (articles: readonly Article[]) => new Map(articles.map((article) => [article.id, article]));

describe('reusing the last resolution', () => {
  const before = stories();
  const edited = stories('A, retitled');
  const editedA = edited[0] as Article;

  it('should give the site resolving gives, from a frame read from the store with every story', () => {
    expect(storyShape(editedA)).toBe(storyShape(before[0] as Article));
    const frame = frameOf(resolved(before), siteShape(before.map(storyShape)), []);
    const site = reuseResolution({ frame, config: defaultConfig }, byId(edited));
    expect(site && plainSite(site)).toEqual(plainSite(resolved(edited)));
  });

  it('should give the site resolving gives, from a site kept in memory with only the edited stories', () => {
    const kept = keptResolution(resolved(before));
    const site = reuseResolution(kept, byId([editedA]));
    expect(site && plainSite(site)).toEqual(plainSite(resolved(edited)));
    // The kept lookup follows, so the next edit finds the story as it is now.
    expect(kept.byId.get('a')?.title).toBe('A, retitled');
  });

  it('should leave the kept site alone and give nothing when a version is of a story that is not live in it', () => {
    const kept = keptResolution(resolved(before));
    const killed = story('d.md', 'title: D, retitled\ndate: 2018-05-23T10:00:00Z\nstatus: canceled\ntags: [Japan]');
    expect(reuseResolution(kept, byId([editedA, killed]))).toBeUndefined();
    expect(kept.byId.get('a')?.title).toBe('A');
  });

  it('should give nothing from a frame when a story it names is missing', () => {
    const frame = frameOf(resolved(before), siteShape(before.map(storyShape)), []);
    expect(reuseResolution({ frame, config: defaultConfig }, byId(edited.slice(1)))).toBeUndefined();
  });
});
