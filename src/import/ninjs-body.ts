import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import { toString as hastToString } from 'hast-util-to-string';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import remarkStringify, { type Options as StringifyOptions } from 'remark-stringify';
import { unified } from 'unified';
import { rehypeWireCleanup } from './ninjs-body-cleanup.js';
import { cleanText } from './ninjs-fields.js';

/** How imported bodies are written: `-` bullets, `_emphasis_`, `**strong**`, fenced code. */
const markdownStyle: StringifyOptions = { bullet: '-', emphasis: '_', strong: '*', fences: true, rule: '-', listItemIndent: 'one' };

const parseHtml = unified().use(rehypeParse, { fragment: true }).freeze();
const cleanHtml = unified().use(rehypeWireCleanup, { title: '' }).freeze();
const writeMarkdown = unified().use(remarkStringify, markdownStyle).freeze();

/**
 * Turn a wire story's HTML body into Markdown through rehype-parse, rehype-remark and
 * remark-stringify, after `rehypeWireCleanup` (scripts and embeds dropped, unsafe or relative
 * links unwrapped, the repeated headline removed; `leftOut` is told of each embed or picture
 * dropped). Markdown characters in the text are escaped by remark-stringify, so text never turns
 * into markup.
 */
export function htmlToMarkdown(html: string, title: string, leftOut?: (what: string) => void): string {
  const processor = unified().use(rehypeParse, { fragment: true }).use(rehypeWireCleanup, { title, leftOut }).use(rehypeRemark).use(remarkStringify, markdownStyle);
  return tidy(String(processor.processSync(cleanText(html))));
}

/** Turn a plain-text body into Markdown paragraphs, one a line (wire text puts one paragraph on each line). */
export function textToMarkdown(text: string): string {
  const paragraphs = cleanText(text)
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');
  const tree: MdastRoot = { type: 'root', children: paragraphs.map((value) => ({ type: 'paragraph', children: [{ type: 'text', value }] })) };
  return tidy(writeMarkdown.stringify(tree));
}

/** The text of an HTML fragment (captions, summaries given as HTML), markup and scripts removed. */
export function htmlToText(html: string): string {
  const tree = cleanHtml.runSync(parseHtml.parse(cleanText(html))) as HastRoot;
  return hastToString(tree).replace(/\s+/g, ' ').trim();
}

/** One trailing newline, no trailing spaces, and an empty string for an empty body. */
function tidy(markdown: string): string {
  const trimmed = markdown.replace(/[ \t]+$/gm, '').trim();
  return trimmed === '' ? '' : `${trimmed}\n`;
}
