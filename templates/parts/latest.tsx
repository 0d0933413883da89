import type { Element } from 'hast';
import type { SiteConfig } from '../../src/model/config.js';
import type { LinkedArticle } from '../../src/model/site.js';
import { hrefTo } from '../../src/model/urls.js';
import { timeDay } from './time.js';
import { asElement } from './tree.js';

/** The "Latest stories" list: headline links with their day, newest first; nothing when empty. */
export function latestList(config: SiteConfig, articles: readonly LinkedArticle[]): Element | undefined {
  if (articles.length === 0) return undefined;
  return asElement(
    <section class="latest">
      <h2>Latest stories</h2>
      <ol>
        {articles.map((article) => (
          <li>
            <a href={hrefTo(config, article.path)}>{article.title}</a> {timeDay(article.date, config.language)}
          </li>
        ))}
      </ol>
    </section>,
  );
}
