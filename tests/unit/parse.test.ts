import { describe, expect, it } from 'vitest';
import { parseStory } from '../../src/pipeline/parse.js';
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
