import type { Pagination } from '../model/views.js';

/** One page of a paginated list: its items and where it sits among its siblings. */
export interface ListPage<T> {
  readonly path: string;
  readonly items: readonly T[];
  readonly pagination: Pagination;
}

/** The path of page `n` (1-based) of a list whose first page is at `basePath` (`''` or `tags/x/`). */
export function pagePath(basePath: string, n: number): string {
  return n === 1 ? basePath : `${basePath}page/${n}/`;
}

/** Split a list into pages of `size` (always at least one page, so an empty list still has its page). */
export function paginate<T>(items: readonly T[], size: number, basePath: string): ListPage<T>[] {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const pagePaths = Array.from({ length: pages }, (_, index) => pagePath(basePath, index + 1));
  return pagePaths.map((path, index) => ({
    path,
    items: items.slice(index * size, (index + 1) * size),
    pagination: { page: index + 1, pages, pagePaths },
  }));
}
