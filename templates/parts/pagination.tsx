import type { Element } from 'hast';
import type { SiteConfig } from '../../src/model/config.js';
import { hrefTo } from '../../src/model/urls.js';
import type { Pagination } from '../../src/model/views.js';
import { asElement } from './tree.js';

/** How many numbered links to show on each side of the current page. */
const around = 2;

/** The page numbers to link, with `undefined` for a gap: first, last and the pages around the current one. */
export function pageNumbers(page: number, pages: number): (number | undefined)[] {
  const shown: (number | undefined)[] = [];
  for (let number = 1; number <= pages; number++) {
    if (number === 1 || number === pages || Math.abs(number - page) <= around) shown.push(number);
    else if (shown.at(-1) !== undefined) shown.push(undefined);
  }
  return shown;
}

/** Pagination for a list: "Page N of M", previous and next links, numbered links; nothing for one page. */
export function paginationNav(config: SiteConfig, pagination: Pagination): Element | undefined {
  const { page, pages, pagePaths } = pagination;
  if (pages <= 1) return undefined;
  const hrefOf = (number: number): string | undefined => {
    const path = pagePaths[number - 1];
    return path === undefined ? undefined : hrefTo(config, path);
  };
  const previous = page > 1 ? hrefOf(page - 1) : undefined;
  const next = page < pages ? hrefOf(page + 1) : undefined;
  return asElement(
    <nav class="pagination" aria-label="Pages">
      <p class="page-of">
        Page {page} of {pages}
      </p>
      <ul>
        {previous !== undefined ? (
          <li class="prev">
            <a href={previous} rel="prev">
              ← Previous
            </a>
          </li>
        ) : null}
        {pageNumbers(page, pages).map((number) => {
          const href = number === undefined ? undefined : hrefOf(number);
          if (number === undefined || href === undefined) return <li class="gap">…</li>;
          return (
            <li>
              <a href={href} aria-current={number === page ? 'page' : undefined}>
                {number}
              </a>
            </li>
          );
        })}
        {next !== undefined ? (
          <li class="next">
            <a href={next} rel="next">
              Next →
            </a>
          </li>
        ) : null}
      </ul>
    </nav>,
  );
}
