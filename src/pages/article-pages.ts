import type { Templates } from '../../templates/table.js';
import { label } from '../labels/fill.js';
import { labelSetFor } from '../labels/select.js';
import type { ArticleView } from '../model/views.js';
import { articlesWithIds, referenceTargets, type Collection, type LinkedArticle, type Site } from '../model/site.js';
import { pageChrome } from './chrome.js';
import { pageHtml } from './page-html.js';
import { collectionNameKey, type Page, type PageDeps } from './page.js';

/**
 * How many of the newest stories the 404 page lists. Story pages list none on purpose: a list of
 * the latest stories on every story page would make each new story change every page of the site.
 */
const latestCount = 5;

/**
 * One page per story, at its permalink. Its dependencies are made when first asked: a publish
 * into a large archive asks them of the few story pages that may read a change (see
 * `storyPagesReading`), not of every story's.
 */
export function articlePages(site: Site, templates: Templates): Page[] {
  const exists = (id: string) => site.byId.has(id);
  const keys = termKeysOf(site);
  // The same reads as `articleView`, found without building the view.
  const depsOf = (article: LinkedArticle): PageDeps => ({ articles: [article.id], teasers: shownIds(article.linkedIds, article.relatedIds, exists), collections: keys(article) });
  return site.articles.map((article) => new ArticlePage(article, depsOf, templates));
}

/** A story's page (see `articlePages`): its path and kind at once, its dependencies when first asked. */
class ArticlePage implements Page {
  readonly path: string;
  readonly kind = 'article';
  readonly render: (current: Site) => string;
  #deps: PageDeps | undefined;
  readonly #article: LinkedArticle;
  readonly #depsOf: (article: LinkedArticle) => PageDeps;

  constructor(article: LinkedArticle, depsOf: (article: LinkedArticle) => PageDeps, templates: Templates) {
    this.path = article.path;
    this.#article = article;
    this.#depsOf = depsOf;
    const id = article.id;
    // An own field, not a method: a page copied with a spread (`{ ...page, deps }`) keeps its render.
    this.render = (current) => {
      const now = current.byId.get(id);
      if (!now) throw new Error(`Story "${id}" is not in the site any more`);
      return pageHtml(templates.article(articleView(current, now), templates));
    };
  }

  get deps(): PageDeps {
    return (this.#deps ??= this.#depsOf(this.#article));
  }
}

/** The ids of the stories a story page shows as links or cards: those of `linked`, then of `related`, that `exist`; `related` itself when that is all of it. */
function shownIds(linked: readonly string[], related: readonly string[], exists: (id: string) => boolean): readonly string[] {
  if (linked.length === 0 && related.every(exists)) return related;
  return [...linked.filter(exists), ...related.filter(exists)];
}

/**
 * One notice page per killed story, at the URL the story had: readers who follow an old link
 * learn it was withdrawn. It reads only the story (and the navigation).
 */
export function withdrawnPages(site: Site, templates: Templates): Page[] {
  return site.withdrawn.map((article): Page => ({
    path: article.path,
    kind: 'withdrawn',
    deps: { articles: [article.id], teasers: [], collections: ['sections'] },
    render: (current) => {
      const now = current.withdrawn.find((candidate) => candidate.id === article.id);
      if (!now) throw new Error(`Story "${article.id}" is not withdrawn any more`);
      const labels = labelSetFor(current.config, now.lang);
      // The killed headline is in the title only when the desk asks: kills are often for legal reasons, and then the headline is the problem.
      const title = now.killNotice?.showHeadline === true ? label(labels, 'withdrawnTitle', { title: now.title }) : label(labels, 'withdrawnHeading');
      return pageHtml(templates.withdrawn({ kind: 'withdrawn', chrome: pageChrome(current, now.path, title, label(labels, 'withdrawn'), [], now.lang), article: now }, templates));
    },
  }));
}

/** The 404 page, served by static hosts for unknown URLs. */
export function notFoundPage(site: Site, templates: Templates): Page {
  const latest = site.articles.slice(0, latestCount).map((article) => article.id);
  return {
    path: '404.html',
    kind: 'not-found',
    deps: { articles: [], teasers: latest, collections: ['sections'] },
    render: (current) => {
      const labels = labelSetFor(current.config);
      const chrome = pageChrome(current, '404.html', label(labels, 'pageNotFound'), label(labels, 'notFoundDescription'));
      return pageHtml(templates.notFound({ kind: 'not-found', chrome, latest: articlesWithIds(current, latest) }, templates));
    },
  };
}

/**
 * The collections a story page reads: the navigation (`sections`), and its section, topics and
 * tags by name and place only (its pills show no story counts, so a story joining one of them
 * leaves this page alone). Each collection's key is made once for the site, not once per story.
 */
function termKeysOf(site: Site): (article: LinkedArticle) => string[] {
  const keysOf = (collections: readonly Collection[]) => new Map(collections.map((collection) => [collection.slug, collectionNameKey(collection.kind, collection.slug)]));
  const [sections, topics, tags] = [keysOf(site.sections), keysOf(site.topics), keysOf(site.tags)];
  return (article) => {
    const keys = ['sections'];
    const add = (key: string | undefined) => {
      if (key !== undefined) keys.push(key);
    };
    if (article.section) add(sections.get(article.section.slug));
    for (const term of article.topics) add(topics.get(term.slug));
    for (const term of article.tags) add(tags.get(term.slug));
    return keys;
  };
}

/** What a story page shows of `article` in `site`: its references, related cards, terms and chrome. */
export function articleView(site: Site, article: LinkedArticle): ArticleView {
  const section = article.section && site.collection('section', article.section.slug);
  const topics = article.topics.flatMap((term) => existingCollection(site.collection('topic', term.slug)));
  const tags = article.tags.flatMap((term) => existingCollection(site.collection('tag', term.slug)));
  const view = {
    kind: 'article' as const,
    article,
    references: referenceTargets(site, article),
    related: articlesWithIds(site, relatedShown(article)),
    ...(section ? { section } : {}),
    topics,
    tags,
  };
  // The head advertises the site's feed and the story's section's, not one per topic and tag: the feeds page lists every feed.
  const feeds = section ? [{ title: `${site.config.title}: ${section.name}`, path: section.feedPath }] : [];
  // The menu marks the story's section as where the reader is.
  const chrome = pageChrome(site, article.path, article.title, article.summary, feeds, article.lang);
  return { ...view, chrome: section ? { ...chrome, within: section.path } : chrome };
}

/** The related stories a story page lists: its related stories but the one its READ MORE callout already points at. */
function relatedShown(article: LinkedArticle): readonly string[] {
  const readMore = new Set(article.references.flatMap((reference, index) => (reference.kind === 'read-more' ? [article.linkedIds[index] ?? ''] : [])));
  return readMore.size === 0 ? article.relatedIds : article.relatedIds.filter((id) => !readMore.has(id));
}

function existingCollection(collection: Collection | undefined): Collection[] {
  return collection ? [collection] : [];
}
