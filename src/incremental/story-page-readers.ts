import type { TermKind } from '../model/article.js';
import type { Site } from '../model/site.js';
import type { ChangedReads } from './changed-reads.js';

/** How a collection key of a name and place only starts (see `collectionNameKey`). */
const namePrefix = 'name:';

const termKinds: ReadonlySet<string> = new Set<TermKind>(['section', 'topic', 'tag']);

/**
 * The paths of the story pages that may read a change of `changed`, found from the site alone (no
 * story page's dependencies are made, see `articlePages`): the pages of the stories read in full
 * that changed, of those that link or name as related a story whose teaser changed, and of those
 * filed under a collection whose name and place changed or, for the kinds of `counts` (those
 * whose story counts story pages read, see `withCountsRead`), whose stories changed. Undefined
 * when every story page may (the navigation changed). The others read nothing that changed.
 */
export function storyPagesReading(site: Site, changed: ChangedReads, counts: readonly string[]): ReadonlySet<string> | undefined {
  if (changed.collections.has('sections') || (counts.includes('sections') && changed.collections.has('section-index'))) return undefined;
  const ids = new Set(changed.articles);
  for (const key of changed.collections) {
    const term = key.startsWith(namePrefix) ? key.slice(namePrefix.length) : key;
    const slash = term.indexOf('/');
    const kind = term.slice(0, slash);
    if (slash < 0 || !termKinds.has(kind) || (term === key && !counts.includes(kind))) continue;
    for (const id of site.collection(kind as TermKind, term.slice(slash + 1))?.articleIds ?? []) ids.add(id);
  }
  if (changed.teasers.size > 0) {
    for (const article of site.articles) if (anyIn(article.linkedIds, changed.teasers) || anyIn(article.relatedIds, changed.teasers)) ids.add(article.id);
  }
  const paths = new Set<string>();
  for (const id of ids) {
    const article = site.byId.get(id);
    if (article) paths.add(article.path);
  }
  return paths;
}

function anyIn(ids: readonly string[], set: ReadonlySet<string>): boolean {
  for (const id of ids) if (set.has(id)) return true;
  return false;
}
