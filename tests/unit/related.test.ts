import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import type { SiteConfig } from '../../src/model/config.js';
import { computeRelated, relatedWindow, type RelatedInput } from '../../src/pipeline/related.js';
import { resolveSite } from '../../src/pipeline/resolve.js';
import { slugify } from '../../src/text/slug.js';
import { articleOf } from '../support/story-file.js';

interface Terms {
  readonly section?: string;
  readonly topics?: readonly string[];
  readonly tags?: readonly string[];
  readonly related?: readonly string[];
}

const term = (name: string) => ({ name, slug: slugify(name) });

/** A story as computing related stories sees it, published `minutes` after a fixed instant. */
function story(id: string, minutes: number, terms: Terms = {}): RelatedInput {
  const epochMs = Date.UTC(2018, 4, 25) + minutes * 60_000;
  return {
    id,
    date: { epochMs, offsetMinutes: 0, iso: new Date(epochMs).toISOString(), dateOnly: false },
    ...(terms.section ? { section: term(terms.section) } : {}),
    topics: (terms.topics ?? []).map(term),
    tags: (terms.tags ?? []).map(term),
    ...(terms.related ? { related: terms.related.map((id) => ({ id, place: { line: 1, column: 1 } })) } : {}),
  };
}

const relatedOf = (stories: readonly RelatedInput[], id: string, count = 3, window?: number) => computeRelated(stories, count, window).get(id);

/** A full story file, modelled, for the tests that go through `resolveSite`. */
const storyFile = (id: string, day: number, frontMatter = '') =>
  articleOf(`${id}.md`, `---\ntitle: Story ${id}\ndate: 2018-05-${String(day).padStart(2, '0')}T10:00:00Z\n${frontMatter}\n---\n\nBody.\n`);

describe('computeRelated', () => {
  it('should weigh a shared topic above shared tags, and the same section as a small bonus', () => {
    const stories = [
      story('new', 100, { section: 'World', topics: ['Summit'], tags: ['Japan', 'Russia', 'Energy'] }),
      story('two-tags', 90, { tags: ['Japan', 'Russia'] }),
      story('topic', 80, { topics: ['Summit'] }),
      story('tag-and-section', 70, { section: 'World', tags: ['Energy'] }),
      story('tag', 60, { tags: ['Japan'] }),
    ];
    expect(relatedOf(stories, 'new', 4)).toEqual(['topic', 'two-tags', 'tag-and-section', 'tag']);
  });

  it('should break equal scores by the newer story, then by the smaller id', () => {
    const stories = [story('new', 100, { tags: ['Japan'] }), story('older', 50, { tags: ['Japan'] }), story('b-newer', 80, { tags: ['Japan'] }), story('a-newer', 80, { tags: ['Japan'] })];
    expect(relatedOf(stories, 'new')).toEqual(['a-newer', 'b-newer', 'older']);
  });

  it('should give the same lists whatever order the stories come in', () => {
    const topics = ['Summit', 'Forum', 'Election'];
    const tags = ['Japan', 'Russia', 'Energy', 'Oil', 'Gas', 'Trade'];
    const stories = Array.from({ length: 60 }, (_, i) =>
      story(`story-${i}`, i % 7 === 0 ? 5 : i, { section: i % 2 ? 'World' : 'Business', topics: [topics[i % 3] as string], tags: [tags[i % 6] as string, tags[(i * 5) % 6] as string] }),
    );
    const expected = computeRelated(stories, 3);
    const reversed = computeRelated([...stories].reverse(), 3);
    const shuffled = computeRelated([...stories.filter((_, i) => i % 3 === 1), ...stories.filter((_, i) => i % 3 !== 1).reverse()], 3);
    expect([...reversed].sort()).toEqual([...expected].sort());
    expect([...shuffled].sort()).toEqual([...expected].sort());
  });

  it('should relate only stories published before the story, so a newer story changes no older list', () => {
    const stories = [story('middle', 50, { tags: ['Japan'] }), story('old', 10, { tags: ['Japan'] })];
    const before = computeRelated(stories, 3);
    const after = computeRelated([...stories, story('newest', 90, { topics: ['Japan'], tags: ['Japan'] })], 3);
    expect(before.get('middle')).toEqual(['old']);
    expect(before.get('old')).toEqual([]);
    expect(after.get('newest')).toEqual(['middle', 'old']);
    expect(after.get('middle')).toEqual(before.get('middle'));
    expect(after.get('old')).toEqual(before.get('old'));
  });

  it('should count a story at the same instant with a later id as published before', () => {
    const stories = [story('b', 10, { tags: ['Japan'] }), story('a', 10, { tags: ['Japan'] })];
    expect(relatedOf(stories, 'a')).toEqual(['b']);
    expect(relatedOf(stories, 'b')).toEqual([]);
  });

  it('should never relate a story to itself, even when it repeats a term', () => {
    const stories = [story('self', 100, { topics: ['Summit', 'summit'], tags: ['Japan', 'Japan'] }), story('other', 50, { tags: ['Japan'] })];
    expect(relatedOf(stories, 'self')).toEqual(['other']);
  });

  it('should list at most `count` stories, and none for a count of 0', () => {
    const stories = Array.from({ length: 10 }, (_, i) => story(`s-${i}`, i, { tags: ['Japan'] }));
    expect(relatedOf(stories, 's-9', 2)).toEqual(['s-8', 's-7']);
    expect(relatedOf(stories, 's-9', 5)).toHaveLength(5);
    expect(computeRelated(stories, 0).size).toBe(0);
  });

  it('should relate no story that shares only a section, or nothing', () => {
    const stories = [story('new', 100, { section: 'World', tags: ['Japan'] }), story('same-section', 50, { section: 'World', tags: ['Chile'] }), story('bare', 40)];
    expect(relatedOf(stories, 'new')).toEqual([]);
    expect(relatedOf(stories, 'bare')).toEqual([]);
  });

  it('should leave out a story that names its related stories, even none, while others may still list it', () => {
    const stories = [
      story('chosen', 100, { tags: ['Japan'], related: [] }),
      story('named', 90, { tags: ['Japan'], related: ['old'] }),
      story('open', 80, { tags: ['Japan'] }),
      story('old', 10, { tags: ['Japan'] }),
    ];
    const related = computeRelated(stories, 3);
    expect([...related.keys()].sort()).toEqual(['old', 'open']);
    expect(related.get('open')).toEqual(['old']);
  });

  it('should look only at the nearest older stories of a big tag, so its cost stays flat', () => {
    const size = 50_000;
    const stories = Array.from({ length: size }, (_, i) => story(`s-${String(i).padStart(5, '0')}`, i, { tags: ['Big', ...(i % 2 ? ['Huge'] : [])] }));
    const started = performance.now();
    const related = computeRelated(stories, 3);
    const ms = performance.now() - started;
    expect(related.size).toBe(size);
    // The newest story shares both big tags with every odd story, but only the window's nearest ones are looked at.
    expect(related.get('s-49999')).toEqual(['s-49997', 's-49995', 's-49993']);
    // Looking at every pair would take minutes; the window takes milliseconds per thousand stories.
    expect(ms).toBeLessThan(3_000);
  });

  it('should not find an old story that shares only big terms, beyond their windows', () => {
    const bigOnly = Array.from({ length: relatedWindow + 8 }, (_, i) => story(`big-${i}`, 500 + i, { tags: ['Big'] }));
    const hugeOnly = Array.from({ length: relatedWindow + 8 }, (_, i) => story(`huge-${i}`, 400 + i, { tags: ['Huge'] }));
    const stories = [story('new', 1000, { tags: ['Big', 'Huge'] }), ...bigOnly, ...hugeOnly, story('far', 1, { tags: ['Big', 'Huge'] })];
    expect(relatedOf(stories, 'new', 2)).toEqual([`big-${relatedWindow + 7}`, `big-${relatedWindow + 6}`]);
    expect(relatedOf(stories, 'new', 2, 1000)).toEqual(['far', `big-${relatedWindow + 7}`]);
  });

  it('should find an old story that shares a rare tag, beyond the window of a big one', () => {
    const crowd = Array.from({ length: 200 }, (_, i) => story(`crowd-${i}`, 500 + i, { tags: ['Big'] }));
    const stories = [story('new', 1000, { tags: ['Big', 'Rare'] }), ...crowd, story('rare', 1, { tags: ['Big', 'Rare'] })];
    expect(relatedOf(stories, 'new', 1)).toEqual(['rare']);
  });
});

