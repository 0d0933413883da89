import type { Article } from '../model/article.js';
import type { SiteConfig } from '../model/config.js';
import type { LinkedArticle, Site } from '../model/site.js';
import { linkedArticleOf } from '../store/lazy-article.js';
import { siteFromFrame, type SiteFrame } from './site-frame.js';

/**
 * The last resolution of a site's stories, reused while every story keeps its shape (see
 * `storyShape`): new versions of them resolve to the same order, links, related stories and
 * collections. `build` reads it from its cache as a frame (nothing else outlives the process);
 * `dev` keeps the site it gave in memory, with where each story stands, so that new versions of a
 * few stories cost as many at any size of archive.
 */
export type Resolution = StoredResolution | KeptResolution;

/** A resolution read from the store: the frame, and the settings to make a site of it. */
export interface StoredResolution {
  readonly frame: SiteFrame;
  readonly config: SiteConfig;
}

/**
 * A resolution kept in memory: the site, where each live story stands in its order, and its
 * lookup by id, which the holder owns and `reuseResolution` updates in place.
 */
export interface KeptResolution {
  readonly site: Site;
  readonly positions: ReadonlyMap<string, number>;
  readonly byId: Map<string, LinkedArticle>;
}

/** Keep a resolved site in memory (see `KeptResolution`): its positions and a lookup of its own. */
export function keptResolution(site: Site): KeptResolution {
  const byId = new Map(site.byId);
  return { site: { ...site, byId }, positions: new Map(site.articles.map((article, index) => [article.id, index])), byId };
}

/**
 * The site a resolution gave, with the stories as they are now (`versions`, by id), each with the
 * links and related stories resolving gave it: from the store, every story of the frame must be
 * among the versions (the site is made anew); kept in memory, the versions replace the stories they
 * are new versions of, in place, at a cost proportional to the versions. Undefined when a story
 * the resolution names is missing, or a version is of a story that is not live in it: then resolve
 * the site. The caller vouches that every version kept its story's shape.
 */
export function reuseResolution(resolution: Resolution, versions: ReadonlyMap<string, Article>): Site | undefined {
  if ('frame' in resolution) return siteFromFrame(resolution.frame, versions, resolution.config);
  const { site, positions, byId } = resolution;
  for (const id of versions.keys()) {
    const index = positions.get(id);
    if (index === undefined || site.articles[index]?.id !== id) return undefined;
  }
  const articles = site.articles.slice();
  for (const [id, next] of versions) {
    const index = positions.get(id) as number;
    const old = articles[index] as LinkedArticle;
    const linked = linkedArticleOf(next, old.linkedIds, old.relatedIds);
    articles[index] = linked;
    byId.set(id, linked);
  }
  return { ...site, articles, byId };
}
