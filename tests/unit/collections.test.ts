import type { VFileMessage } from 'vfile-message';
import { describe, expect, it } from 'vitest';
import { collectionOf, collectionOrder, collectionsOf, termsOf } from '../../src/pipeline/collections.js';
import { articleOf } from '../support/story-file.js';

const story = (source: string, frontMatter: string) => articleOf(source, `---\n${frontMatter}\n---\n\nBody.\n`);

describe('collectionsOf', () => {
  it('should file each story under its section, topics and tags in the order given, each kind sorted by name', () => {
    const newer = story('a.md', 'title: A\ndate: 2018-05-25T10:00:00Z\nsection: World\ntopics: [SPIEF]\ntags: [Russia, Japan]');
    const older = story('b.md', 'title: B\ndate: 2018-05-24T10:00:00Z\nsection: Business\ntags: [Japan]');
    const messages: VFileMessage[] = [];
    const collections = collectionsOf([newer, older], messages);
    expect(collections.section.map((collection) => [collection.name, collection.articleIds])).toEqual([
      ['Business', ['b']],
      ['World', ['a']],
    ]);
    expect(collections.topic.map((collection) => [collection.path, collection.feedPath])).toEqual([['topics/spief/', 'topics/spief/feed.xml']]);
    expect(collections.tag.map((collection) => [collection.slug, collection.articleIds])).toEqual([
      ['japan', ['a', 'b']],
      ['russia', ['a']],
    ]);
    expect(messages).toEqual([]);
  });

  it('should list a story once under a slug it spells two ways, with a warning at the second spelling', () => {
    const messages: VFileMessage[] = [];
    const collections = collectionsOf([story('a.md', 'title: A\ndate: 2018-05-25T10:00:00Z\ntags: [Putin, putin]')], messages);
    expect(collections.tag.map((collection) => [collection.name, collection.articleIds])).toEqual([['Putin', ['a']]]);
    expect(messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)).toEqual(['4:15 slug-collision']);
  });
});

describe('termsOf', () => {
  it('should give the terms of a kind in the order written, and no section where none is written', () => {
    const article = story('a.md', 'title: A\ndate: 2018-05-25T10:00:00Z\ntopics: [B, A]');
    expect(termsOf(article, 'topic').map((term) => term.name)).toEqual(['B', 'A']);
    expect(termsOf(article, 'section')).toEqual([]);
  });
});

describe('collectionOf and collectionOrder', () => {
  it('should encode the slug in the paths and sort by name, then by slug', () => {
    expect(collectionOf('tag', 'é t', 'É t', ['a'])).toMatchObject({ path: 'tags/%C3%A9%20t/', feedPath: 'tags/%C3%A9%20t/feed.xml' });
    const sorted = [collectionOf('tag', 'b', 'Same', []), collectionOf('tag', 'a', 'Same', []), collectionOf('tag', 'c', 'Apple', [])].sort(collectionOrder);
    expect(sorted.map((collection) => collection.slug)).toEqual(['c', 'a', 'b']);
  });
});
