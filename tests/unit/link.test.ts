import type { VFileMessage } from 'vfile-message';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/model/article.js';
import { linkArticle, linkArticles, noneLeftOut, type LinkLookup } from '../../src/pipeline/link.js';
import { articleOf } from '../support/story-file.js';

const story = (source: string, frontMatter: string, body = 'Body.') => articleOf(source, `---\n${frontMatter}\n---\n\n${body}\n`);
const rules = (messages: readonly VFileMessage[]) => messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.ruleId}`);

/** A lookup over `articles`, with `shown` of them shown and no computed related stories unless given. */
function lookupOf(articles: readonly Article[], shown: readonly Article[] = articles, computedRelated: ReadonlyMap<string, readonly string[]> = new Map()): LinkLookup {
  return {
    bySource: new Map(articles.map((article) => [article.source, article])),
    byId: new Map(articles.map((article) => [article.id, article])),
    shown: new Set(shown),
    computedRelated,
    leftOut: noneLeftOut,
  };
}

describe('linkArticle', () => {
  it('should resolve body references to the ids of shown stories, and a hidden target to an empty id', () => {
    const a = story('a.md', 'title: A\ndate: 2018-05-25T10:00:00Z', 'See [b](b.md) and [c](c.md).');
    const b = story('b.md', 'title: B\ndate: 2018-05-24T10:00:00Z');
    const c = story('c.md', 'title: C\ndate: 2018-05-23T10:00:00Z');
    const messages: VFileMessage[] = [];
    const linked = linkArticle(a, lookupOf([a, b, c], [a, b]), messages);
    expect(linked.linkedIds).toEqual(['b', '']);
    expect(messages).toEqual([]);
  });

  it('should take the computed related stories of a story that names none, and keep the ones a story names', () => {
    const a = story('a.md', 'title: A\ndate: 2018-05-25T10:00:00Z');
    const b = story('b.md', 'title: B\ndate: 2018-05-24T10:00:00Z\nrelated: [a]');
    const lookup = lookupOf(
      [a, b],
      [a, b],
      new Map([
        ['a', ['b']],
        ['b', ['a']],
      ]),
    );
    const messages: VFileMessage[] = [];
    expect(linkArticle(a, lookup, messages).relatedIds).toEqual(['b']);
    expect(linkArticle(b, lookupOf([a, b], [b], new Map([['b', ['x']]])), messages).relatedIds).toEqual(['']);
    expect(messages).toEqual([]);
  });

  it('should warn of a link to a left-out story, naming that story, and show it as text', () => {
    const a = story('a.md', 'title: A\ndate: 2018-05-25T10:00:00Z\nrelated: [broken]', 'See [b](b.md).');
    const messages: VFileMessage[] = [];
    const lookup = { ...lookupOf([a]), leftOut: { sources: new Map([['b.md', 'stories/b.md']]), ids: new Map([['broken', 'stories/broken.md']]) } };
    const linked = linkArticle(a, lookup, messages);
    expect([linked.linkedIds, linked.relatedIds]).toEqual([[''], ['']]);
    expect(rules(messages)).toEqual(['stories/a.md:7:5 reference-to-broken-story', 'stories/a.md:4:11 reference-to-broken-story']);
    expect(messages.map((message) => [message.fatal, message.reason.includes('stories/b.md'), message.reason.includes('stories/broken.md')])).toEqual([
      [false, true, false],
      [false, false, true],
    ]);
  });
});

describe('linkArticles', () => {
  it('should link every story in the order given and collect the problems of each', () => {
    const a = story('a.md', 'title: A\ndate: 2018-05-25T10:00:00Z', 'See [x](missing.md).');
    const b = story('b.md', 'title: B\ndate: 2018-05-24T10:00:00Z\nrelated: [ghost]');
    const messages: VFileMessage[] = [];
    const linked = linkArticles([b, a], lookupOf([a, b]), messages);
    expect(linked.map((article) => article.id)).toEqual(['b', 'a']);
    expect(rules(messages)).toEqual(['stories/b.md:4:11 dangling-related', 'stories/a.md:6:5 dangling-reference']);
  });
});
