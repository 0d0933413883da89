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

  it('should not be taken for a frame when it is not one', () => {
    expect(unpackFrame({ ids: [], live: 2, withdrawn: 0, linkedEnds: new Int32Array(1) } as unknown as PackedFrame)).toBeUndefined();
  });
});
