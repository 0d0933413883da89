import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/model/article.js';
import { eagerPartOf } from '../../src/store/lazy-article.js';
import { decodeShardHead, encodeShardHead, readShardHead, type HeadStory } from '../../src/store/shard-head.js';
import { storyFixture, written } from '../support/view-fixtures.js';

/** A plain article as the model stage makes one (no links yet). */
function plainArticle(id: string, overrides: Partial<Article> = {}): Article {
  const { linkedIds: _linked, relatedIds: _related, ...article } = storyFixture(id, overrides);
  return article;
}

/** A story of a shard with its article's fields kept apart, at `start`. */
function headStory(article: Article, start = 0): HeadStory {
  return { source: article.source, digest: `digest of ${article.id}`, shape: `shape of ${article.id}`, messages: [], stored: { eager: eagerPartOf(article), start, end: start + 10, check: 42 } };
}

const world = { name: 'World', slug: 'world' };
const japan = { name: 'Japan', slug: 'japan' };

describe("a stories shard's head", () => {
  it('should read back every story as written: its fields kept apart, in the same order, absent ones absent', () => {
    const stories = [
      headStory(plainArticle('a', { section: world, topics: [japan], tags: [world, japan] })),
      headStory(plainArticle('b', { updated: written, corrections: [{ date: written, text: 'Fixed.' }], image: { alt: 'A', caption: 'C' }, embargo: written, status: 'withheld' }), 10),
      headStory(plainArticle('c', { related: [{ id: 'a', place: { line: 4, column: 3 } }], date: { ...written, dateOnly: true } }), 20),
      { source: 'broken.md', digest: 'd', shape: null, messages: [{ reason: 'Missing title', ruleId: 'missing-title', file: 'stories/broken.md', line: 1, column: 1 }] },
    ];
    const read = decodeShardHead(encodeShardHead(stories));
    expect(read).toEqual(
      stories.map((story) => [story.source, story.digest, story.shape, story.messages, story.stored?.eager ?? null, story.stored?.start ?? 0, story.stored?.end ?? 0, story.stored?.check ?? 0]),
    );
    for (const [index, entry] of (read ?? []).entries()) {
      const eager = stories[index]?.stored?.eager;
      expect(entry[4] && Object.keys(entry[4])).toEqual(eager ? Object.keys(eager) : null);
    }
  });

  it('should hold each term once, shared by the stories filed under it', () => {
    const read = decodeShardHead(encodeShardHead([headStory(plainArticle('a', { section: world, tags: [japan] })), headStory(plainArticle('b', { topics: [world], tags: [japan] }))]));
    const [first, second] = read ?? [];
    expect(first?.[4]?.section).toBe(second?.[4]?.topics[0]);
    expect(first?.[4]?.tags[0]).toBe(second?.[4]?.tags[0]);
  });

  it('should read back any text, in any script, from bytes that are all ASCII', () => {
    const names = ['Économie', 'Москва', '東京', 'flags 🇯🇵🇫🇷', 'a lone \ud800 half'];
    const article = plainArticle('f', { section: { name: names[0] ?? '', slug: 'economie' }, tags: names.map((name, index) => ({ name, slug: `t${index}` })), image: { credit: '© Agence' } });
    const stories = [{ ...headStory(article), messages: [{ reason: 'Un titre « vide »', ruleId: 'missing-title', file: 'stories/é.md' }] }];
    const bytes = encodeShardHead(stories);
    expect(bytes.every((byte) => byte < 0x80)).toBe(true);
    expect(decodeShardHead(bytes)?.map((entry) => [entry[3], entry[4]])).toEqual(stories.map((story) => [story.messages, story.stored?.eager]));
  });

  it('should keep an article of another form as it is', () => {
    // A term with a field of its own, and a story whose source differs from its path in the shard.
    const odd = plainArticle('d', { tags: [{ ...japan, extra: 1 } as typeof japan] });
    const moved = { ...headStory(plainArticle('e', { section: world })), source: 'elsewhere/e.md' };
    const stories = [headStory(odd), moved];
    expect(decodeShardHead(encodeShardHead(stories))?.map((entry) => entry[4])).toEqual(stories.map((story) => story.stored?.eager));
  });

  it('should find no stories in bytes that are not a head', () => {
    const bytes = encodeShardHead([headStory(plainArticle('a', { section: world }))]);
    expect(decodeShardHead(bytes.subarray(0, bytes.length - 3))).toBeUndefined();
    expect(decodeShardHead(Buffer.from('{"stories":[]}'))).toBeUndefined();
    // A section named by a number the shard's terms do not have.
    expect(decodeShardHead(Buffer.from(Buffer.from(bytes).toString('utf8').replace('["World","world"]', '[]')))).toBeUndefined();
  });
  it('should hand its stories to a reader in order, and stop when the reader says so', () => {
    const stories = ['a', 'b', 'c'].map((id, at) => headStory(plainArticle(id), at * 10));
    const bytes = encodeShardHead(stories);
    const seen: string[] = [];
    expect(readShardHead(bytes, (source) => seen.push(source) > 0)).toBe(true);
    expect(seen).toEqual(stories.map((story) => story.source));
    seen.length = 0;
    expect(readShardHead(bytes, (source) => seen.push(source) < 2)).toBe(false);
    expect(seen).toHaveLength(2);
  });

  it('should read the stories without messages or corrections with empty lists that cannot be changed', () => {
    const [entry] = decodeShardHead(encodeShardHead([headStory(plainArticle('a'))])) ?? [];
    expect([entry?.[3], entry?.[4]?.corrections]).toEqual([[], []]);
    expect([Object.isFrozen(entry?.[3]), Object.isFrozen(entry?.[4]?.corrections)]).toEqual([true, true]);
  });
});
