import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import type { StoryFile } from '../../src/io/load.js';
import { storyToArticle } from '../../src/pipeline/index.js';
import { storyFile } from '../support/story-file.js';

// One story from the wire must never stop the desk: whatever its text, modelling it ends soon with
// an article or with positioned messages that name it, and never throws.

const story = (frontMatter: string, body: string) => `---\ntitle: T\ndate: 2018-05-25T14:03:00+03:00\n${frontMatter}---\n\n${body}\n`;

/** Model one story: its messages as `line:column rule`, whether it became an article, and how long it took. */
function modelled(text: string): { messages: string[]; article: boolean; ms: number } {
  const started = performance.now();
  const result = storyToArticle(storyFile('2018/bad.md', text), defaultConfig, new Set());
  const ms = performance.now() - started;
  for (const message of result.messages) expect(message.file).toBe('stories/2018/bad.md');
  return { messages: result.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`), article: result.article !== undefined, ms };
}

/** A bound for a story's modelling that a busy 2-core machine keeps with room to spare (these inputs took 30 s and more). */
const wellUnder = 10_000;

describe('deeply nested Markdown', () => {
  it('should report 2,000 nested block quotes at the quote past the limit', () => {
    const { messages, ms } = modelled(story('', `${'>'.repeat(2000)} x`));
    expect(messages).toEqual(['6:101 nesting-too-deep']);
    expect(ms).toBeLessThan(wellUnder);
  });

  it('should report 4,000 nested emphasis delimiters', () => {
    const { messages, ms } = modelled(story('', `${'*'.repeat(4000)}x${'*'.repeat(4000)}`));
    expect(messages).toEqual([expect.stringMatching(/^6:\d+ nesting-too-deep$/)]);
    expect(ms).toBeLessThan(wellUnder);
  });

  it('should report 700 nested list levels (490 KB) at the item past the limit, without waiting for the parser', () => {
    const lists = Array.from({ length: 700 }, (_, level) => `${' '.repeat(level * 2)}- x`).join('\n');
    const { messages, ms } = modelled(story('', lists));
    expect(messages).toEqual(['106:201 nesting-too-deep']);
    expect(ms).toBeLessThan(wellUnder);
  });

  it('should report 4,000 emphases closed inside one another at the opener past the limit, without waiting for the parser', () => {
    const { messages, ms } = modelled(story('', `${'*a '.repeat(4000)}x${' b*'.repeat(4000)}`));
    expect(messages).toEqual(['6:301 nesting-too-deep']);
    expect(ms).toBeLessThan(wellUnder);
  });

  it('should report 3,000 images nested in their descriptions, without waiting for the parser', () => {
    const { messages, ms } = modelled(story('', `${'![a'.repeat(3000)}${'](x)'.repeat(3000)}`));
    expect(messages).toEqual(['6:302 nesting-too-deep']);
    expect(ms).toBeLessThan(wellUnder);
  });

  it('should not count emphasis that is never closed, nor separate paragraphs', () => {
    const { messages, article } = modelled(story('', `${'*a '.repeat(300)}\n\n${'[x](y) *z* '.repeat(300)}\n\n${'**b** '.repeat(300)}`));
    expect(messages).toEqual([]);
    expect(article).toBe(true);
  });

  it('should report quotes and lists mixed on one line', () => {
    const { messages } = modelled(story('', `${'> - '.repeat(60)}x`));
    expect(messages).toEqual(['6:201 nesting-too-deep']);
  });

  it('should model a story nested as deep as the limit allows', () => {
    const { messages, article } = modelled(story('', `${'> '.repeat(90)}x\n\n${'*'.repeat(60)}x${'*'.repeat(60)}`));
    expect(messages).toEqual([]);
    expect(article).toBe(true);
  });
});

describe('hostile front matter', () => {
  it('should report a YAML alias bomb at the story, not crash', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (const [index, name] of [...'bcdefg'].entries()) {
      const previous = 'abcdefg'[index] as string;
      levels.push(`${name}: &${name} [${Array.from({ length: 10 }, () => `*${previous}`).join(',')}]`);
    }
    const { messages, ms } = modelled(story(`${levels.join('\n')}\n`, 'x'));
    expect(messages.filter((message) => !message.endsWith('unknown-field'))).toEqual(['5:8 yaml-aliases']);
    expect(ms).toBeLessThan(wellUnder);
  });

  it('should take 30,000 front-matter keys in time linear in their number', () => {
    const keys = Array.from({ length: 30_000 }, (_, index) => `k${index}: v\n`).join('');
    const { messages, ms } = modelled(story(keys, 'x'));
    expect(messages).toHaveLength(30_000);
    expect(messages[0]).toBe('4:1 unknown-field');
    expect(ms).toBeLessThan(wellUnder);
  });

  it('should still report a duplicate key at its second use, in nested maps too', () => {
    const { messages } = modelled(story('dateline: {place: A, place: B}\nsection: X\nsection: Y\n', 'x'));
    expect(messages).toEqual(['4:22 duplicate-key', '6:1 duplicate-key']);
  });
});

describe('names too long for a file system', () => {
  it('should report a 300-character id at the id', () => {
    const { messages } = modelled(story(`id: ${'a'.repeat(300)}\n`, 'x'));
    expect(messages).toEqual(['4:5 path-too-long']);
  });

  it('should report a tag of 128 Cyrillic letters (256 bytes) at the tag', () => {
    const { messages } = modelled(story(`tags: [ok, ${'я'.repeat(128)}]\n`, 'x'));
    expect(messages).toEqual(['4:12 path-too-long']);
  });

  it('should take names of 255 bytes', () => {
    const { messages, article } = modelled(story(`id: ${'a'.repeat(255)}\ntags: [${'я'.repeat(127)}]\n`, 'x'));
    expect(messages).toEqual([]);
    expect(article).toBe(true);
  });
});

describe('bodies that were slow', () => {
  it('should model 200,000 `<` in time linear in their number', () => {
    const { article, ms } = modelled(story('', '<'.repeat(200_000)));
    expect(article).toBe(true);
    expect(ms).toBeLessThan(wellUnder);
  });
});

describe('stories past the size budget', () => {
  it('should report 100,000 links (3 MB) as too large, at once and in little memory', () => {
    const links = Array.from({ length: 100_000 }, (_, index) => `[l${index}](https://e.example/${index})`).join(' ');
    const { messages, ms } = modelled(story('', links));
    expect(messages).toEqual(['1:1 story-too-large']);
    expect(ms).toBeLessThan(wellUnder);
  });

  it('should model a story of 512 KB', () => {
    const text = story('', '');
    const { messages, article } = modelled(text + 'word '.repeat(Math.floor((512 * 1024 - text.length) / 5)));
    expect(messages).toEqual([]);
    expect(article).toBe(true);
  });
});

describe('whatever the parser throws', () => {
  it('should be reported as that story’s error at 1:1, with what was thrown', () => {
    const file = storyFile('2018/bad.md', story('', 'x'));
    const throwing: StoryFile = {
      ...file,
      get text(): string {
        throw new RangeError('Maximum call stack size exceeded');
      },
    };
    const result = storyToArticle(throwing, defaultConfig, new Set());
    expect(result.article).toBeUndefined();
    expect(result.messages.map((message) => `${message.file}:${message.line}:${message.column} ${message.ruleId}`)).toEqual(['stories/2018/bad.md:1:1 story-crash']);
    expect(result.messages[0]?.reason).toContain('Maximum call stack size exceeded');
  });
});
