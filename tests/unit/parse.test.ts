import { describe, expect, it } from 'vitest';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { frontMatterOf, parseStory } from '../../src/pipeline/parse.js';
import { storyFile } from '../support/story-file.js';

const rulesOf = (text: string) => parseStory(storyFile('x.md', text)).messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`);

describe('parseStory', () => {
  it('should split front matter from the body and keep file positions in the body', () => {
    const { story } = parseStory(storyFile('x.md', '---\ntitle: Hi\n---\n\nFirst *para*.\n'));
    expect(story?.frontMatter?.toJS()).toEqual({ title: 'Hi' });
    expect(story?.tree.children[0]?.type).toBe('paragraph');
    expect(story?.tree.children[0]?.position?.start).toMatchObject({ line: 5, column: 1 });
  });

  it('should report an empty file', () => {
    expect(rulesOf('  \n\n')).toEqual(['1:1 empty-file']);
  });

  it('should report a story with no front matter', () => {
    expect(rulesOf('Just a body.\n')).toEqual(['1:1 missing-front-matter']);
  });

  it('should report front matter that is never closed', () => {
    expect(rulesOf('---\ntitle: Hi\n\nBody\n')).toEqual(['1:1 unterminated-front-matter']);
  });

  it('should position YAML syntax errors in the file', () => {
    expect(rulesOf('---\ntitle: Hi\ntags: [a, b\n---\nBody\n')).toEqual([expect.stringMatching(/^[34]:\d+ yaml-syntax$/)]);
  });

  it('should report a duplicate key at its second use', () => {
    expect(rulesOf('---\ntitle: A\ndate: 2018-05-25T10:00:00Z\ntitle: B\n---\n')).toEqual(['4:1 duplicate-key']);
  });

  it('should refuse front matter that is not a map', () => {
    expect(rulesOf('---\n- a\n- b\n---\nBody\n')).toEqual(['2:1 invalid-front-matter']);
  });

  it('should accept CRLF line endings with the same positions', () => {
    const { story, messages } = parseStory(storyFile('x.md', '---\r\ntitle: Hi\r\n---\r\n\r\nBody\r\n'));
    expect(messages).toEqual([]);
    expect(story?.frontMatter?.toJS()).toEqual({ title: 'Hi' });
    expect(story?.tree.children[0]?.position?.start.line).toBe(5);
  });
});

describe('frontMatterOf', () => {
  // The reference: remark-parse with remark-frontmatter over the whole file, which wiredesk used
  // before it parsed only the body. Front matter and body must come out the same, positions included.
  const whole = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);
  const pieces = ['---', '--- ', '---\t', ' ---', '----', '-- -', 'title: A', 'a: [1,', '', '# Head', '- item', 'Text *em*', '***', '===', '    code'];
  const endings = ['\n', '\r\n', '\r'];

  /** A deterministic sequence of pseudo-random numbers (a linear congruential generator). */
  function* numbers(seed: number): Generator<number> {
    let state = seed;
    for (;;) {
      state = (state * 1103515245 + 12345) % 2147483648;
      yield state;
    }
  }

  it('should find the front matter and body remark-frontmatter finds, with the same body tree and positions', () => {
    const random = numbers(7);
    const next = (below: number) => (random.next().value as number) % below;
    let withFrontMatter = 0;
    for (let round = 0; round < 3000; round++) {
      const lines = Array.from({ length: 1 + next(7) }, () => pieces[next(pieces.length)] as string);
      if (next(3) > 0) lines.unshift('---');
      const ending = endings[next(endings.length)] as string;
      const text = lines.join(ending) + (next(2) === 0 ? ending : '');
      const reference = whole.parse(text);
      const first = reference.children[0];
      const found = frontMatterOf(text);
      if (first?.type !== 'yaml') {
        expect(found, JSON.stringify(text)).toBeUndefined();
        continue;
      }
      withFrontMatter++;
      expect(found?.yamlText, JSON.stringify(text)).toBe(first.value);
      const { story } = parseStory(storyFile('x.md', text));
      if (!story) continue; // YAML errors: the body is not looked at.
      expect(story.tree.children, JSON.stringify(text)).toEqual(reference.children.slice(1));
    }
    expect(withFrontMatter).toBeGreaterThan(1000);
  });
});
