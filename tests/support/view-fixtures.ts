import { h } from 'hastscript';
import { serializeBody } from '../../src/model/body-html.js';
import type { DateTime } from '../../src/model/article.js';
import type { SiteConfig } from '../../src/model/config.js';
import type { Collection, LinkedArticle } from '../../src/model/site.js';
import type { PageChrome } from '../../src/model/views.js';
import { labelSetFor } from '../../src/labels/select.js';

/** A site configuration served under `/news/`; `overrides` set what a test is about. */
export function testConfig(overrides: Partial<SiteConfig> = {}): SiteConfig {
  return {
    title: 'Wire Desk',
    description: 'News from the wires',
    baseUrl: 'https://example.com/news/',
    basePath: '/news/',
    language: 'en',
    permalink: ':year/:month/:day/:id/',
    pageSize: 10,
    feedSize: 20,
    allowHtml: false,
    typography: true,
    embedHosts: [],
    relatedCount: 3,
    search: false,
    headers: false,
    head: [],
    labels: {},
    dateFormat: { clock: 24, zone: 'offset', timesIn: 'story' },
    output: { swap: false },
    ...overrides,
  };
}

/** The time the fixture stories were written: 25 May 2018, 14:03 at UTC+03:00. */
export const written: DateTime = { epochMs: Date.UTC(2018, 4, 25, 11, 3), offsetMinutes: 180, iso: '2018-05-25T14:03:00+03:00', dateOnly: false };

/** A story without section, topics or tags, its text named after `id`; `overrides` set what a test is about. */
export function storyFixture(id: string, overrides: Partial<LinkedArticle> = {}): LinkedArticle {
  return {
    id,
    source: `${id}.md`,
    displayPath: `stories/${id}.md`,
    digest: '0',
    title: `Headline of ${id}`,
    date: written,
    topics: [],
    tags: [],
    summary: `Summary of ${id}.`,
    related: [],
    body: serializeBody({ type: 'root', children: [h('p', 'Body text.')] }, undefined),
    references: [],
    wordCount: 2,
    readingMinutes: 1,
    places: { id: { line: 1, column: 1 }, topics: [], tags: [] },
    status: 'usable',
    corrections: [],
    path: `2018/05/25/${id}/`,
    linkedIds: [],
    relatedIds: [],
    ...overrides,
  };
}

/** A section, topic or tag at its usual path, holding `count` stories with ids `s0`, `s1`, …. */
export function collectionFixture(kind: Collection['kind'], name: string, slug: string, count: number): Collection {
  const folder = { section: 'sections', topic: 'topics', tag: 'tags' }[kind];
  return { kind, name, slug, path: `${folder}/${slug}/`, feedPath: `${folder}/${slug}/feed.xml`, articleIds: Array.from({ length: count }, (_, i) => `s${i}`) };
}

/** The page chrome around a page at `path` with the site feed and stylesheet; `overrides` set the description or navigation sections. */
export function chromeFixture(config: SiteConfig, path: string, title: string, overrides: Partial<Omit<PageChrome, 'config' | 'path' | 'title'>> = {}): PageChrome {
  return {
    config,
    path,
    title,
    description: 'A page',
    feeds: [{ title: 'Wire Desk', path: 'feed.xml' }],
    sections: [],
    stylesheetPath: 'assets/style.css',
    relativeTimeScriptPath: 'assets/relative-time.js',
    labels: labelSetFor(config),
    ...overrides,
  };
}
