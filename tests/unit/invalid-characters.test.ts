import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { modelStory } from '../../src/pipeline/model.js';
import { parseStory } from '../../src/pipeline/parse.js';
import { storyFile } from '../support/story-file.js';

/** Parse and model one story, and give its article (if any) and messages as `line:column rule reason`. */
function modelled(frontMatter: string) {
  const parsed = parseStory(storyFile('a.md', `---\n${frontMatter}\n---\n\nBody.\n`));
  if (!parsed.story) throw new Error(parsed.messages.map((message) => message.reason).join('; '));
  const result = modelStory(parsed.story, { config: defaultConfig, assets: new Set() });
  return { article: result.article, messages: result.messages.map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.reason}`) };
}

const date = 'date: 2018-05-25T14:03:00+03:00';

describe('control characters in front matter', () => {
  it('should warn at the character written raw in a value, and keep U+FFFD in its place', () => {
    const { article, messages } = modelled(`title: Putin\u001b[2J meets\u0000 Abe\n${date}`);
    expect(article?.title).toBe('Putin\uFFFD[2J meets\uFFFD Abe');
    expect(messages).toEqual([
      '2:13 invalid-character Control character U+001B in `title`, expected printable text: it is shown as U+FFFD (remove it from the story)',
      '2:23 invalid-character Control character U+0000 in `title`, expected printable text: it is shown as U+FFFD (remove it from the story)',
    ]);
  });

  it('should warn at the escape that writes one in a double-quoted value, nested fields and lists included', () => {
    const { article, messages } = modelled(`title: "Bell \\a and \\x7f"\n${date}\ntags: [ok, "x\\u0085y"]\nimage:\n  caption: "lone \\uD800 half"`);
    expect(article?.title).toBe('Bell \uFFFD and \uFFFD');
    expect(article?.tags.map((tag) => tag.name)).toEqual(['ok', 'x\uFFFDy']);
    expect(article?.image?.caption).toBe('lone \uFFFD half');
    expect(messages.map((message) => message.split(' ').slice(0, 5).join(' '))).toEqual([
      '2:14 invalid-character Control character U+0007',
      '2:21 invalid-character Control character U+007F',
      '4:14 invalid-character Control character U+0085',
      '6:18 invalid-character Lone surrogate U+D800',
    ]);
    expect(messages[2]).toContain('in `tags.1`');
    expect(messages[3]).toContain('in `image.caption`');
  });

  it('should not take the two escaped halves of one character for lone surrogates', () => {
    const { article, messages } = modelled(`title: "Smile \\uD83D\\uDE00 then \\e"\n${date}`);
    expect(article?.title).toBe('Smile \u{1F600} then \uFFFD');
    expect(messages.map((message) => message.split(' ').slice(0, 5).join(' '))).toEqual(['2:33 invalid-character Control character U+001B']);
  });

  it('should leave tabs, line breaks and every printable character of any script alone', () => {
    const { article, messages } = modelled(`title: "Tab\\there, ガス हिन्दी 서울 ✓"\n${date}\nnote: |\n  Line one.\n  Line two.`);
    expect(messages).toEqual([]);
    expect(article?.title).toBe('Tab\there, ガス हिन्दी 서울 ✓');
    expect(article?.note).toBe('Line one.\nLine two.');
  });
});
