import type { Root as MdastRoot } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { VFileMessage } from 'vfile-message';
import { Document, isMap, parseDocument } from 'yaml';
import type { Point } from '../model/article.js';
import { pointLocator } from '../report/locate.js';
import { problem } from '../report/problem.js';
import type { StoryFile } from './load.js';

/** A story split into its front matter (as a YAML document with ranges) and its Markdown tree. */
export interface ParsedStory {
  readonly file: StoryFile;
  /** The front matter document, when it parsed with no error. */
  readonly frontMatter?: Document.Parsed;
  /** Offset in the file where the YAML text starts (after the opening `---` line). */
  readonly yamlOffset: number;
  /** The body as mdast; positions are those of the whole file. */
  readonly tree: MdastRoot;
  /** Turn an offset in the file into a line and column. */
  readonly pointAt: (offset: number) => Point;
}

/** The parse stage's result: the parsed story (absent when its front matter is unusable) and messages. */
export interface ParseResult {
  readonly story?: ParsedStory;
  readonly messages: readonly VFileMessage[];
}

const markdown = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);

/** Split a story file into YAML front matter and a Markdown tree, with exact positions for both. */
export function parseStory(file: StoryFile): ParseResult {
  const at = file.displayPath;
  if (file.text.trim() === '') {
    return { messages: [problem('empty-file', 'Empty story file, expected front matter between `---` lines and a body', at, { line: 1, column: 1 })] };
  }
  const pointAt = pointLocator(file.text);
  const tree = markdown.parse(file.text);
  const first = tree.children[0];
  if (first?.type !== 'yaml') {
    const opened = /^---[ \t]*\r?\n/.test(file.text);
    return {
      messages: [
        opened
          ? problem('unterminated-front-matter', 'Front matter is not closed, expected a `---` line after the last field', at, { line: 1, column: 1 })
          : problem('missing-front-matter', 'Missing front matter, expected the file to start with a `---` line, fields such as `title:` and `date:`, and a closing `---` line', at, { line: 1, column: 1 }),
      ],
    };
  }
  const yamlOffset = file.text.indexOf('\n') + 1;
  const yamlText = file.text.slice(yamlOffset, yamlOffset + first.value.length);
  const document = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  tree.children.shift();
  if (document.errors.length > 0) {
    const messages = document.errors.map((error) => {
      const rule = error.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax';
      const reason =
        rule === 'duplicate-key'
          ? `Duplicate key "${keyAt(yamlText, error.pos[0])}" in front matter, expected each field once`
          : `Invalid YAML: ${firstLine(error.message)}, expected \`field: value\` lines`;
      return problem(rule, reason, at, pointAt(yamlOffset + error.pos[0]));
    });
    return { messages };
  }
  if (document.contents !== null && !isMap(document.contents)) {
    const start = document.contents.range?.[0] ?? 0;
    return { messages: [problem('invalid-front-matter', 'Front matter is not a map, expected `field: value` lines', at, pointAt(yamlOffset + start))] };
  }
  return { story: { file, frontMatter: document, yamlOffset, tree, pointAt }, messages: [] };
}

function keyAt(yamlText: string, offset: number): string {
  return (/^[^:\n]*/.exec(yamlText.slice(offset))?.[0] ?? '').trim();
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? text;
  return line.replace(/ at line \d+, column \d+:?$/, '').replace(/\.$/, '');
}
