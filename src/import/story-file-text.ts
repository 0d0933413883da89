import { stringify } from 'yaml';
import type { ImportedStory } from './imported-story.js';

/**
 * The text of a story file: the front matter as YAML between `---` lines (fields in the order
 * given, long text folded the same way every time), a blank line, and the Markdown body.
 */
export function storyFileText(story: ImportedStory): string {
  const frontMatter = { ...story.frontMatter, ...(story.wire ? { wire: story.wire } : {}) };
  const yaml = stringify(frontMatter, { lineWidth: 100, minContentWidth: 40 });
  const body = story.body.replace(/\s+$/, '');
  return `---\n${yaml}---\n${body === '' ? '' : `\n${body}\n`}`;
}
