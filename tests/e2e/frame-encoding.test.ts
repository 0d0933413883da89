import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/corpus.js';
import { packFrame, unpackFrame, type PackedFrame } from '../../src/store/frame-encoding.js';
import { defaultConfig } from '../../src/config.js';
import { frameOf, type SiteFrame } from '../../src/incremental/site-frame.js';
import { siteShape, storyShape } from '../../src/incremental/story-shape.js';
import { resolveSite } from '../../src/pipeline/resolve.js';
import { articleOf } from '../support/story-file.js';

const now = Date.parse('2023-01-01T00:00:00Z');

/** The frame as the cache writes and reads it back. */
const roundTrip = (frame: SiteFrame) => unpackFrame(deserialize(serialize(packFrame(frame))) as PackedFrame);

describe('a site frame as the cache keeps it', () => {
  it('should read back the frame of a generated archive, killed stories and empty links included', () => {
    const articles = [
      ...generateCorpus({ stories: 300, seed: 3 }).map((file) => articleOf(file.source, file.text)),
      articleOf('killed.md', '---\ntitle: Killed\ndate: 2022-06-01T10:00:00Z\nstatus: canceled\ntags: [Japan]\n---\n\nText.\n'),
    ];
    const site = resolveSite(articles, defaultConfig, undefined, now).site;
    if (!site) throw new Error('the archive should resolve');
    const frame = frameOf(site, siteShape(articles.map(storyShape)), []);
    expect(frame.withdrawn).toHaveLength(1);
    expect(frame.live.some(([, linkedIds]) => linkedIds.length > 0)).toBe(true);
    expect(roundTrip(frame)).toEqual(frame);
  });

  it('should keep an id no story of the frame has, and a link left empty', () => {
    const frame: SiteFrame = {
      shape: 's',
      live: [
        ['b', ['', 'a'], ['elsewhere']],
        ['a', [], []],
      ],
      withdrawn: [],
      sections: [{ kind: 'section', name: 'World', slug: 'world', path: 'sections/world/', feedPath: 'sections/world/feed.xml', articleIds: ['b', 'a'] }],
      topics: [],
      tags: [],
      usedAssets: ['pictures/a.jpg'],
      schedule: { window: { from: Number.NEGATIVE_INFINITY, until: Number.POSITIVE_INFINITY } },
      messages: [{ reason: 'A warning', ruleId: 'unknown-field', file: 'stories/a.md', line: 2, column: 1 }],
    };
    expect(roundTrip(frame)).toEqual(frame);
  });

  it('should pack a frame extended from the one read with its id table, the collections left alone as they were packed', () => {
    const articles = generateCorpus({ stories: 120, seed: 5 }).map((file) => articleOf(file.source, file.text));
    const site = resolveSite(articles, defaultConfig, undefined, now).site;
    if (!site) throw new Error('the archive should resolve');
    const stored = deserialize(serialize(packFrame(frameOf(site, 'shape-1', [])))) as PackedFrame;
    const read = unpackFrame(stored);
    if (!read) throw new Error('the frame should read back');
    // A story published at the top, into the first section: the other collections are the very lists read.
    const [first, ...others] = read.sections;
    if (!first) throw new Error('the archive should have sections');
    const extended: SiteFrame = {
      ...read,
      shape: 'shape-2',
      live: [['published', [], [read.live[0]?.[0] ?? '']], ...read.live],
      sections: [{ ...first, articleIds: ['published', ...first.articleIds] }, ...others],
    };
    const packed = packFrame(extended, read);
    expect(packed.ids.slice(0, stored.ids.length)).toEqual(stored.ids);
    expect(packed.sections.slice(1).map((section) => section.ids)).toEqual(stored.sections.slice(1).map((section) => section.ids));
    // Those collections' packed ids are the very ones read: no id of theirs looked up again.
    expect(packed.sections.slice(1).every((section, at) => section.ids === stored.sections[at + 1]?.ids)).toBe(true);
    expect(unpackFrame(deserialize(serialize(packed)) as PackedFrame)).toEqual(extended);
    // Packed afresh, it reads the same.
    expect(roundTrip(extended)).toEqual(extended);
  });

  it('should not be taken for a frame when it is not one', () => {
    expect(unpackFrame({ ids: [], live: 2, withdrawn: 0, linkedEnds: new Int32Array(1) } as unknown as PackedFrame)).toBeUndefined();
  });
});
