import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { fieldsFingerprint } from '../../src/incremental/fingerprints.js';
import { fieldsOfGroup, readGroupOf, seedFieldsRead } from '../../src/incremental/read-fields.js';
import { readRecorder, siteBehind } from '../../src/incremental/read-tracking.js';
import { linkedArticleOf, lazyArticle, storedArticleOf } from '../../src/store/lazy-article.js';
import type { Article } from '../../src/model/article.js';
import type { Site } from '../../src/model/site.js';
import type { PageDeps, PageKind } from '../../src/pages/page.js';
import { resolveSite } from '../../src/pipeline/resolve.js';
import { articleOf } from '../support/story-file.js';

const story = (id: string, day: number, extra = '') =>
  articleOf(`${id}.md`, `---\ntitle: Story ${id}\ndate: 2018-05-${day}T10:00:00Z\ntags: [Japan]\nbyline: Writer of ${id}${extra}\n---\n\nBody of ${id}.\n`);

function siteOf(articles: readonly Article[]): Site {
  const { site } = resolveSite(articles, defaultConfig, undefined, Date.parse('2018-06-01T00:00:00Z'));
  if (!site) throw new Error('the fixture should resolve');
  return site;
}

const site = siteOf([story('a', 20), story('b', 21), story('c', 22)]);
const page = (deps: Partial<PageDeps>, kind: PageKind = 'home') => ({ path: 'some/page/', kind, deps: { articles: [], teasers: [], collections: [], ...deps } });

describe('the fields renders read, as recorded', () => {
  it('should record what a render reads of a teaser, and nothing of an article it reads in full', () => {
    const recorder = readRecorder();
    const view = recorder.view(site, page({ articles: ['a'], teasers: ['b'] }, 'article'));
    expect(view.byId.get('a')?.byline).toBe('Writer of a');
    expect(recorder.fields()).toEqual({ article: { teasers: [], stamps: [], counts: [] } });
    expect(view.byId.get('b')?.byline).toBe('Writer of b');
    expect(view.byId.get('b')?.wordCount).toBe(3);
    expect(recorder.fields()).toEqual({ article: { teasers: ['byline', 'wordCount'], stamps: [], counts: [] } });
  });

  it('should record a stamp read apart from teasers', () => {
    const recorder = readRecorder();
    expect(recorder.view(site, page({ stamps: ['c'] }, 'sitemap')).byId.get('c')?.slugline).toBeUndefined();
    expect(recorder.fields()).toEqual({ sitemap: { teasers: [], stamps: ['slugline'], counts: [] } });
  });

  it('should record the pages rendered with one page template together, and the others apart', () => {
    const recorder = readRecorder();
    expect(recorder.view(site, page({ teasers: ['a'] }, 'tag')).byId.get('a')?.byline).toBe('Writer of a');
    expect(recorder.view(site, page({ teasers: ['a'] }, 'home')).byId.get('a')?.note).toBeUndefined();
    expect(recorder.view(site, page({ articles: ['b'], teasers: ['a'] }, 'feed')).byId.get('a')?.path).toBe(site.byId.get('a')?.path);
    expect(recorder.fields()).toEqual({ list: { teasers: ['byline', 'note'], stamps: [], counts: [] }, feed: { teasers: ['path'], stamps: [], counts: [] } });
    // Every list page starts from what the defaults read, with what the site's own templates read too; feeds with theirs.
    expect(fieldsOfGroup(recorder.fields(), readGroupOf('section')).teasers).toEqual([...seedFieldsRead.teasers, 'byline', 'note'].sort());
    expect(fieldsOfGroup(recorder.fields(), readGroupOf('feed')).teasers).toEqual(seedFieldsRead.teasers);
  });

  it('should count listing a teaser’s fields (a spread, JSON) as reading every one of them', () => {
    const recorder = readRecorder();
    const teaser = recorder.view(site, page({ teasers: ['a'] })).byId.get('a');
    expect({ ...teaser }.title).toBe('Story a');
    expect(recorder.fields().list?.teasers).toEqual(expect.arrayContaining(['body', 'byline', 'places', 'references']));
  });

  it('should take in the fields recorded on other threads', () => {
    const recorder = readRecorder();
    recorder.add({ list: { teasers: ['dateline'], stamps: [], counts: [] }, sitemap: { teasers: [], stamps: ['wire'], counts: [] } });
    recorder.add({ list: { teasers: ['note'], stamps: [], counts: [] } });
    expect(recorder.fields()).toEqual({ list: { teasers: ['dateline', 'note'], stamps: [], counts: [] }, sitemap: { teasers: [], stamps: ['wire'], counts: [] } });
  });

  it('should refuse a read of a story or a collection the page’s plan does not name', () => {
    const view = readRecorder().view(site, page({ teasers: ['b'], collections: ['name:tag/japan'] }));
    expect(() => view.byId.get('c')).toThrow('The page "some/page/" read the story "c", which its plan does not name');
    expect(view.byId.has('c')).toBe(true);
    expect(view.collection('tag', 'japan')?.name).toBe('Japan');
    expect(() => view.collection('section', 'world')).toThrow('The page "some/page/" read the section "world", which its plan does not name');
  });

  it('should hand out one view of an article for every page, and tell the site behind a view', () => {
    const recorder = readRecorder();
    const first = recorder.view(site, page({ teasers: ['a'] }));
    const second = recorder.view(site, page({ teasers: ['a', 'b'] }));
    expect(first.byId.get('a')).toBe(second.byId.get('a'));
    expect(siteBehind(first)).toBe(site);
    expect(siteBehind(site)).toBe(site);
  });

  it('should leave a lazy article from the cache lazy: a field not read is not read from its bytes', () => {
    const whole = site.byId.get('a');
    if (!whole) throw new Error('the fixture has story a');
    // Bytes that cannot be read: reading any field kept apart from them would throw.
    const lazy = linkedArticleOf(lazyArticle(storedArticleOf(whole).eager, new Uint8Array([255, 255, 255, 255])), whole.linkedIds, whole.relatedIds);
    const lazySite = siteOf([]);
    const withLazy: Site = { ...lazySite, byId: new Map([['a', lazy]]) };
    const teaser = readRecorder()
      .view(withLazy, page({ teasers: ['a'] }))
      .byId.get('a');
    expect(teaser?.path).toBe(whole.path);
    expect(teaser?.date).toEqual(whole.date);
    expect(() => teaser?.title).toThrow();
  });
});

