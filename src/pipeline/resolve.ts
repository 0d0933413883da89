import type { VFileMessage } from 'vfile-message';
import type { Article } from '../model/article.js';
import type { SiteConfig } from '../model/config.js';
import { byNewest, siteWithLookup, type LinkedArticle, type Site } from '../model/site.js';
import { menuSectionProblems } from '../model/menu.js';
import { problem } from '../report/problem.js';
import { collectionsOf } from './collections.js';
import { linkArticles, noneLeftOut, type LeftOut, type LinkLookup } from './link.js';
import { computeRelated } from './related.js';
import { scheduleOf, visibilityAt } from './visibility.js';

/** Stories left out of resolving (see `LeftOut` in `link.ts`, which reads them). */
export type { LeftOut } from './link.js';

/** The resolve stage's result: the site (absent when a reference cannot be resolved) and messages. */
export interface ResolveResult {
  readonly site?: Site;
  readonly messages: readonly VFileMessage[];
  /** Embargoed and withheld stories at `now`, linked like the others but on no page (what `dev --drafts` shows). */
  readonly hidden?: readonly LinkedArticle[];
}

/**
 * Put the articles together into a site as it is at `now`: check ids are unique (a story reusing
 * the id of one `published` by the last build is the one named), split them by visibility, put
 * the live ones in the default order, link them (`linkArticles`: body references and `related`
 * ids, computed for a story that names none) and build their section, topic and tag collections
 * (`collectionsOf`).
 * Embargoed and withheld stories are checked like the others but appear nowhere; killed ones
 * only as notices (`Site.withdrawn`). A link or `related` entry naming either is shown as text.
 */
export function resolveSite(articles: readonly Article[], config: SiteConfig, leftOut: LeftOut = noneLeftOut, now: number = Date.now(), published: Published = neverPublished): ResolveResult {
  const messages: VFileMessage[] = [];
  const byId = new Map<string, Article>();
  const bySource = new Map<string, Article>();
  for (const article of bySourcePath(articles)) {
    // Every story is known by its file, a duplicate too: a link to it is not one to a story that does not exist.
    bySource.set(article.source, article);
    const taken = byId.get(article.id);
    if (!taken) byId.set(article.id, article);
    else byId.set(article.id, duplicateId(taken, article, published, messages));
  }
  const visibility = visibilityAt([...byId.values()], now);
  const shown = new Set(visibility.live);
  const live = [...visibility.live].sort(byNewest);
  // For stories that name none: computed from the live stories only, so a hidden or killed story is never related.
  const computedRelated = computeRelated(live, config.relatedCount);

  const lookup: LinkLookup = { bySource, byId, shown, computedRelated, leftOut };
  // Stories not shown are linked too, for their messages: an embargoed story's broken link is found before it goes out.
  const hidden = linkArticles(visibility.hidden, lookup, messages);
  const withdrawn = linkArticles([...visibility.withdrawn].sort(byNewest), lookup, messages);
  const linked = linkArticles(live, lookup, messages);

  const collections = collectionsOf(linked, messages);
  if (messages.some((message) => message.fatal === true)) return { messages };
  messages.push(...menuSectionProblems(config, collections.section));
  const linkedById = new Map(linked.map((article) => [article.id, article]));
  const site: Site = siteWithLookup({
    config,
    articles: linked,
    byId: linkedById,
    sections: collections.section,
    topics: collections.topic,
    tags: collections.tag,
    usedAssets: [...new Set(linked.flatMap((article) => (article.image?.source ? [article.image.source] : [])))].sort(),
    withdrawn,
    schedule: scheduleOf(visibility, linked, now),
  });
  return { site, messages, hidden };
}

/** Whether the last build published a story (its page is live): a story reusing its id is the one left out. */
export type Published = (article: Article) => boolean;

/** No story known to be published (no last build to tell). */
export const neverPublished: Published = () => false;

/**
 * Report two stories with one id, and return the one that keeps it: when exactly one of them is
 * published, only the newcomer is named (the published story stays at its URL); otherwise both are.
 */
function duplicateId(taken: Article, article: Article, published: Published, messages: VFileMessage[]): Article {
  const [wasTaken, wasArticle] = [published(taken), published(article)];
  if (wasTaken !== wasArticle) {
    const [kept, newcomer] = wasTaken ? [taken, article] : [article, taken];
    const reason = `Duplicate story id "${kept.id}", already used by ${kept.displayPath}, which is published and stays; expected each story to have its own id (give this one another)`;
    messages.push(problem('duplicate-id', reason, newcomer.displayPath, newcomer.places.id));
    return kept;
  }
  messages.push(problem('duplicate-id', `Duplicate story id "${article.id}", also used by ${taken.displayPath}, expected each story to have its own id`, article.displayPath, article.places.id));
  messages.push(problem('duplicate-id', `Duplicate story id "${article.id}", also used by ${article.displayPath}, expected each story to have its own id`, taken.displayPath, taken.places.id));
  return taken;
}

/** The articles in story-path order (a build hands them over in that order already: then no sort is needed). */
function bySourcePath(articles: readonly Article[]): readonly Article[] {
  const sorted = articles.every((article, index) => index === 0 || (articles[index - 1] as Article).source < article.source);
  return sorted ? articles : [...articles].sort((a, b) => (a.source < b.source ? -1 : 1));
}
