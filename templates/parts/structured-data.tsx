import type { Element } from 'hast';
import type { ArticleView } from '../../src/model/views.js';
import { jsonLdScript, newsArticleData } from './json-ld.js';
import { openGraphMeta } from './open-graph.js';

/**
 * The head elements of a story page that describe it to machines: Open Graph and Twitter card
 * meta, then the schema.org `NewsArticle` as JSON-LD. Title, description and canonical link are
 * the layout's.
 */
export function articleHead(view: ArticleView): Element[] {
  return [...openGraphMeta(view), jsonLdScript(newsArticleData(view))];
}
