import { describe, expect, it } from 'vitest';
import { defaultTemplates } from '../../templates/defaults.js';
import { generateCorpus } from '../../bench/corpus.js';
import { defaultConfig } from '../../src/config.js';
import { changeReaders } from '../../src/incremental/change-readers.js';
import { readsAnyChange, type ChangedReads } from '../../src/incremental/changed-reads.js';
import { collectionFingerprints } from '../../src/incremental/fingerprints.js';
import { withCountsRead } from '../../src/incremental/page-reads.js';
import type { Site } from '../../src/model/site.js';
import { articlePages } from '../../src/pages/article-pages.js';
import { feedPages } from '../../src/pages/feed-pages.js';
import type { Page } from '../../src/pages/page.js';
import { resolveSite } from '../../src/pipeline/resolve.js';
import { articleOf } from '../support/story-file.js';

// Which story pages and feeds may read a change is found from the site, without making any page's
// dependencies: it must name every page whose dependencies (with the counts its group reads)
// name a change, for each kind of change alone (the answer for several is the union).

const corpus = generateCorpus({ stories: 300, seed: 11 }).map((file) => articleOf(file.source, file.text));
// Killed stories stay in their collections' feeds, as notices.
const killed = [0, 1].map((n) => articleOf(`killed-${n}.md`, `---\ntitle: Killed ${n}\ndate: 2022-12-3${n}T10:00:00Z\nstatus: canceled\nsection: World\ntags: [Killed ${n}]\n---\n\nBody.\n`));
const resolved = resolveSite([...corpus, ...killed], defaultConfig, undefined, Date.UTC(2030, 0, 1)).site;
if (!resolved) throw new Error('the fixture should resolve');
const site: Site = resolved;
const storyPages = articlePages(site, defaultTemplates);
const feeds = feedPages(site);
const none = () => new Set<string>();
const change = (parts: Partial<ChangedReads>): ChangedReads => ({ articles: none(), teasers: none(), stamps: none(), collections: none(), ...parts });

/** The pages of `pages` whose dependencies, with the counts of `counts`, name a change of `changed`. */
function readersByDeps(pages: readonly Page[], changed: ChangedReads, counts: readonly string[]): Page[] {
  return pages.filter((page) => readsAnyChange(withCountsRead(page, false, counts).deps, changed));
}

/** Every change of one article or one collection key the site has (each alone). */
const singleChanges: readonly ChangedReads[] = [
  ...[...site.articles.filter((_, position) => position % 7 === 0), ...site.withdrawn].flatMap((article) => [
    change({ articles: new Set([article.id]) }),
    change({ teasers: new Set([article.id]) }),
    change({ stamps: new Set([article.id]) }),
  ]),
  ...[...collectionFingerprints({ liveCount: site.articles.length, sections: site.sections, topics: site.topics, tags: site.tags }).keys()].map((key) => change({ collections: new Set([key]) })),
];
const described = (changed: ChangedReads) => JSON.stringify(changed, (_, value: unknown) => (value instanceof Set ? [...value] : value));

describe('the story pages and feeds that may read a change', () => {
  for (const counts of [[], ['tag'], ['topic', 'section'], ['sections']]) {
    it(`should name every one whose dependencies read it, with the counts of ${JSON.stringify(counts)}`, () => {
      expect(site.withdrawn.length).toBe(2);
      for (const changed of singleChanges) {
        const found = changeReaders(site, changed, { article: counts, feed: counts });
        const pages = readersByDeps(storyPages, changed, counts);
        if (found.storyPages === undefined) expect(pages.length, described(changed)).toBe(storyPages.length);
        else for (const page of pages) expect(found.storyPages.has(page.path), `${page.path} ${described(changed)}`).toBe(true);
        for (const feed of readersByDeps(feeds, changed, counts)) expect(found.feeds === undefined || found.feeds.has(feed.listOf ?? ''), `${feed.path} ${described(changed)}`).toBe(true);
      }
    });
  }

  it('should name only the pages of the changed story and of those that show it, and the feeds it is in, not the archive', () => {
    const story = site.articles.find((article) => site.articles.some((other) => other.relatedIds.includes(article.id)));
    if (!story) throw new Error('the fixture should have a story another names as related');
    const showing = site.articles.filter((other) => other.linkedIds.includes(story.id) || other.relatedIds.includes(story.id));
    const found = changeReaders(site, change({ articles: new Set([story.id]), teasers: new Set([story.id]) }), { article: [], feed: [] });
    expect([...(found.storyPages ?? [])].sort()).toEqual([story, ...showing].map((article) => article.path).sort());
    const termKeys = [story, ...showing].flatMap((article) => [
      article.section && `section/${article.section.slug}`,
      ...article.topics.map((term) => `topic/${term.slug}`),
      ...article.tags.map((term) => `tag/${term.slug}`),
    ]);
    expect([...(found.feeds ?? [])].sort()).toEqual([...new Set(['home', ...termKeys.flatMap((key) => key ?? [])])].sort());
    // A story added to a tag changes its collection: story pages and feeds read its name and place only, besides their stories.
    const tag = site.tags[0];
    if (!tag) throw new Error('the fixture should have tags');
    expect(changeReaders(site, change({ collections: new Set([`tag/${tag.slug}`, 'home', 'tag-index']) }), { article: [], feed: [] })).toEqual({ storyPages: new Set(), feeds: new Set() });
    expect(changeReaders(site, change({ collections: new Set(['sections']) }), { article: [], feed: [] }).storyPages).toBeUndefined();
  });
});
