import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import type { SiteConfig } from '../../src/model/config.js';
import { themeAssetsDir } from '../../src/paths.js';
import { assembleSite, storyToArticle } from '../../src/pipeline/index.js';
import { loadTheme, type ThemeFile } from '../../src/io/load-theme.js';
import { storyFile, articleOf } from '../support/story-file.js';
import type { Site } from '../../src/model/site.js';
import { filePathOf } from '../../src/model/urls.js';
import type { Page } from '../../src/pages/page.js';
import { newPathsCollide, pathCollisions } from '../../src/pipeline/collisions.js';
import { planSite } from '../../src/pipeline/plan.js';
import { resolveSite } from '../../src/pipeline/resolve.js';

// Two pages must never need the same file, nor one a folder where another is a file: the build
// would stop writing halfway (EEXIST, EISDIR) or one page would silently replace the other.

let theme: readonly ThemeFile[];
beforeAll(async () => {
  theme = await loadTheme(themeAssetsDir);
});

const story = (id: string) => `---\ntitle: T\ndate: 2018-05-25T14:03:00+03:00\nid: ${id}\n---\n\nBody.\n`;

/** The path-collision messages of a site of these stories (by id), as `file:line:column`. */
function collisions(config: SiteConfig, ids: readonly string[]): string[] {
  const results = ids.map((id) => storyToArticle(storyFile(`${id}.md`, story(id)), config, new Set()));
  const { messages } = assembleSite(results, [], config, { theme });
  return messages.filter((message) => message.ruleId === 'path-collision').map((message) => `${message.file}:${message.line}:${message.column}`);
}

describe('page paths', () => {
  it('should report a story whose page needs a folder where another page is a file, at its id', () => {
    // `/:id.xml` is refused in site.yaml; planning still checks what a pattern gives.
    expect(collisions({ ...defaultConfig, permalink: '/:id.xml' }, ['feed', 'other'])).toEqual(['stories/feed.md:4:5']);
    expect(collisions({ ...defaultConfig, permalink: '/:id.xml' }, ['sitemap'])).toEqual(['stories/sitemap.md:4:5']);
  });
});

/** The resolved site and planned pages of these stories (by id). */
function planned(config: SiteConfig, ids: readonly string[]): { site: Site; pages: Page[] } {
  const articles = ids.map((id) => articleOf(`${id}.md`, story(id), config));
  const { site } = resolveSite(articles, config, undefined, Date.parse('2018-06-01T00:00:00Z'));
  if (!site) throw new Error('the fixture should resolve');
  return { site, pages: planSite(site, theme, Date.parse('2018-06-01T00:00:00Z')) };
}

/** Whether `newPathsCollide` finds a collision among `pages`, `known` being the pages of the last build (as its cache index keys them, by file). */
function collideAfter(pages: readonly Page[], known: readonly Page[]): boolean {
  const last = new Map(known.map((page) => [filePathOf(page.path), { page }]));
  const files = pages.map((page) => filePathOf(page.path));
  return newPathsCollide(
    pages,
    files,
    files.map((file) => last.get(file)),
  );
}

describe('page paths of a site with pages added to a plan that had no collisions', () => {
  it('should collide exactly when checking every page finds a collision', () => {
    // `/:id.xml` is refused in site.yaml; planning still checks what a pattern gives.
    for (const permalink of ['/:id/', '/:id.xml']) {
      const config = { ...defaultConfig, permalink };
      const before = planned(config, ['a', 'b']);
      expect(pathCollisions(before.pages, before.site)).toEqual([]);
      for (const ids of [
        ['a', 'b', 'c'],
        ['a', 'b', 'tags'],
        ['a', 'b', 'topics', 'c'],
        ['a', 'b', 'feed'],
        ['a', 'b', 'sitemap'],
        ['a', 'b', 'c', 'page'],
      ]) {
        const after = planned(config, ids);
        expect(collideAfter(after.pages, before.pages), `${permalink} ${ids.join()}`).toBe(pathCollisions(after.pages, after.site).length > 0);
      }
      expect(collideAfter(planned(config, ['a', 'b', 'c']).pages, before.pages)).toBe(false);
    }
    expect(collideAfter(planned({ ...defaultConfig, permalink: '/:id/' }, ['a', 'b', 'tags']).pages, planned({ ...defaultConfig, permalink: '/:id/' }, ['a', 'b']).pages)).toBe(true);
  });

  it('should find what checking every page finds, for pages of any paths', () => {
    const { site } = planned(defaultConfig, ['a']);
    const parts = ['a', 'A', 'b', 'feed.xml', 'Feed.xml'];
    const next = randomNumbers(19);
    const pathOf = () => {
      const depth = 1 + Math.floor(next() * 3);
      const segments = Array.from({ length: depth }, () => parts[Math.floor(next() * parts.length)] ?? 'a');
      return `${segments.join('/')}${next() < 0.5 ? '/' : ''}`;
    };
    const page = (path: string): Page => ({ path, kind: 'feed', deps: { articles: [], teasers: [], collections: [] }, render: () => '' });
    let collided = 0;
    for (let round = 0; round < 2_000; round++) {
      const known = Array.from({ length: 1 + Math.floor(next() * 5) }, () => page(pathOf()));
      if (pathCollisions(known, site).length > 0) continue;
      const pages = [...known.filter(() => next() < 0.8), ...Array.from({ length: Math.floor(next() * 3) }, () => page(pathOf()))].sort(() => next() - 0.5);
      const expected = pathCollisions(pages, site).length > 0;
      if (expected) collided++;
      expect(collideAfter(pages, known), pages.map((one) => one.path).join(' ')).toBe(expected);
    }
    expect(collided).toBeGreaterThan(100);
  });
});

/** A seeded sequence of numbers in [0, 1). */
function randomNumbers(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}
