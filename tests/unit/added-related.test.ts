import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { relatedOf } from '../../src/incremental/added-related.js';
import type { Article } from '../../src/model/article.js';
import { computeRelated, relatedWindow } from '../../src/pipeline/related.js';
import { resolveSite } from '../../src/pipeline/resolve.js';
import { articleOf } from '../support/story-file.js';

// Few topics and tags over many stories, two stories at each instant: every topic holds far more
// stories than a related window, so a story's candidates are cut at the window.
const topics = ['Energy', 'Trade', 'Sport'];
const tags = ['Japan', 'Russia', 'China', 'Oil', 'Gas'];
const stories = Array.from({ length: 240 }, (_, n) => {
  const date = new Date(Date.UTC(2020, 0, 1) + Math.floor(n / 2) * 3_600_000).toISOString();
  const terms = `section: ${n % 2 === 0 ? 'Business' : 'World'}\ntopics: [${topics[n % 3]}]\ntags: [${tags[n % 5]}, ${tags[(n * 3 + 1) % 5]}]`;
  return articleOf(`s${n}.md`, `---\ntitle: S${n}\ndate: ${date}\n${terms}\n---\n\nBody.\n`);
});
const site = resolveSite(stories, defaultConfig, undefined, Date.UTC(2021, 0, 1)).site;
const byId = new Map<string, Article>(stories.map((article) => [article.id, article]));

describe('relatedOf', () => {
  it('should give the related stories computing them over every live story gives, from the windows of their topics and tags', () => {
    expect(site).toBeDefined();
    if (!site) return;
    expect(Math.min(...site.topics.map((topic) => topic.articleIds.length))).toBeGreaterThan(2 * relatedWindow);
    const collections = { topic: site.topics, tag: site.tags };
    for (const positions of [[0], [1, 2], [57, 58, 200], [120], [238, 239]]) {
      const picked = positions.map((position) => byId.get(site.articles[position]?.id ?? '') as Article);
      const ids = new Set(picked.map((article) => article.id));
      expect(relatedOf(picked, collections, byId, defaultConfig.relatedCount)).toEqual(computeRelated(site.articles, defaultConfig.relatedCount, relatedWindow, ids));
    }
  });

  it('should reach the last story of a window and no further', () => {
    // The newest story's best candidate (its topic and section) is the `relatedWindow`th story of its topic after it.
    const older = Array.from({ length: relatedWindow + 3 }, (_, n) => {
      const section = n === relatedWindow - 1 || n === relatedWindow ? 'Business' : 'World';
      return articleOf(
        `o${n}.md`,
        `---\ntitle: O${n}\ndate: ${new Date(Date.UTC(2020, 0, 1) - n * 3_600_000).toISOString()}\nsection: ${section}\ntopics: [Energy]\ntags: [Filler ${n}]\n---\n\nBody.\n`,
      );
    });
    const newest = articleOf('new.md', '---\ntitle: New\ndate: 2020-01-02T00:00:00Z\nsection: Business\ntopics: [Energy]\ntags: [Alone]\n---\n\nBody.\n');
    const all = [newest, ...older];
    const resolved = resolveSite(all, defaultConfig, undefined, Date.UTC(2021, 0, 1)).site;
    if (!resolved) throw new Error('the fixture should resolve');
    const lookup = new Map<string, Article>(all.map((article) => [article.id, article]));
    const related = relatedOf([newest], { topic: resolved.topics, tag: resolved.tags }, lookup, defaultConfig.relatedCount);
    expect(related).toEqual(computeRelated(resolved.articles, defaultConfig.relatedCount, relatedWindow, new Set([newest.id])));
    expect(related?.get(newest.id)?.[0]).toBe(`o${relatedWindow - 1}`);
  });

  it('should give nothing when a story has a topic or a tag with no collection', () => {
    if (!site) return;
    const story = byId.get(site.articles[10]?.id ?? '') as Article;
    expect(relatedOf([story], { topic: [], tag: site.tags }, byId, defaultConfig.relatedCount)).toBeUndefined();
  });
});
