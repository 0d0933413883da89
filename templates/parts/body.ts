import type { Raw } from 'mdast-util-to-hast';
import type { Article } from '../../src/model/article.js';
import { linkBody } from '../../src/model/body-html.js';

/**
 * A story body ready to show, as a `raw` node holding the HTML serialized when the story was
 * modelled (see `serializeBody`), with story references linked through `hrefOf`. Pages that hold
 * it are serialized with `allowDangerousHtml`: no other `raw` node ever enters a page, because
 * remark-rehype drops the raw HTML of story bodies.
 */
export function storyBody<T extends Article>(article: Article, targets: readonly (T | undefined)[], hrefOf: (target: T) => string): Raw {
  return { type: 'raw', value: linkBody(article.body, targets, hrefOf) };
}
