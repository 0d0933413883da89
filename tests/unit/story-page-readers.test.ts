import { describe, expect, it } from 'vitest';
import { defaultTemplates } from '../../templates/defaults.js';
import { generateCorpus } from '../../bench/corpus.js';
import { defaultConfig } from '../../src/config.js';
import { readsAnyChange, type ChangedReads } from '../../src/incremental/changed-reads.js';
import { collectionFingerprints } from '../../src/incremental/fingerprints.js';
import { withCountsRead } from '../../src/incremental/page-reads.js';
import { storyPagesReading } from '../../src/incremental/story-page-readers.js';
import type { Site } from '../../src/model/site.js';
import { articlePages } from '../../src/pages/article-pages.js';
import { resolveSite } from '../../src/pipeline/resolve.js';
import { articleOf } from '../support/story-file.js';

// Which story pages may read a change is found from the site, without making any page's
// dependencies: it must name every page whose dependencies (with the counts its group reads)
// name a change, for each kind of change alone (the answer for several is the union).

const corpus = generateCorpus({ stories: 300, seed: 11 }).map((file) => articleOf(file.source, file.text));
const resolved = resolveSite(corpus, defaultConfig, undefined, Date.UTC(2030, 0, 1)).site;
if (!resolved) throw new Error('the fixture should resolve');
const site: Site = resolved;
const pages = articlePages(site, defaultTemplates);
const none = () => new Set<string>();
const change = (parts: Partial<ChangedReads>): ChangedReads => ({ articles: none(), teasers: none(), stamps: none(), collections: none(), ...parts });

/** The paths of the story pages whose dependencies, with the counts of `counts`, name a change of `changed`. */
function readersByDeps(changed: ChangedReads, counts: readonly string[]): string[] {
  return pages.filter((page) => readsAnyChange(withCountsRead(page, false, counts).deps, changed)).map((page) => page.path);
}

/** Every change of one article or one collection key the site has (each alone). */
const singleChanges: readonly ChangedReads[] = [
  ...site.articles
    .filter((_, position) => position % 7 === 0)
    .flatMap((article) => [change({ articles: new Set([article.id]) }), change({ teasers: new Set([article.id]) }), change({ stamps: new Set([article.id]) })]),
  ...[...collectionFingerprints({ liveCount: site.articles.length, sections: site.sections, topics: site.topics, tags: site.tags }).keys()].map((key) => change({ collections: new Set([key]) })),
];

describe('the story pages that may read a change', () => {
  for (const counts of [[], ['tag'], ['topic', 'section'], ['sections']]) {
    it(`should name every story page whose dependencies read it, with the counts of ${JSON.stringify(counts)}`, () => {
      for (const changed of singleChanges) {
        const found = storyPagesReading(site, changed, counts);
        const readers = readersByDeps(changed, counts);
        if (found === undefined)
          expect(
            readers.length,
            JSON.stringify(changed, (_, value: unknown) => (value instanceof Set ? [...value] : value)),
          ).toBe(pages.length);
        else for (const path of readers) expect(found.has(path), path).toBe(true);
      }
    });
  }

  it('should name only the pages of the changed story and of those that show it, not the archive', () => {
    const story = site.articles.find((article) => site.articles.some((other) => other.relatedIds.includes(article.id)));
    if (!story) throw new Error('the fixture should have a story another names as related');
    const showing = site.articles.filter((other) => other.linkedIds.includes(story.id) || other.relatedIds.includes(story.id)).map((other) => other.path);
    const found = storyPagesReading(site, change({ articles: new Set([story.id]), teasers: new Set([story.id]) }), []);
    expect([...(found ?? [])].sort()).toEqual([story.path, ...showing].sort());
    // A story added to a tag changes its collection: story pages read its name and place only.
    const tag = site.tags[0];
    if (!tag) throw new Error('the fixture should have tags');
    expect(storyPagesReading(site, change({ collections: new Set([`tag/${tag.slug}`, 'home', 'tag-index']) }), [])).toEqual(new Set());
    expect(storyPagesReading(site, change({ collections: new Set(['sections']) }), [])).toBeUndefined();
  });
});
