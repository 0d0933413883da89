import type { VFileMessage } from 'vfile-message';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { resolveSite } from '../../src/pipeline/resolve.js';
import { sortMessages } from '../../src/report/format.js';
import { articleOf } from '../support/story-file.js';

const story = (source: string, frontMatter: string, body = 'Body.') => articleOf(source, `---\n${frontMatter}\n---\n\n${body}\n`);
const rules = (messages: readonly VFileMessage[]) => messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.ruleId}`);

describe('resolveSite', () => {
  it('should order stories newest first, then by id', () => {
    const { site } = resolveSite(
      [story('b.md', 'title: B\ndate: 2018-05-25T10:00:00Z'), story('c.md', 'title: C\ndate: 2018-05-26T10:00:00Z'), story('a.md', 'title: A\ndate: 2018-05-25T13:00:00+03:00')],
      defaultConfig,
    );
    expect(site?.articles.map((article) => article.id)).toEqual(['c', 'a', 'b']);
  });

  it('should build sections, topics and tags with their stories newest first, sorted by name', () => {
    const { site } = resolveSite(
      [
        story('a.md', 'title: A\ndate: 2018-05-24T10:00:00Z\nsection: Business\ntags: [Japan, Russia]'),
        story('b.md', 'title: B\ndate: 2018-05-25T10:00:00Z\nsection: World\ntags: [Japan]\ntopics: [SPIEF]'),
      ],
      defaultConfig,
    );
    expect(site?.tags.map((tag) => [tag.name, tag.path, tag.articleIds])).toEqual([
      ['Japan', 'tags/japan/', ['b', 'a']],
      ['Russia', 'tags/russia/', ['a']],
    ]);
    expect(site?.sections.map((section) => section.slug)).toEqual(['business', 'world']);
    expect(site?.collection('topic', 'spief')?.feedPath).toBe('topics/spief/feed.xml');
  });

  it('should resolve body references and related ids to stories', () => {
    const { site, messages } = resolveSite(
      [story('2018/a.md', 'title: A\ndate: 2018-05-25T10:00:00Z\nrelated: [b]', 'READ MORE: [](../2017/b.md)'), story('2017/b.md', 'title: B\ndate: 2017-05-25T10:00:00Z')],
      defaultConfig,
    );
    expect(messages).toEqual([]);
    expect(site?.byId.get('a')).toMatchObject({ linkedIds: ['b'], relatedIds: ['b'] });
  });

  it('should report dangling references, dangling related ids and self references at their places', () => {
    const { site, messages } = resolveSite([story('a.md', 'title: A\ndate: 2018-05-25T10:00:00Z\nrelated: [ghost, a]', 'See [x](missing.md) and [me](a.md).')], defaultConfig);
    expect(site).toBeUndefined();
    expect(rules(sortMessages(messages))).toEqual([
      'stories/a.md:4:11 dangling-related',
      'stories/a.md:4:18 self-reference',
      'stories/a.md:7:5 dangling-reference',
      'stories/a.md:7:25 self-reference',
    ]);
  });

  it('should name both files of a duplicate id', () => {
    const { messages } = resolveSite([story('x/a.md', 'title: A\ndate: 2018-05-25T10:00:00Z'), story('y/a.md', 'title: A2\ndate: 2018-05-25T10:00:00Z')], defaultConfig);
    expect(rules(messages)).toEqual(['stories/y/a.md:1:1 duplicate-id', 'stories/x/a.md:1:1 duplicate-id']);
    expect(messages[0]?.reason).toContain('stories/x/a.md');
  });

  it('should merge spellings that share a slug under the first, with a warning', () => {
    const { site, messages } = resolveSite([story('a.md', 'title: A\ndate: 2018-05-26T10:00:00Z\ntags: [Putin]'), story('b.md', 'title: B\ndate: 2018-05-25T10:00:00Z\ntags: [putin]')], defaultConfig);
    expect(site?.tags.map((tag) => [tag.name, tag.articleIds])).toEqual([['Putin', ['a', 'b']]]);
    expect(rules(messages)).toEqual(['stories/b.md:4:8 slug-collision']);
    expect(messages[0]?.fatal).toBe(false);
  });
});
