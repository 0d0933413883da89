import { describe, expect, it } from 'vitest';
import { paginate, samePages, type ListPage } from '../../src/pages/paginate.js';

/** Numbers `count` down to 1: a list of stories, newest first, each named by its place from the oldest. */
const newestFirst = (count: number) => Array.from({ length: count }, (_, index) => count - index);

describe('paginate', () => {
  it('should put the newest items on the first page and number archive pages from the oldest', () => {
    const pages = paginate(newestFirst(7), 2, 'tags/japan/');
    expect(pages.map((page) => [page.path, page.items])).toEqual([
      ['tags/japan/', [7, 6]],
      ['tags/japan/page/3/', [5]],
      ['tags/japan/page/2/', [4, 3]],
      ['tags/japan/page/1/', [2, 1]],
    ]);
    expect(pages[2]?.pagination).toEqual({
      number: 2,
      newer: 'tags/japan/page/3/',
      older: 'tags/japan/page/1/',
      links: [{ path: 'tags/japan/' }, { number: 3, path: 'tags/japan/page/3/' }, { number: 2, path: 'tags/japan/page/2/' }, { number: 1, path: 'tags/japan/page/1/' }],
    });
    expect(pages[0]?.pagination.newer).toBeUndefined();
    expect(pages[3]?.pagination.older).toBeUndefined();
  });

  it('should link the first page, archive page 1 and the two archive pages on each side, with gaps between', () => {
    const pages = paginate(newestFirst(2_010), 20, '');
    const numbers = (archive: number) => pages.find((page) => page.pagination.number === archive)?.pagination.links.map((link) => (link ? (link.number ?? 'latest') : '…'));
    expect(pages).toHaveLength(101);
    expect(numbers(50)).toEqual(['latest', '…', 52, 51, 50, 49, 48, '…', 1]);
    expect(numbers(99)).toEqual(['latest', 100, 99, 98, 97, '…', 1]);
    expect(numbers(3)).toEqual(['latest', '…', 5, 4, 3, 2, 1]);
    expect(pages[0]?.pagination.links.map((link) => link?.number)).toEqual([undefined, 100, 99, undefined, 1]);
  });

  it('should keep one empty page for an empty list, and no navigation for one page', () => {
    const plain = <T>(pages: readonly ListPage<T>[]) => pages.map(({ path, items, pagination }) => ({ path, items, pagination }));
    expect(plain(paginate([], 20, ''))).toEqual([{ path: '', items: [], pagination: { links: [] } }]);
    expect(plain(paginate([2, 1], 2, ''))).toEqual([{ path: '', items: [2, 1], pagination: { links: [] } }]);
  });

  it('should change only the first page and the newest archive pages when a story is added', () => {
    for (let count = 1; count <= 130; count++) {
      const before = new Map(paginate(newestFirst(count), 10, '').map((page) => [page.path, JSON.stringify(page)]));
      const after = paginate(newestFirst(count + 1), 10, '');
      const changed = after.filter((page) => before.get(page.path) !== JSON.stringify(page)).map((page) => page.path);
      // The first page, the archive page the first page's oldest story moved to, and when that one
      // is new, the three before it, whose links reach it.
      expect(changed.length, `${count} stories`).toBeLessThanOrEqual(5);
      for (const path of changed.filter((path) => path !== '')) expect(Number(/page\/(\d+)\//.exec(path)?.[1]), `${count} stories: ${path}`).toBeGreaterThanOrEqual(after.length - 1 - 3);
    }
  });

  it('should find the pages that list the same items in the same place as comparing every page does', () => {
    const compared = (before: readonly string[], after: readonly string[]) => {
      const was = new Map(paginate(before, 10, 'tags/x/').map((page) => [page.path, JSON.stringify(page)]));
      return paginate(after, 10, 'tags/x/')
        .filter((page) => was.get(page.path) === JSON.stringify(page))
        .map((page) => page.path);
    };
    for (let count = 0; count <= 75; count++) {
      const before = newestFirst(count).map(String);
      for (const at of new Set([0, 1, Math.floor(count / 2), count])) {
        for (const added of [1, 3, 12]) {
          const after = [...before.slice(0, at), ...Array.from({ length: added }, (_, k) => `new ${k}`), ...before.slice(at)];
          expect(samePages(before, after, 10, 'tags/x/').sort(), `${count} items, ${added} added at ${at}`).toEqual(compared(before, after).sort());
        }
      }
    }
  });
});
