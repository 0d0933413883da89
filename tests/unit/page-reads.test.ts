import { describe, expect, it } from 'vitest';
import { withCountsRead } from '../../src/incremental/page-reads.js';
import type { Page } from '../../src/pages/page.js';

const storyPage: Page = {
  path: '2018/05/20/a/',
  kind: 'article',
  deps: { articles: ['a'], teasers: [], collections: ['sections', 'name:section/world', 'topic/spief', 'name:tag/japan', 'name:tag/trade'] },
  render: () => '',
};

const archivePage: Page = { path: 'tags/japan/page/1/', kind: 'tag', listOf: 'tag/japan', deps: { articles: [], teasers: ['a'], collections: ['name:tag/japan', 'sections'] }, render: () => '' };

describe('what a page reads beyond its plan', () => {
  it('should leave a page as it is when its renders read no count', () => {
    expect(withCountsRead(storyPage, false, [])).toBe(storyPage);
    expect(withCountsRead(storyPage, true, [])).toBe(storyPage);
  });

  it('should add the full key of each collection of a counted kind the page names by name', () => {
    expect(withCountsRead(storyPage, false, ['tag']).deps.collections).toEqual([...storyPage.deps.collections, 'tag/japan', 'tag/trade']);
    expect(withCountsRead(storyPage, false, ['section', 'topic']).deps.collections).toEqual([...storyPage.deps.collections, 'section/world']);
  });

  it("should add every section's count for a group that read the navigation's counts", () => {
    expect(withCountsRead(storyPage, false, ['sections']).deps.collections).toEqual([...storyPage.deps.collections, 'section-index']);
  });

  it("should add a list page's own collection key when its render read its list's count, once", () => {
    expect(withCountsRead(archivePage, true, []).deps.collections).toEqual(['name:tag/japan', 'sections', 'tag/japan']);
    expect(withCountsRead(archivePage, true, ['tag']).deps.collections).toEqual(['name:tag/japan', 'sections', 'tag/japan']);
    expect(withCountsRead(archivePage, false, []).deps.collections).toEqual(archivePage.deps.collections);
  });
});