describe('resolveSite with computed related stories', () => {
  const config = (relatedCount: number): SiteConfig => ({ ...defaultConfig, relatedCount });
  const now = Date.UTC(2018, 4, 25);

  it('should compute related ids for a story without `related`, and keep the author’s list and an explicit empty one', () => {
    const { site } = resolveSite(
      [storyFile('computed', 20, 'tags: [Japan]'), storyFile('named', 19, 'tags: [Japan]\nrelated: [old]'), storyFile('none', 18, 'tags: [Japan]\nrelated: []'), storyFile('old', 1, 'tags: [Japan]')],
      config(3),
      undefined,
      now,
    );
    expect(site?.byId.get('computed')?.relatedIds).toEqual(['named', 'none', 'old']);
    expect(site?.byId.get('named')?.relatedIds).toEqual(['old']);
    expect(site?.byId.get('none')?.relatedIds).toEqual([]);
  });

  it('should compute none with `relatedCount: 0`', () => {
    const { site } = resolveSite([storyFile('new', 20, 'tags: [Japan]'), storyFile('old', 1, 'tags: [Japan]')], config(0), undefined, now);
    expect(site?.byId.get('new')?.relatedIds).toEqual([]);
  });

  it('should never relate a killed, embargoed or withheld story', () => {
    const { site } = resolveSite(
      [
        storyFile('new', 20, 'tags: [Japan]'),
        storyFile('killed', 19, 'tags: [Japan]\nstatus: canceled'),
        storyFile('embargoed', 18, 'tags: [Japan]\nembargo: 2018-06-01T00:00:00Z'),
        storyFile('withheld', 17, 'tags: [Japan]\nstatus: withheld'),
        storyFile('old', 1, 'tags: [Japan]'),
      ],
      config(3),
      undefined,
      now,
    );
    expect(site?.byId.get('new')?.relatedIds).toEqual(['old']);
    expect(site?.withdrawn.find((article) => article.id === 'killed')?.relatedIds).toEqual([]);
  });

  it('should relate a story once its embargo lifts', () => {
    const stories = [storyFile('new', 20, 'tags: [Japan]'), storyFile('embargoed', 18, 'tags: [Japan]\nembargo: 2018-06-01T00:00:00Z')];
    expect(resolveSite(stories, config(3), undefined, Date.UTC(2018, 5, 2)).site?.byId.get('new')?.relatedIds).toEqual(['embargoed']);
  });
});
