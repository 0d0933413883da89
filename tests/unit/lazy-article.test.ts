import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/model/article.js';
import { eagerPartOf, lazyArticle, lazyStoredArticle, linkedArticleOf, storedArticleOf, storedPlaceOf, wholeArticle } from '../../src/store/lazy-article.js';
import { plainSite, siteWithLookup } from '../../src/model/site.js';
import { storyFixture, testConfig, written } from '../support/view-fixtures.js';

/** A plain article as the model stage makes one (no links yet). */
function plainArticle(id: string, overrides: Partial<Article> = {}): Article {
  const { linkedIds: _linked, relatedIds: _related, ...article } = storyFixture(id, { section: { name: 'World', slug: 'world' }, image: { alt: 'A', caption: 'C', credit: 'P' }, ...overrides });
  return article;
}

/** The article as the cache would hand it out. */
function cachedArticle(plain: Article): Article {
  const { eager, rest } = storedArticleOf(plain);
  return lazyArticle(eager, rest);
}

/** Bytes that are no serialized article: reading one from them throws, so a field read from them shows. */
const unreadable = new Uint8Array([1, 2, 3]);

describe('a lazy article', () => {
  it('should read every field as the plain article it was serialized from', () => {
    const plain = plainArticle('a', { updated: written, byline: 'By A' });
    const lazy = cachedArticle(plain);
    for (const key of Object.keys(plain) as (keyof Article)[]) expect(lazy[key], key).toEqual(plain[key]);
    expect(lazy).toEqual(plain);
    expect({ ...lazy }).toEqual(plain);
    expect(JSON.parse(JSON.stringify(lazy))).toEqual(JSON.parse(JSON.stringify(plain)));
    expect(Object.keys(lazy).sort()).toEqual(Object.keys(plain).sort());
    expect(['note' in lazy, 'byline' in lazy, 'embargo' in lazy]).toEqual([false, true, false]);
    expect(Object.getPrototypeOf(lazy)).toBe(Object.prototype);
  });

  it('should read its bytes only when a field resolving and planning do not read is asked for', () => {
    const plain = plainArticle('b', { tags: [{ name: 'Japan', slug: 'japan' }] });
    const lazy = lazyArticle(eagerPartOf(plain), unreadable);
    expect([lazy.id, lazy.path, lazy.date, lazy.tags, lazy.section, lazy.status, lazy.image?.credit]).toEqual([plain.id, plain.path, plain.date, plain.tags, plain.section, plain.status, 'P']);
    // Absent eager fields are absent: no need to read the rest to know.
    expect([lazy.updated, lazy.embargo, 'updated' in lazy]).toEqual([undefined, undefined, false]);
    expect(() => lazy.title).toThrow();
    expect(storedArticleOf(lazy).rest).toBe(unreadable);
  });

  it('should say where its other fields lie in the cache while they are unread, and no more once read', () => {
    const plain = plainArticle('p');
    const { eager, rest } = storedArticleOf(plain);
    const entries = { entry: () => rest };
    const lazy = lazyStoredArticle(eager, entries, 3, 3 + rest.length, 7);
    expect(storedPlaceOf(lazy)).toEqual({ entries, start: 3, end: 3 + rest.length, check: 7 });
    expect(lazy.title).toBe(plain.title);
    expect(storedPlaceOf(lazy)).toBeUndefined();
    expect([storedPlaceOf(plain), storedPlaceOf(lazyArticle(eager, rest))]).toEqual([undefined, undefined]);
  });

  it('should refuse any change, as an immutable value', () => {
    const plain = plainArticle('c');
    const lazy = cachedArticle(plain) as { -readonly [Key in keyof Article]: Article[Key] };
    expect(() => {
      lazy.title = 'Changed';
    }).toThrow(TypeError);
    expect(() => {
      lazy.id = 'd';
    }).toThrow(TypeError);
    expect(lazy.title).toBe(plain.title);
  });

  it('should stay lazy once linked, and read whole with its links', () => {
    const plain = plainArticle('e');
    const linked = linkedArticleOf(lazyArticle(eagerPartOf(plain), unreadable), ['f'], ['g']);
    expect([linked.id, linked.linkedIds, linked.relatedIds]).toEqual(['e', ['f'], ['g']]);
    expect(() => linked.summary).toThrow();
    const readable = linkedArticleOf(cachedArticle(plain), ['f'], ['g']);
    expect(readable).toEqual({ ...plain, linkedIds: ['f'], relatedIds: ['g'] });
    // A plain article is linked by a plain copy.
    expect(linkedArticleOf(plain, [], ['h'])).toEqual({ ...plain, linkedIds: [], relatedIds: ['h'] });
  });

  it('should ask its shard for its entry, by place, only when a field not kept apart is read, and once', () => {
    const plain = plainArticle('j', { byline: 'By J' });
    const { eager, rest } = storedArticleOf(plain);
    const asked: [number, number, number][] = [];
    const entries = {
      entry: (start: number, end: number, check: number) => {
        asked.push([start, end, check]);
        return rest;
      },
    };
    const lazy = lazyStoredArticle(eager, entries, 12, 34, 4_000_000_000);
    expect([lazy.id, lazy.path, lazy.tags]).toEqual([plain.id, plain.path, plain.tags]);
    expect(asked).toEqual([]);
    expect([lazy.byline, lazy.title]).toEqual(['By J', plain.title]);
    expect(lazy).toEqual(plain);
    expect(storedArticleOf(lazy).rest).toBe(rest);
    expect(asked).toEqual([[12, 34, 4_000_000_000]]);
  });

  it('should share the fields it holds with the story it links, and answer only its own links', () => {
    const plain = plainArticle('k');
    const lazy = lazyArticle(eagerPartOf(plain), unreadable);
    const once = linkedArticleOf(lazy, ['l'], ['m']);
    const twice = linkedArticleOf(once, [], ['n']);
    expect([once.linkedIds, once.relatedIds, twice.linkedIds, twice.relatedIds]).toEqual([['l'], ['m'], [], ['n']]);
    expect(['linkedIds' in lazy, 'linkedIds' in once, 'relatedIds' in twice]).toEqual([false, true, true]);
    expect((lazy as Partial<typeof once>).linkedIds).toBeUndefined();
    expect(twice.section).toBe(lazy.section);
    expect(wholeArticle(linkedArticleOf(cachedArticle(plain), ['l'], ['m']))).toEqual({ ...plain, linkedIds: ['l'], relatedIds: ['m'] });
  });

  it('should be read whole when its site is posted to another thread', () => {
    const plain = plainArticle('i');
    const linked = linkedArticleOf(cachedArticle(plain), [], []);
    expect(() => structuredClone(linked)).toThrow();
    expect(wholeArticle(linked)).toEqual({ ...plain, linkedIds: [], relatedIds: [] });
    const site = siteWithLookup({
      config: testConfig(),
      articles: [linked],
      byId: new Map([['i', linked]]),
      sections: [],
      topics: [],
      tags: [],
      usedAssets: [],
      withdrawn: [],
      schedule: { window: { from: 0, until: 1 } },
    });
    const posted = structuredClone(plainSite(site));
    expect(posted.articles).toEqual([{ ...plain, linkedIds: [], relatedIds: [] }]);
    expect(posted.byId.get('i')).toEqual(posted.articles[0]);
  });
});
