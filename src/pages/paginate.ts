import type { PageLink, Pagination } from '../model/views.js';

/** One page of a paginated list: its items and where it sits among its siblings. */
export interface ListPage<T> {
  readonly path: string;
  /** Its archive page number (1 holds the oldest items), undefined for the first page. */
  readonly number: number | undefined;
  readonly items: readonly T[];
  /** Its navigation, made when first asked for: a list of 500 pages whose pages are unchanged makes none. */
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
  const archives = archiveCount(items.length, size);
  const pages: ListPage<T>[] = [listPage(basePath, undefined, archives, items.slice(0, size))];
  for (let n = archives; n >= 1; n--) pages.push(listPage(basePath, n, archives, items.slice(...archiveRange(items.length, size, n))));
  return pages;
}

/**
 * The paths of the pages that list the same items with the same navigation when the list of
 * `before` becomes that of `after` (both newest first) with pages of `size` at `basePath`: as
 * comparing the pages `paginate` makes of each, without making them. Items are compared in place,
 * and a navigation is made only when the number of archive pages changed (every `size` items).
 */
export function samePages<T>(before: readonly T[], after: readonly T[], size: number, basePath: string): string[] {
  const [archivesBefore, archivesAfter] = [archiveCount(before.length, size), archiveCount(after.length, size)];
  const samePlace = (n: number | undefined) => archivesBefore === archivesAfter || JSON.stringify(navigation(basePath, n, archivesBefore)) === JSON.stringify(navigation(basePath, n, archivesAfter));
  const same: string[] = [];
  if (sameItems(before, [0, Math.min(size, before.length)], after, [0, Math.min(size, after.length)]) && samePlace(undefined)) same.push(basePath);
  for (let n = Math.min(archivesBefore, archivesAfter); n >= 1; n--) {
    if (sameItems(before, archiveRange(before.length, size, n), after, archiveRange(after.length, size, n)) && samePlace(n)) same.push(archivePagePath(basePath, n));
  }
  return same;
}

/** How many archive pages a list of `length` items has, with `size` on each page and the newest on the first. */
function archiveCount(length: number, size: number): number {
  return Math.ceil(Math.max(0, length - size) / size);
}

/** Where the items of archive page `n` are in a list of `length` items: from the oldest, `size` a page, the newest archive page the rest. */
function archiveRange(length: number, size: number, n: number): [start: number, end: number] {
  return [Math.max(size, length - n * size), length - (n - 1) * size];
}

/** Whether two ranges of two lists hold the same items in the same order. */
function sameItems<T>(a: readonly T[], [aStart, aEnd]: readonly [number, number], b: readonly T[], [bStart, bEnd]: readonly [number, number]): boolean {
  if (aEnd - aStart !== bEnd - bStart) return false;
  for (let k = 0; k < aEnd - aStart; k++) if (a[aStart + k] !== b[bStart + k]) return false;
  return true;
}

/**
 * A page of a list whose navigation is made the first time it is asked for (a render or a digest
 * asks): a class, as an object literal with a getter costs some microseconds to make, thousands of
 * times a publish. Its JSON is that of the plain page.
 */
class LazyListPage<T> implements ListPage<T> {
  readonly #basePath: string;
  readonly #archives: number;
  #pagination: Pagination | undefined;

  constructor(
    readonly path: string,
    readonly number: number | undefined,
    readonly items: readonly T[],
    basePath: string,
    archives: number,
  ) {
    this.#basePath = basePath;
    this.#archives = archives;
  }

  get pagination(): Pagination {
    return (this.#pagination ??= navigation(this.#basePath, this.number, this.#archives));
  }

  toJSON(): { path: string; number: number | undefined; items: readonly T[]; pagination: Pagination } {
    return { path: this.path, number: this.number, items: this.items, pagination: this.pagination };
  }
}

/** A page of a list (see `LazyListPage`). */
function listPage<T>(basePath: string, number: number | undefined, archives: number, items: readonly T[]): ListPage<T> {
  return new LazyListPage(number === undefined ? basePath : archivePagePath(basePath, number), number, items, basePath, archives);
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
  // Assigned, not spread into a literal: in V8 a spread followed by a field gives each object a hidden class of its own.
  return Object.assign({}, number === undefined ? {} : { number }, current > 0 ? { newer: at(current - 1).path } : {}, current < archives ? { older: at(current + 1).path } : {}, { links });
}
