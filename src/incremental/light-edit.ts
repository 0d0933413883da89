import type { Article } from '../model/article.js';
import type { LinkedArticle, Site } from '../model/site.js';

/**
 * The parts of an article that resolving reads: its id and place in the order, its sections,
 * topics and tags (with where they are written, for messages), the stories it links and names
 * as related (or that it names none, so they are computed from its terms and date), its copied
 * picture, and its embargo and status (whether it is shown at all). Two versions with the same key
 * resolve to the same site shape, so an edit that keeps it (a headline, a body, a caption) needs
 * no resolving at all.
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
    // null (computed from the terms above) differs from [] (none, on purpose).
    article.related?.map((related) => related.id) ?? null,
    article.image?.source ?? null,
    article.embargo?.epochMs ?? null,
    article.status,
    article.places.id,
    article.places.section ?? null,
    article.places.topics,
    article.places.tags,
  ]);
}

/** Where each article stands in a site's default order, to replace it without a search. */
export function positionsOf(site: Site): Map<string, number> {
  return new Map(site.articles.map((article, index) => [article.id, index]));
}

/**
 * The site with some articles replaced by new versions of the same structure (same ids, same
 * order): a new site value whose article list is a copy, while `byId` — a map the caller owns and
 * hands in — is updated in place, so an edit costs the same in a site of any size.
 */
export function replaceArticles(
  site: Site,
  replacements: ReadonlyMap<string, Article>,
  positions: ReadonlyMap<string, number>,
  byId: Map<string, LinkedArticle>,
): { site: Site; replaced: LinkedArticle[] } {
  const replaced: LinkedArticle[] = [];
  const articles = site.articles.slice();
  for (const [id, next] of replacements) {
    const index = positions.get(id);
    const old = index === undefined ? undefined : articles[index];
    if (index === undefined || !old || old.id !== id) throw new Error(`Story "${id}" is not where the site says it is`);
    const linked: LinkedArticle = { ...next, linkedIds: old.linkedIds, relatedIds: old.relatedIds };
    articles[index] = linked;
    byId.set(id, linked);
    replaced.push(linked);
  }
  return { site: { ...site, articles, byId }, replaced };
}
