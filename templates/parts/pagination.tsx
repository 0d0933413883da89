import type { Element } from 'hast';
import type { SiteConfig } from '../../src/model/config.js';
import { hrefTo } from '../../src/model/urls.js';
import type { Pagination } from '../../src/model/views.js';
import { label } from '../../src/labels/fill.js';
import type { LabelSet } from '../../src/labels/select.js';
import { asElement } from './tree.js';

/**
 * Navigation between the pages of a list: newer and older links, and the linked pages newest
 * first ("Latest" for the first page, archive pages by number); nothing for a list of one page.
 */
export function paginationNav(config: SiteConfig, pagination: Pagination, labels: LabelSet): Element | undefined {
  const { number, newer, older, links } = pagination;
  if (links.length === 0) return undefined;
  return asElement(
    <nav class="pagination" aria-label={label(labels, 'pages')}>
      <ul>
        {newer !== undefined ? (
          <li class="prev">
            <a href={hrefTo(config, newer)} rel="prev">
              {label(labels, 'newer')}
            </a>
          </li>
        ) : null}
        {links.map((link) => {
          if (link === undefined) return <li class="gap">…</li>;
          return (
            <li>
              <a href={hrefTo(config, link.path)} aria-current={link.number === number ? 'page' : undefined}>
                {link.number === undefined ? label(labels, 'latest') : String(link.number)}
              </a>
            </li>
          );
        })}
        {older !== undefined ? (
          <li class="next">
            <a href={hrefTo(config, older)} rel="next">
              {label(labels, 'older')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>,
  );
}
