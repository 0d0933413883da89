import { hash } from 'node:crypto';
import type { Article } from '../model/article.js';

/**
 * A digest of the parts of an article that resolving reads: its id and place in the order, its
 * sections, topics and tags (with where they are written, for messages), the stories it links and
 * names as related (or that it names none, so they are computed from its terms and date), its
 * copied picture, and its embargo and status (whether it is shown at all). Two versions with the
 * same shape resolve to the same site, so an edit that keeps it (a headline, a body, a caption)
 * needs no resolving at all: `build` compares shapes across builds (in its cache), `dev` across saves.
 */
export function storyShape(article: Article): string {
  return hash('sha1', JSON.stringify(resolvedParts(article)), 'base64');
}

/** A digest of the shapes of every story, in story-path order: equal digests resolve to the same site frame. */
export function siteShape(shapes: Iterable<string>): string {
  return hash('sha1', [...shapes].join('\n'), 'base64');
}

function resolvedParts(article: Article): unknown[] {
  return [
    article.id,
    article.source,
    article.path,
    article.date.epochMs,
    article.section ?? null,
    article.topics,
    article.tags,
    article.references.map((reference) => [reference.target, reference.kind]),
    // null (computed from the terms above) differs from [] (none, on purpose).
    article.related?.map((related) => related.id) ?? null,
    article.image?.source ?? null,
    article.embargo?.epochMs ?? null,
    article.status,
    article.places.id,
    article.places.section ?? null,
    article.places.topics,
    article.places.tags,
  ];
}