describe('the story counts renders read, as recorded', () => {
  it("should record the kind of a collection named by name whose stories a render reads, for the page's group", () => {
    const recorder = readRecorder();
    const view = recorder.view(site, page({ articles: ['a'], collections: ['name:tag/japan'] }, 'article'));
    expect(view.collection('tag', 'japan')?.name).toBe('Japan');
    expect(recorder.fields()).toEqual({ article: { teasers: [], stamps: [], counts: [] } });
    expect(view.collection('tag', 'japan')?.articleIds.length).toBe(3);
    expect(recorder.fields()).toEqual({ article: { teasers: [], stamps: [], counts: ['tag'] } });
    expect(recorder.listCountReaders().size).toBe(0);
  });

  it('should record nothing of a collection whose count the plan names already', () => {
    const recorder = readRecorder();
    const view = recorder.view(site, page({ articles: ['a'], collections: ['tag/japan'] }, 'article'));
    expect(view.collection('tag', 'japan')?.articleIds).toHaveLength(3);
    expect(recorder.fields()).toEqual({ article: { teasers: [], stamps: [], counts: [] } });
  });

  it("should record a count of the navigation's sections, through one list for every page of a group", () => {
    const withSection = siteOf([story('a', 20, '\nsection: World'), story('b', 21)]);
    const recorder = readRecorder();
    const first = recorder.view(withSection, page({ collections: ['sections'] }, 'home'));
    const second = recorder.view(withSection, { ...page({ collections: ['sections'] }, 'section'), path: 'other/page/' });
    expect(first.sections).toBe(second.sections);
    expect(first.sections.map((section) => section.name)).toEqual(['World']);
    expect(recorder.fields()).toEqual({ list: { teasers: [], stamps: [], counts: [] } });
    expect(second.sections[0]?.articleIds).toEqual(['a']);
    expect(recorder.fields()).toEqual({ list: { teasers: [], stamps: [], counts: ['sections'] } });
  });

  it("should note a list page reading its own list's count as the page's read, not its group's", () => {
    const recorder = readRecorder();
    const view = recorder.view(site, { ...page({ collections: ['name:tag/japan'] }, 'tag'), listOf: 'tag/japan' });
    expect(view.collection('tag', 'japan')?.articleIds).toHaveLength(3);
    expect([...recorder.listCountReaders()]).toEqual(['some/page/']);
    expect(recorder.fields()).toEqual({ list: { teasers: [], stamps: [], counts: [] } });
  });
});

describe('the fingerprint of the fields read', () => {
  it('should change with a field read, and only with one', () => {
    const print = fieldsFingerprint(['title', 'byline', 'date']);
    const before = story('a', 20);
    expect(print(story('a', 20))).toBe(print(before));
    expect(print(articleOf('a.md', `---\ntitle: Story a\ndate: 2018-05-20T10:00:00Z\ntags: [Japan]\nbyline: Someone else\n---\n\nBody of a.\n`))).not.toBe(print(before));
    expect(print(articleOf('a.md', `---\ntitle: Story a\ndate: 2018-05-20T10:00:00Z\ntags: [Japan]\nbyline: Writer of a\n---\n\nAnother body.\n`))).toBe(print(before));
    expect(fieldsFingerprint(['title', 'body'])(story('a', 20, '\nslugline: X'))).toBe(fieldsFingerprint(['title', 'body'])(before));
    expect(fieldsFingerprint(['body'])(articleOf('a.md', `---\ntitle: Story a\ndate: 2018-05-20T10:00:00Z\n---\n\nAnother body.\n`))).not.toBe(fieldsFingerprint(['body'])(before));
  });
});
