import type { Article } from '../model/article.js';
import type { LinkedArticle, Site } from '../model/site.js';

/**
 * The parts of an article that resolving reads: its id and place in the order, its sections,
 * topics and tags (with where they are written, for messages), the stories it links and names
 * as related, and its copied picture. Two versions with the same key resolve to the same site
 * shape, so an edit that keeps it (a headline, a body, a caption) needs no resolving at all.
 */
export function structureKey(article: Article): string {
  return JSON.stringify([
    article.id,
    article.source,
    article.path,
    article.date.epochMs,
    article.section ?? null,
    article.topics,
    article.tags,
    article.references.map((reference) => [reference.target, reference.kind]),
    article.related.map((related) => related.id),
    article.image?.source ?? null,
    article.places.id,
    article.places.section ?? null,
    article.places.topics,
    article.places.tags,
  ]);
}

/** A copy of the site with some articles replaced by new versions of the same structure (same ids, same order). */
export function replaceArticles(site: Site, replacements: ReadonlyMap<string, Article>): { site: Site; replaced: LinkedArticle[] } {
  const replaced: LinkedArticle[] = [];
  const articles = site.articles.map((old) => {
    const next = replacements.get(old.id);
    if (!next) return old;
    const linked: LinkedArticle = { ...next, linkedIds: old.linkedIds, relatedIds: old.relatedIds };
    replaced.push(linked);
    return linked;
  });
  const byId = new Map(site.byId);
  for (const article of replaced) byId.set(article.id, article);
  return { site: { ...site, articles, byId }, replaced };
}
