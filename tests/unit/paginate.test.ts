import { describe, expect, it } from 'vitest';
import { paginate } from '../../src/render/paginate.js';

describe('paginate', () => {
  it('should cut a list into pages with pretty paths after the first', () => {
    const pages = paginate([1, 2, 3, 4, 5], 2, 'tags/japan/');
    expect(pages.map((page) => [page.path, page.items])).toEqual([
      ['tags/japan/', [1, 2]],
      ['tags/japan/page/2/', [3, 4]],
      ['tags/japan/page/3/', [5]],
    ]);
    expect(pages[1]?.pagination).toEqual({ page: 2, pages: 3, pagePaths: ['tags/japan/', 'tags/japan/page/2/', 'tags/japan/page/3/'] });
  });

  it('should keep one empty page for an empty list', () => {
    expect(paginate([], 20, '')).toEqual([{ path: '', items: [], pagination: { page: 1, pages: 1, pagePaths: [''] } }]);
  });
});
