import rehypeParse from 'rehype-parse';
import { unified } from 'unified';

/** The elements a page's head may hold, besides the title the layout writes. */
const headElements = new Set(['base', 'link', 'meta', 'noscript', 'script', 'style', 'template']);

/**
 * Why a `head` snippet would break the page, or undefined when it holds only what a head may
 * (scripts, styles, links, meta, `noscript`, `template`, comments): anything else would end the
 * head early and move the rest of it into the body. The snippet is trusted otherwise: it is
 * written to every page as it is.
 */
export function headSnippetProblem(snippet: string): string | undefined {
  const tree = unified().use(rehypeParse, { fragment: true }).parse(snippet);
  for (const node of tree.children) {
    if (node.type === 'comment') continue;
    if (node.type === 'text') {
      if (node.value.trim() === '') continue;
      return `Text "${node.value.trim().slice(0, 40)}" in a \`head\` snippet, expected only elements a page's head may hold (script, style, link, meta, noscript, template)`;
    }
    if (node.type === 'element' && !headElements.has(node.tagName)) {
      return `A <${node.tagName}> in a \`head\` snippet, expected only elements a page's head may hold (script, style, link, meta, noscript, template)`;
    }
  }
  return undefined;
}
