import type { VFileMessage } from 'vfile-message';
import type { Article } from '../model/article.js';
import type { LinkedArticle } from '../model/site.js';
import { problem } from '../report/problem.js';
import { linkedArticleOf } from '../store/lazy-article.js';

/**
 * Stories left out of resolving because errors name them (they did not parse, or `--keep-going`
 * left them out), by source path and by id, each to its display path: a link or `related` entry
 * pointing at one is shown as text, with a note that points at the story's own errors (which
 * are what to fix, and are counted once).
 */
export interface LeftOut {
  readonly sources: ReadonlyMap<string, string>;
  readonly ids: ReadonlyMap<string, string>;
}

/** No story left out. */
export const noneLeftOut: LeftOut = { sources: new Map(), ids: new Map() };

/** What linking a story reads of the site: every story by source path and by id, which are shown, the computed related stories. */
export interface LinkLookup {
  readonly bySource: ReadonlyMap<string, Article>;
  readonly byId: ReadonlyMap<string, Article>;
  readonly shown: ReadonlySet<Article>;
  /** Related stories computed for the stories that name none (see `computeRelated`). */
  readonly computedRelated: ReadonlyMap<string, readonly string[]>;
  readonly leftOut: LeftOut;
}

/**
 * The link stage: each story with its body references and `related` ids resolved (see
 * `linkArticle`), in the order given; problems are added to `messages`. Resolving a site and
 * extending the last build's site with new stories both link through it.
 */
export function linkArticles(articles: readonly Article[], lookup: LinkLookup, messages: VFileMessage[]): LinkedArticle[] {
  return articles.map((article) => linkArticle(article, lookup, messages));
}

/**
 * Resolve one story's body references and `related` ids to the ids of shown stories (`''` where
 * a target is not shown, or left out), or take its computed related stories when it names none;
 * a target that does not exist, or the story itself, adds an error to `messages`; a left-out one
 * (see `LeftOut`), a warning.
 */
export function linkArticle(article: Article, lookup: LinkLookup, messages: VFileMessage[]): LinkedArticle {
  const { bySource, byId, shown, computedRelated, leftOut } = lookup;
  const linkedIds = article.references.map((reference) => {
    const target = bySource.get(reference.target);
    const broken = target ? undefined : leftOut.sources.get(reference.target);
    if (broken !== undefined) {
      messages.push(
        problem(
          'reference-to-broken-story',
          `The link points at ${broken}, which has errors of its own (reported on that file): shown as text until they are fixed`,
          article.displayPath,
          reference.place,
        ),
      );
      return '';
    }
    if (!target) {
      messages.push(problem('dangling-reference', `Story "${reference.target}" does not exist, expected a story file in the stories folder`, article.displayPath, reference.place));
      return '';
    }
    if (target === article) messages.push(problem('self-reference', 'The story links to itself, expected a link to another story', article.displayPath, reference.place));
    return shown.has(target) ? target.id : '';
  });
  if (!article.related) return linkedArticleOf(article, linkedIds, computedRelated.get(article.id) ?? []);
  const relatedIds = article.related.map(({ id, place }) => {
    const target = byId.get(id);
    const broken = target ? undefined : leftOut.ids.get(id);
    if (broken !== undefined) {
      messages.push(
        problem(
          'reference-to-broken-story',
          `Related story "${id}" is ${broken}, which has errors of its own (reported on that file): left out of the related stories until they are fixed`,
          article.displayPath,
          place,
        ),
      );
      return '';
    }
    if (!target) messages.push(problem('dangling-related', `Related story "${id}" does not exist, expected the id of another story`, article.displayPath, place));
    else if (id === article.id) messages.push(problem('self-reference', 'The story names itself as related, expected another story', article.displayPath, place));
    else if (!shown.has(target)) return '';
    return id;
  });
  return linkedArticleOf(article, linkedIds, relatedIds);
}
