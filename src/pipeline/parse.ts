import type { Root as MdastRoot } from 'mdast';
import type { Node, Position } from 'unist';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { VFileMessage } from 'vfile-message';
import { type Document, isMap, parseDocument } from 'yaml';
import type { Point } from '../model/article.js';
import { pointLocator } from '../report/locate.js';
import { problem } from '../report/problem.js';
import { duplicateKeys } from './duplicate-keys.js';
import type { StoryFile } from '../io/load.js';
import { nestingLimit, tooDeepContainer, tooDeepInline, tooDeepNode } from './nesting.js';

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

const markdown = unified().use(remarkParse);

/**
 * The largest story file modelled, in bytes: a wire story is a few kilobytes, and the Markdown
 * parser holds some 20 KB per link (half a megabyte of links: 400 MB, seconds).
 */
export const maxStoryBytes = 512 * 1024;

/** Split a story file into YAML front matter and a Markdown tree, with exact positions for both. */
export function parseStory(file: StoryFile): ParseResult {
  const at = file.displayPath;
  if (file.text.trim() === '') {
    return { messages: [problem('empty-file', 'Empty story file, expected front matter between `---` lines and a body', at, { line: 1, column: 1 })] };
  }
  const size = Buffer.byteLength(file.text, 'utf8');
  if (size > maxStoryBytes) {
    return {
      messages: [problem('story-too-large', `The story is ${Math.ceil(size / 1024)} KB, expected at most ${maxStoryBytes / 1024} KB (split it, or move data out of it)`, at, { line: 1, column: 1 })],
    };
  }
  const pointAt = pointLocator(file.text);
  const fenced = frontMatterOf(file.text);
  if (!fenced) {
    const opened = /^---[ \t]*\r?\n/.test(file.text);
    return {
      messages: [
        opened
          ? problem('unterminated-front-matter', 'Front matter is not closed, expected a `---` line after the last field', at, { line: 1, column: 1 })
          : problem('missing-front-matter', 'Missing front matter, expected the file to start with a `---` line, fields such as `title:` and `date:`, and a closing `---` line', at, {
              line: 1,
              column: 1,
            }),
      ],
    };
  }
  const { yamlOffset, yamlText, bodyOffset, bodyLine } = fenced;
  // Only the body goes through Markdown (front matter would cost the parser a construct tried at
  // every line and a pass over its text); its positions are then made those of the whole file.
  const body = file.text.slice(bodyOffset);
  // Nesting past the limit is found in the text where it would slow the parser down, else in the tree.
  const deepText = tooDeepContainer(body) ?? tooDeepInline(body);
  const tree = deepText === undefined ? markdown.parse(body) : undefined;
  const deepNode = tree && tooDeepNode(tree);
  const nesting = deepText === undefined ? deepNode && placeInBody(deepNode, bodyLine) : pointAt(bodyOffset + deepText);
  const messages: VFileMessage[] = nesting
    ? [problem('nesting-too-deep', `The body nests more than ${nestingLimit} levels deep (block quotes, list items, emphasis or links within one another), expected flatter Markdown`, at, nesting)]
    : [];
  const document = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: false, keepSourceTokens: false });
  for (const error of document.errors) {
    messages.push(problem('yaml-syntax', `Invalid YAML: ${firstLine(error.message)}, expected \`field: value\` lines`, at, pointAt(yamlOffset + error.pos[0])));
  }
  if (document.errors.length === 0) {
    for (const key of duplicateKeys(document)) {
      const start = key.range?.[0] ?? 0;
      messages.push(problem('duplicate-key', `Duplicate key "${keyAt(yamlText, start)}" in front matter, expected each field once`, at, pointAt(yamlOffset + start)));
    }
  }
  if (messages.length > 0 || !tree) return { messages };
  if (bodyOffset > 0) shiftPositions(tree, bodyLine - 1, bodyOffset);
  if (document.contents !== null && !isMap(document.contents)) {
    const start = document.contents.range?.[0] ?? 0;
    return { messages: [problem('invalid-front-matter', 'Front matter is not a map, expected `field: value` lines', at, pointAt(yamlOffset + start))] };
  }
  return { story: { file, frontMatter: document, yamlOffset, tree, pointAt }, messages: [] };
}

/** Where the front matter of a story is: its YAML text, and where the body after it starts. */
interface FencedFrontMatter {
  /** Offset of the YAML text (after the opening `---` line). */
  readonly yamlOffset: number;
  readonly yamlText: string;
  /** Offset and 1-based line where the body starts (after the closing `---` line). */
  readonly bodyOffset: number;
  readonly bodyLine: number;
}

const lineEnding = /\r\n|\r|\n/g;
const fenceLine = /^---[ \t]*$/;

/**
 * Find the front matter the way remark-frontmatter does for YAML: a `---` line that opens the
 * file and the next `---` line (either may end in spaces or tabs); undefined when the file does
 * not open with one or it is never closed.
 */
export function frontMatterOf(text: string): FencedFrontMatter | undefined {
  let start = 0;
  let line = 1;
  let yamlOffset = -1;
  lineEnding.lastIndex = 0;
  for (;;) {
    const ending = lineEnding.exec(text);
    const end = ending ? ending.index : text.length;
    const next = ending ? end + ending[0].length : text.length;
    const isFence = fenceLine.test(text.slice(start, end));
    if (yamlOffset < 0) {
      if (!isFence || !ending) return undefined;
      yamlOffset = next;
    } else if (isFence) {
      // The YAML text ends before the line ending that precedes the closing fence.
      const yamlEnd = Math.max(yamlOffset, start - (text[start - 2] === '\r' && text[start - 1] === '\n' ? 2 : 1));
      return { yamlOffset, yamlText: text.slice(yamlOffset, yamlEnd), bodyOffset: next, bodyLine: ending ? line + 1 : line };
    }
    if (!ending) return undefined;
    start = next;
    line++;
  }
}

/** Move every position in `tree` down `lines` lines and on `offset` characters (columns stay: the text starts a line). */
function shiftPositions(node: { position?: Position | undefined; children?: unknown }, lines: number, offset: number): void {
  const position = node.position;
  if (position) {
    position.start = { line: position.start.line + lines, column: position.start.column, offset: (position.start.offset ?? 0) + offset };
    position.end = { line: position.end.line + lines, column: position.end.column, offset: (position.end.offset ?? 0) + offset };
  }
  if (Array.isArray(node.children)) for (const child of node.children as { position?: Position; children?: unknown }[]) shiftPositions(child, lines, offset);
}

/** Where a node of the body tree (positions of the body alone) starts in the file. */
function placeInBody(node: Node, bodyLine: number): Point {
  const start = node.position?.start ?? { line: 1, column: 1 };
  return { line: start.line + bodyLine - 1, column: start.column };
}

function keyAt(yamlText: string, offset: number): string {
  return (/^[^:\n]*/.exec(yamlText.slice(offset))?.[0] ?? '').trim();
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? text;
  return line.replace(/ at line \d+, column \d+:?$/, '').replace(/\.$/, '');
}
