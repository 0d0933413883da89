import type { Paragraph, Root } from 'mdast';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';

/** A paragraph of the imported body: plain text, or a READ MORE callout linking a story file. */
export type MarkdownParagraph = { readonly text: string } | { readonly readMoreTarget: string };

const markdown = unified().use(remarkStringify);

/**
 * The Markdown of a body made of plain-text paragraphs and READ MORE links
 * (`READ MORE: [](russian-pipelines.md)`). The text is built as a Markdown syntax tree and
 * serialized, so whatever it holds (`1.`, `#`, `*`, `[`, `<script>`) is escaped and reads as text.
 */
export function markdownBody(paragraphs: readonly MarkdownParagraph[]): string {
  const tree: Root = { type: 'root', children: paragraphs.map(paragraphNode) };
  return markdown.stringify(tree);
}

function paragraphNode(paragraph: MarkdownParagraph): Paragraph {
  if ('text' in paragraph) return { type: 'paragraph', children: [{ type: 'text', value: paragraph.text }] };
  return {
    type: 'paragraph',
    children: [
      { type: 'text', value: 'READ MORE: ' },
      { type: 'link', url: paragraph.readMoreTarget, children: [] },
    ],
  };
}
