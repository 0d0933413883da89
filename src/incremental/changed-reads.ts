import type { Article } from '../model/article.js';
import type { LinkedArticle, Site } from '../model/site.js';
import type { PageDeps } from '../render/page.js';
import { articleFingerprint, stampFingerprint, teaserFingerprint } from './fingerprints.js';

/** The ids of the articles whose fingerprint of each kind changed since the last build. */
export interface ChangedReads {
  readonly articles: ReadonlySet<string>;
  readonly teasers: ReadonlySet<string>;
  readonly stamps: ReadonlySet<string>;
}

/**
 * What changed for the pages of a site that took the last build's frame (see `SiteFrame`): its
 * pages and their dependencies are the last build's, and so is every fingerprint but those of the
 * stories modelled anew. Each such story is given with its cached version from the last build
 * (undefined when there is none, and then everything about it counts as changed).
 */
export function changedReads(site: Site, anew: Iterable<readonly [now: Article, before: Article | undefined]>): ChangedReads {
  const withdrawn = new Map(site.withdrawn.map((article) => [article.id, article]));
  const changed = { articles: new Set<string>(), teasers: new Set<string>(), stamps: new Set<string>() };
  for (const [now, before] of anew) {
    const linked = site.byId.get(now.id) ?? withdrawn.get(now.id);
    if (!linked || !before || before.id !== now.id) {
      for (const ids of Object.values(changed)) ids.add(now.id);
      continue;
    }
    // The same links and related stories: the frame gave them to both versions.
    const then: LinkedArticle = { ...before, linkedIds: linked.linkedIds, relatedIds: linked.relatedIds };
    if (articleFingerprint(then) !== articleFingerprint(linked)) changed.articles.add(now.id);
    if (teaserFingerprint(then) !== teaserFingerprint(linked)) changed.teasers.add(now.id);
    if (stampFingerprint(then) !== stampFingerprint(linked)) changed.stamps.add(now.id);
  }
  return changed;
}

/** Whether a page reads anything that changed. */
export function readsAnyChange(deps: PageDeps, changed: ChangedReads): boolean {
  return (
    deps.articles.some((id) => changed.articles.has(id)) ||
    deps.teasers.some((id) => changed.teasers.has(id)) ||
    (deps.stamps ?? []).some((id) => changed.stamps.has(id))
  );
}
