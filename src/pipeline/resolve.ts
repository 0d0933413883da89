import type { VFileMessage } from 'vfile-message';
import type { Article, Point, Term, TermKind } from '../model/article.js';
import type { SiteConfig } from '../model/config.js';
import { newsWindowSpan } from '../model/news-window.js';
import { byNewest, collectionFolders, siteWithLookup, type Collection, type LinkedArticle, type Schedule, type Site } from '../model/site.js';
import { problem } from '../report/problem.js';
import { computeRelated } from './related.js';
import { visibilityAt, type Visibility } from './visibility.js';
import { linkedArticleOf } from '../store/lazy-article.js';
import { menuSectionProblems } from '../model/menu.js';

/** The resolve stage's result: the site (absent when a reference cannot be resolved) and messages. */
export interface ResolveResult {
  readonly site?: Site;
  readonly messages: readonly VFileMessage[];
  /** Embargoed and withheld stories at `now`, linked like the others but on no page (what `dev --drafts` shows). */
  readonly hidden?: readonly LinkedArticle[];
}

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
      messages.push(problem('reference-to-broken-story', `The link points at ${broken}, which has errors of its own (reported on that file): shown as text until they are fixed`, article.displayPath, reference.place));
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
      messages.push(problem('reference-to-broken-story', `Related story "${id}" is ${broken}, which has errors of its own (reported on that file): left out of the related stories until they are fixed`, article.displayPath, place));
      return '';
    }
    if (!target) messages.push(problem('dangling-related', `Related story "${id}" does not exist, expected the id of another story`, article.displayPath, place));
    else if (id === article.id) messages.push(problem('self-reference', 'The story names itself as related, expected another story', article.displayPath, place));
    else if (!shown.has(target)) return '';
    return id;
  });
  return linkedArticleOf(article, linkedIds, relatedIds);
}

/**
 * Put the articles together into a site as it is at `now`: check ids are unique (a story reusing
 * the id of one `published` by the last build is the one named), resolve body
 * references and `related` ids (or compute them for a story that names none), and build the
 * section, topic and tag collections (newest first).
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
  const linkAll = (article: Article): LinkedArticle => linkArticle(article, lookup, messages);
  // Stories not shown are linked too, for their messages: an embargoed story's broken link is found before it goes out.
  const hidden = visibility.hidden.map(linkAll);
  const withdrawn = [...visibility.withdrawn].sort(byNewest).map(linkAll);
  const linked = live.map(linkAll);

  const collections = {
    section: collect(linked, 'section', messages),
    topic: collect(linked, 'topic', messages),
    tag: collect(linked, 'tag', messages),
  };
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

/**
 * The embargoes around `now` and the span of time the site is right for: while the same stories
 * are visible, and (the news sitemap changing as stories enter and leave its two-day window)
 * while the same live stories are in that window.
 */
export function scheduleOf(visibility: Visibility, live: readonly Pick<Article, 'date'>[], now: number): Schedule {
  return { window: narrowest(visibility.window, newsWindowSpan(live, now)), ...(visibility.nextEmbargo ? { nextEmbargo: visibility.nextEmbargo } : {}) };
}

/** The span of time inside both spans. */
function narrowest(a: { from: number; until: number }, b: { from: number; until: number }): { from: number; until: number } {
  return { from: Math.max(a.from, b.from), until: Math.min(a.until, b.until) };
}

/** The articles in story-path order (a build hands them over in that order already: then no sort is needed). */
function bySourcePath(articles: readonly Article[]): readonly Article[] {
  const sorted = articles.every((article, index) => index === 0 || (articles[index - 1] as Article).source < article.source);
  return sorted ? articles : [...articles].sort((a, b) => (a.source < b.source ? -1 : 1));
}

const noTerms: readonly Term[] = [];

/** An article's terms of one kind, in the order written (a section only where it is written). */
export function termsOf(article: Article, kind: TermKind): readonly Term[] {
  if (kind === 'section') return article.section && article.places.section ? [article.section] : noTerms;
  return kind === 'topic' ? article.topics : article.tags;
}

/** Where the article writes its term of `kind` at `index`. */
function placeOf(article: Article, kind: TermKind, index: number): Point {
  const { places } = article;
  const place = kind === 'section' ? places.section : (kind === 'topic' ? places.topics : places.tags)[index];
  return place ?? { line: 1, column: 1 };
}

/** Group articles (already in default order) by term slug; differing spellings merge under the first, with a warning. */
function collect(articles: readonly Article[], kind: TermKind, messages: VFileMessage[]): Collection[] {
  const groups = new Map<string, { name: string; ids: string[]; firstUse: string }>();
  for (const article of articles) {
    const terms = termsOf(article, kind);
    for (let index = 0; index < terms.length; index++) {
      const term = terms[index] as Term;
      const group = groups.get(term.slug);
      if (!group) {
        groups.set(term.slug, { name: term.name, ids: [article.id], firstUse: article.displayPath });
        continue;
      }
      if (group.name !== term.name) {
        messages.push(
          problem('slug-collision', `${capitalize(kind)} "${term.name}" shares its URL with "${group.name}" (used in ${group.firstUse}), expected one spelling; filed under "${group.name}"`, article.displayPath, placeOf(article, kind, index)),
        );
      }
      // Articles come one at a time: a slug written twice in one article (two spellings) lists it once.
      if (group.ids[group.ids.length - 1] !== article.id) group.ids.push(article.id);
    }
  }
  return [...groups.entries()].map(([slug, group]) => collectionOf(kind, slug, group.name, group.ids)).sort(collectionOrder);
}

/** The collection of a section, topic or tag: its name, where its pages and feed are, its stories (newest first). */
export function collectionOf(kind: TermKind, slug: string, name: string, articleIds: readonly string[]): Collection {
  const folder = collectionFolders[kind];
  return { kind, name, slug, path: `${folder}/${encodeURIComponent(slug)}/`, feedPath: `${folder}/${encodeURIComponent(slug)}/feed.xml`, articleIds };
}

/** The order of a kind's collections: by name, then by slug. */
export function collectionOrder(a: Collection, b: Collection): number {
  return byName.compare(a.name, b.name) || (a.slug < b.slug ? -1 : 1);
}

// One collator for every comparison: `localeCompare` with a locale builds a new one each call.
const byName = new Intl.Collator('en');

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
