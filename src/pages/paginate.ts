import type { PageLink, Pagination } from '../model/views.js';

/** One page of a paginated list: its items and where it sits among its siblings. */
export interface ListPage<T> {
  readonly path: string;
  readonly items: readonly T[];
  readonly pagination: Pagination;
}

/** How many archive pages the navigation links on each side of the current one. */
const around = 2;

/** The path of archive page `n` (1 holds the oldest stories) of the list whose first page is at `basePath` (`''` or `tags/x/`). */
export function archivePagePath(basePath: string, n: number): string {
  return `${basePath}page/${n}/`;
}

/**
 * Split a list (newest first) into pages of `size`: its first page at `basePath` holds the newest
 * items, and the rest go to archive pages numbered from the oldest (archive page 1 holds the
 * oldest `size`, the newest archive page the remaining 1 to `size`). A new story at the top
 * changes the first page and the newest archive page (and, once every `size` stories, starts a
 * new one, which the three before it link): every older archive page keeps its URL, its stories
 * and its links, so it never needs rendering, uploading or purging from a cache again.
 */
export function paginate<T>(items: readonly T[], size: number, basePath: string): ListPage<T>[] {
  const archives = Math.ceil(Math.max(0, items.length - size) / size);
  const pages: ListPage<T>[] = [{ path: basePath, items: items.slice(0, size), pagination: navigation(basePath, undefined, archives) }];
  for (let n = archives; n >= 1; n--) {
    const onPage = items.slice(Math.max(size, items.length - n * size), items.length - (n - 1) * size);
    pages.push({ path: archivePagePath(basePath, n), items: onPage, pagination: navigation(basePath, n, archives) });
  }
  return pages;
}

/**
 * The navigation of the first page (`number` undefined) or of archive page `number` of a list with
 * `archives` archive pages: the first page and archive page 1 always, the pages within `around`
 * of the current one, gaps between. An archive page's navigation depends on `archives` only when
 * it is among the newest few.
 */
function navigation(basePath: string, number: number | undefined, archives: number): Pagination {
  if (archives === 0) return { links: [] };
  // Positions, newest first: 0 is the first page, then archive pages `archives` down to 1.
  const position = (n: number | undefined) => (n === undefined ? 0 : archives + 1 - n);
  const at = (p: number): PageLink => (p === 0 ? { path: basePath } : { number: archives + 1 - p, path: archivePagePath(basePath, archives + 1 - p) });
  const current = position(number);
  // The first position, the window around the current one, the last: a list of 5,000 pages costs
  // the same per page as one of five.
  const shown = [...new Set([0, ...Array.from({ length: 2 * around + 1 }, (_, k) => current - around + k), archives])].filter((p) => p >= 0 && p <= archives).sort((a, b) => a - b);
  const links: (PageLink | undefined)[] = [];
  for (const p of shown) {
    const last = links.at(-1);
    if (last !== undefined && position(last.number) < p - 1) links.push(undefined);
    links.push(at(p));
  }
  return {
    ...(number === undefined ? {} : { number }),
    ...(current > 0 ? { newer: at(current - 1).path } : {}),
    ...(current < archives ? { older: at(current + 1).path } : {}),
    links,
  };
}
