import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import type { SiteConfig } from '../../src/model/config.js';
import { createRenderMemo, memoSlot } from '../../src/model/render-memo.js';
import { plainSite, siteWithLookup, type Site } from '../../src/model/site.js';
import { feedPages } from '../../src/pages/feed-pages.js';
import type { Page } from '../../src/pages/page.js';
import { collectionPages, homePages } from '../../src/pages/list-pages.js';
import { resolveSite } from '../../src/pipeline/resolve.js';
import { defaultTemplates } from '../../templates/defaults.js';
import type { Templates } from '../../templates/table.js';
import { articleOf } from '../support/story-file.js';

const stories = [
  articleOf('a.md', '---\ntitle: A\ndate: 2018-05-25T10:00:00Z\nsection: World\ntopics: [SPIEF]\n---\n\nSee [b](b.md).\n'),
  articleOf('b.md', '---\ntitle: B\ndate: 2018-05-24T10:00:00Z\nsection: World\n---\n\nBody.\n'),
];

function siteOf(config: SiteConfig): Site {
  const { site } = resolveSite(stories, config);
  if (!site) throw new Error('The test site did not resolve');
  return site;
}

/** The home and collection pages of a site. */
function listPages(site: Site, templates: Templates): Page[] {
  return [...homePages(site, templates), ...collectionPages(site, templates)];
}

function pageAt(pages: readonly Page[], path: string): Page {
  const page = pages.find((candidate) => candidate.path === path);
  if (!page) throw new Error(`No page at ${path}`);
  return page;
}

/** The templates with a header that counts how often it is made. */
function countingHeader(): { templates: Templates; made: () => number } {
  let made = 0;
  const templates: Templates = {
    ...defaultTemplates,
    header: (view, table) => {
      made++;
      return defaultTemplates.header(view, table);
    },
  };
  return { templates, made: () => made };
}

describe('a render memo', () => {
  it("should make a slot's value once per memo, and a new one for another memo", () => {
    const slot = memoSlot(() => new Map<string, number>());
    const memo = createRenderMemo();
    memo.get(slot).set('a', 1);
    expect(memo.get(slot).get('a')).toBe(1);
    expect(createRenderMemo().get(slot).size).toBe(0);
  });

  it('should give each site its own memo, left behind when the site is posted to another thread', () => {
    const site = siteOf(defaultConfig);
    const posted = siteWithLookup(plainSite(site));
    expect(Object.keys(plainSite(site))).not.toContain('memo');
    expect(posted.memo).not.toBe(site.memo);
    expect(siteOf(defaultConfig).memo).not.toBe(site.memo);
  });

  it("should make the header once for a site's pages, and again for another site of the same values", () => {
    const { templates, made } = countingHeader();
    const site = siteOf(defaultConfig);
    const pages = listPages(site, templates);
    pageAt(pages, '').render(site);
    pageAt(pages, 'sections/world/').render(site);
    pageAt(pages, '').render(site);
    // Home and a section page mark the menu differently: one header each.
    expect(made()).toBe(2);
    // The same config, sections and articles in a new site (as a render thread makes it): nothing kept.
    const again = siteWithLookup(plainSite(site));
    pageAt(listPages(again, templates), '').render(again);
    expect(made()).toBe(3);
  });

  it('should give two sites built in one process, with other languages and labels, each its own pages and feeds', () => {
    const english = siteOf({ ...defaultConfig, labels: { topics: 'Subjects' } });
    const german = siteOf({ ...defaultConfig, language: 'de', title: 'Nachrichten' });
    const render = (site: Site, path: string) => String(pageAt([...listPages(site, defaultTemplates), ...feedPages(site)], path).render(site));
    // Interleaved, as two builds of one process (a dev server and a build) may go.
    const pages = [render(english, ''), render(german, ''), render(english, 'sections/world/'), render(german, 'sections/world/')];
    const feeds = [render(english, 'feed.xml'), render(german, 'feed.xml'), render(english, 'sections/world/feed.xml'), render(german, 'sections/world/feed.xml')];
    for (const html of [pages[0], pages[2]]) expect(html).toMatch(/<html lang="en"[^]*>Subjects</);
    for (const html of [pages[1], pages[3]]) expect(html).toMatch(/<html lang="de"[^]*>Themen</);
    for (const html of [pages[1], pages[3]]) expect(html).not.toContain('Subjects');
    expect(feeds.map((xml) => /<language>(\w+)<\/language>/.exec(xml)?.[1])).toEqual(['en', 'de', 'en', 'de']);
    expect(feeds[3]).toContain('Nachrichten: World');
    expect(feeds[2]).not.toContain('Nachrichten');
  });
});
