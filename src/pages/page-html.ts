import type { Root } from 'hast';
import { toHtml } from 'hast-util-to-html';

/**
 * Serialize a page or feed item built by the templates. `raw` nodes are written as they are: they
 * are story bodies, serialized from their sanitized trees when modelled (`storyBody`), fragments
 * serialized once from hast (`serializedOnce`), and the site owner's trusted `head` snippets from
 * `site.yaml`; remark-rehype drops the raw HTML an author writes, so none of it reaches a page.
 */
export function pageHtml(tree: Root): string {
  return toHtml(tree, { allowDangerousHtml: true });
}
