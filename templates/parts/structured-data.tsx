import type { Element } from 'hast';
import type { ArticleView } from '../../src/model/views.js';

/** The head elements of a story page that describe it to machines: JSON-LD, Open Graph. */
export function articleHead(view: ArticleView): Element[] {
  void view;
  return [];
}
