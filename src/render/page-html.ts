import type { Root } from 'hast';
import { toHtml } from 'hast-util-to-html';

/**
 * Serialize a page or feed item built by the templates. `raw` nodes are written as they are: the
 * only ones are story bodies, serialized from their sanitized trees when modelled (`storyBody`);
 * remark-rehype drops the raw HTML an author writes, so no other `raw` node reaches a page.
 */
export function pageHtml(tree: Root): string {
  return toHtml(tree, { allowDangerousHtml: true });
}
