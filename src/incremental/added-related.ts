import type { Article } from '../model/article.js';
import type { Collection } from '../model/site.js';
import { termsOf } from '../pipeline/collections.js';
import { computeRelated, relatedWindow } from '../pipeline/related.js';

// The related stories that adding stories to the last build's frame changes (see `extendFrame`):
// those of the new stories, and of the older ones a new story dated before them may join.

/** The older live stories (named no related stories) that a new story, dated before them, shares a topic or a tag with. */
export function relatedAffected(added: readonly Article[], collections: Readonly<Record<'topic' | 'tag', readonly Collection[]>>, byId: ReadonlyMap<string, Article>): Article[] {
  const addedIds = new Set(added.map((article) => article.id));
  const affected = new Map<string, Article>();
  for (const kind of ['topic', 'tag'] as const) {
    const bySlug = new Map(collections[kind].map((collection) => [collection.slug, collection]));
    for (const slug of new Set(added.flatMap((article) => termsOf(article, kind).map((term) => term.slug)))) {
      const ids = bySlug.get(slug)?.articleIds ?? [];
      // Newest first: the stories before the last new one are the newer ones it may become related to.
      const lastAdded = ids.findLastIndex((id) => addedIds.has(id));
      for (const id of ids.slice(0, Math.max(0, lastAdded))) {
        const story = byId.get(id);
        if (story && !addedIds.has(id) && story.related === undefined) affected.set(id, story);
      }
    }
  }
  return [...affected.values()];
}

/**
 * The related stories of `stories` (the new ones and the older ones they may be related to),
 * computed as for the whole site (see `computeRelated`): a story's candidates are the
 * `relatedWindow` stories after it in the collection of each of its topics and tags (the
 * `collections`, their ids in the default order), so the live stories outside those windows can
 * be left out of the computation. Undefined when a story's topic or tag has no collection.
 */
export function relatedOf(
  stories: readonly Article[],
  collections: Readonly<Record<'topic' | 'tag', readonly Collection[]>>,
  byId: ReadonlyMap<string, Article>,
  count: number,
): ReadonlyMap<string, readonly string[]> | undefined {
  const bySlug = { topic: new Map(collections.topic.map((collection) => [collection.slug, collection])), tag: new Map(collections.tag.map((collection) => [collection.slug, collection])) };
  const candidates = new Map<string, Article>(stories.map((article) => [article.id, article]));
  for (const story of stories) {
    for (const kind of ['topic', 'tag'] as const) {
      for (const term of termsOf(story, kind)) {
        const ids = bySlug[kind].get(term.slug)?.articleIds;
        const at = ids?.indexOf(story.id) ?? -1;
        if (!ids || at < 0) return undefined;
        for (const id of ids.slice(at + 1, at + 1 + relatedWindow)) {
          const candidate = byId.get(id);
          if (!candidate) return undefined;
          candidates.set(id, candidate);
        }
      }
    }
  }
  return computeRelated([...candidates.values()], count, relatedWindow, new Set(stories.map((article) => article.id)));
}
