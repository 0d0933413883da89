import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { changedReads, readsAnyChange } from '../../src/incremental/changed-reads.js';
import { fingerprintSite, lazyFingerprints } from '../../src/incremental/fingerprints.js';
import { seedFieldsRead } from '../../src/incremental/read-fields.js';
import type { Site } from '../../src/model/site.js';
import { resolveSite } from '../../src/pipeline/resolve.js';
import { articleOf } from '../support/story-file.js';

const story = (source: string, frontMatter: string, body = 'Body.') => articleOf(source, `---\n${frontMatter}\n---\n\n${body}\n`);
const a = (extra = '', body = 'Lead of a.\n\nSecond paragraph of a.') => story('a.md', `title: A\ndate: 2018-05-24T10:00:00Z\ntags: [Japan]${extra}`, body);
const others = [story('b.md', 'title: B\ndate: 2018-05-25T10:00:00Z\ntags: [Japan]', 'READ MORE: [](a.md)\n\nText.'), story('k.md', 'title: K\ndate: 2018-05-20T10:00:00Z\nstatus: canceled')];
const siteOf = (articles = [a(), ...others]): Site => {
  const { site } = resolveSite(articles, defaultConfig, undefined, Date.parse('2018-06-01T00:00:00Z'));
  if (!site) throw new Error('the fixture should resolve');
  return site;
};

describe('fingerprints asked for one at a time', () => {
  it('should be those of the whole site, killed stories and collections included', () => {
    const site = siteOf();
    const eager = fingerprintSite(site, seedFieldsRead, 'theme-digest');
    const lazy = lazyFingerprints(site, seedFieldsRead, 'theme-digest');
    for (const kind of ['articles', 'teasers', 'stamps', 'collections'] as const) {
      for (const [key, print] of eager[kind]) expect(lazy[kind].get(key), `${kind} ${key}`).toBe(print);
    }
    expect(lazy.articles.get('no-such-story')).toBeUndefined();
  });
});

describe('what changed of the stories modelled anew', () => {
  const site = siteOf();
  const before = a();

  it('should tell a new headline (teaser and article) from a new body (article only) and an update (place and time too)', () => {
    const headline = story('a.md', 'title: A, Updated\ndate: 2018-05-24T10:00:00Z\ntags: [Japan]', 'Lead of a.\n\nSecond paragraph of a.');
    expect(changedReads(siteOf([headline, ...others]), [[headline, before]], seedFieldsRead)).toEqual({ articles: new Set(['a']), teasers: new Set(['a']), stamps: new Set(), collections: new Set() });
    const body = a('', 'Lead of a.\n\nA new second paragraph.');
    expect(changedReads(siteOf([body, ...others]), [[body, before]], seedFieldsRead)).toEqual({ articles: new Set(['a']), teasers: new Set(), stamps: new Set(), collections: new Set() });
    const updated = a('\nupdated: 2018-05-30T10:00:00Z');
    expect(changedReads(siteOf([updated, ...others]), [[updated, before]], seedFieldsRead).stamps).toEqual(new Set(['a']));
    expect(changedReads(site, [[before, before]], seedFieldsRead)).toEqual({ articles: new Set(), teasers: new Set(), stamps: new Set(), collections: new Set() });
  });

  it('should count everything about a story with no cached version as changed', () => {
    expect(changedReads(site, [[before, undefined]], seedFieldsRead)).toEqual({ articles: new Set(['a']), teasers: new Set(['a']), stamps: new Set(['a']), collections: new Set() });
  });

  it('should count the stories whose related stories an added story changed as changed in full, and only so', () => {
    // Their own pages read them in full: a related story pushed out by a new one, not shown itself, is still a change.
    expect(changedReads(site, [], seedFieldsRead, new Set(), ['b'])).toEqual({ articles: new Set(['b']), teasers: new Set(), stamps: new Set(), collections: new Set() });
  });

  it('should find the pages that read a changed fingerprint, and only those', () => {
    const changed = { articles: new Set(['a']), teasers: new Set<string>(), stamps: new Set(['b']), collections: new Set(['topic/spief']) };
    expect(readsAnyChange({ articles: ['a'], teasers: [], collections: [] }, changed)).toBe(true);
    expect(readsAnyChange({ articles: [], teasers: ['a'], collections: ['tag/japan'] }, changed)).toBe(false);
    expect(readsAnyChange({ articles: [], teasers: [], collections: [], stamps: ['a', 'b'] }, changed)).toBe(true);
    expect(readsAnyChange({ articles: [], teasers: [], collections: ['sections', 'topic/spief'] }, changed)).toBe(true);
  });
});
