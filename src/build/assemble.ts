import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { defaultTemplates } from '../../templates/defaults.js';
import type { Templates } from '../../templates/table.js';
import { shapesOf, type StoryShapes } from '../incremental/added-stories.js';
import { extendFrame, type ExtendedSite } from '../incremental/frame-additions.js';
import type { SiteFrame } from '../incremental/site-frame.js';
import { reuseResolution } from '../incremental/resolution.js';
import type { Article } from '../model/article.js';
import type { SiteConfig } from '../model/config.js';
import type { LinkedArticle, Site } from '../model/site.js';
import type { Page } from '../pages/page.js';
import { filePathOf } from '../model/urls.js';
import type { CachedPage } from '../store/build-cache.js';
import { newPathsCollide, pathCollisions } from '../pipeline/collisions.js';
import { planSite } from '../pipeline/plan.js';
import { articlesOf, assembleSite } from '../pipeline/index.js';
import type { ModelResult } from '../pipeline/model.js';
import type { LeftOut, Published } from '../pipeline/resolve.js';
import { ownPathProblems, withSiteFiles, type SiteFiles } from '../pipeline/site-files.js';
import { wholeArticle } from '../store/lazy-article.js';
import { publishedBefore } from '../store/published.js';
import { fromPlainMessage } from '../store/serialize.js';
import type { StoriesRead, StoryName } from './read.js';
import type { BuildSetup } from './setup.js';

// Assemble, the second phase of a build: the site and its pages from the stories read, by
// reusing the last build's resolution (every story kept its shape), extending it (stories
// added), or resolving the site in full, leaving broken stories out with `--keep-going`.

/** The site a build assembled: its pages when nothing was fatal, every message, and the stories left out. */
export interface AssembledSite {
  readonly site?: Site;
  readonly pages?: readonly Page[];
  readonly messages: readonly VFileMessage[];
  /** The messages of resolving and planning alone (part of `messages`; none of the stories' own), once there is a site. */
  readonly siteMessages?: readonly VFileMessage[];
  /** With `keepGoing`: the story files left out because a message names them as broken (display paths, sorted). */
  readonly leftOut: readonly string[];
  /** Stories on no page at the instant built for (embargoed, withheld), linked: only `dev --drafts` shows them. */
  readonly hidden?: readonly LinkedArticle[];
}

/** How to resolve a site in full. */
export interface ResolveInFullOptions {
  /** Leave out every story that an error names and build the rest (`--keep-going`). */
  readonly keepGoing?: boolean;
  /** Every story file, to know which messages name a story (needed with `keepGoing`). */
  readonly stories?: readonly StoryName[];
  /** The build's instant (epoch milliseconds) for embargoes and the news sitemap; the clock when absent. */
  readonly now?: number;
  /** Which stories the last build published: of two with one id, the other is the broken one (see `resolveSite`). */
  readonly published?: Published;
  /** The templates to render pages with: the defaults unless the site overrides some. */
  readonly templates?: Templates;
}

/**
 * Resolve and plan a site from per-story results (fresh or cached), adding `extra` messages
 * (from loading). With `keepGoing`, a story that an error names is left out and the rest is
 * resolved again, until no story is broken: links to a left-out story show as text.
 */
export function resolveInFull(results: readonly ModelResult[], extra: readonly VFileMessage[], config: SiteConfig, files: SiteFiles, options: ResolveInFullOptions = {}): AssembledSite {
  const { articles, messages } = articlesOf(results, extra);
  const stories = new Map((options.stories ?? []).map((story) => [story.displayPath, story]));
  const brokenStories = (found: readonly VFileMessage[]) => found.flatMap((message) => (message.fatal === true && message.file && stories.has(message.file) ? [message.file] : []));
  const broken = new Set(options.keepGoing ? brokenStories(messages) : []);
  const now = options.now ?? Date.now();
  const unparsed = unparsedStories(messages, articles);
  for (;;) {
    const kept = broken.size === 0 ? results : results.filter((result) => result.article !== undefined && !broken.has(result.article.displayPath));
    const leftOut = leftOutOf(new Set([...unparsed, ...broken]), stories, articles);
    const round = assembleSite(kept.map(articleOnly), [], config, files, {
      leftOut,
      now,
      ...(options.published ? { published: options.published } : {}),
      ...(options.templates ? { templates: options.templates } : {}),
    });
    const found = round.siteMessages;
    const newlyBroken = options.keepGoing ? brokenStories(found).filter((file) => !broken.has(file)) : [];
    if (newlyBroken.length > 0) {
      // Keep only what explains why these stories are left out: the rest is found again next round.
      messages.push(...found.filter((message) => message.fatal === true && newlyBroken.includes(message.file ?? '')));
      for (const file of newlyBroken) broken.add(file);
      continue;
    }
    messages.push(...found);
    const fatal = messages.some((message) => message.fatal === true && !broken.has(message.file ?? ''));
    const leftOutFiles = [...broken].sort();
    if (!round.site || !round.pages || fatal) return { messages, leftOut: leftOutFiles };
    return { site: round.site, pages: round.pages, messages, siteMessages: found, leftOut: leftOutFiles, ...(round.hidden ? { hidden: round.hidden } : {}) };
  }
}

/** What reusing or extending the last resolution assembles a site with, besides the stories. */
export interface AssemblyInputs {
  /** Messages reported before assembling (settings, unreadable files), put first. */
  readonly extra: readonly VFileMessage[];
  readonly config: SiteConfig;
  readonly files: SiteFiles;
  /** The build's instant (epoch milliseconds). */
  readonly now: number;
  /** The templates to plan pages with: the defaults unless the site overrides some. */
  readonly templates?: Templates | undefined;
  /** The pages of the build the frame is of, by file (the cache index's): only other pages' paths are checked for collisions, when given. */
  readonly lastPages?: ReadonlyMap<string, CachedPage> | undefined;
}

/** Each page's file, and the last build's entry for it (see `AssemblyInputs.lastPages`), in the order of the pages. */
export interface PageFiles {
  readonly files: readonly string[];
  readonly last: readonly (CachedPage | undefined)[];
}

/**
 * What `resolveInFull` gives, without resolving: the site of `frame` (see `SiteFrame`) with the
 * articles of `results`, when those are the stories the frame was resolved from or others of the
 * same shape (the caller checks `siteShape`); undefined when a story the frame names is missing.
 */
export function assembleFromFrame(results: readonly ModelResult[], frame: SiteFrame, inputs: AssemblyInputs): AssembledSite | undefined {
  const { extra, config, files, now, templates = defaultTemplates } = inputs;
  const { articles, messages } = articlesOf(results, extra);
  const framed = reuseResolution({ frame, config }, new Map(articles.map((article) => [article.id, article])));
  if (!framed) return undefined;
  const site = withSiteFiles(framed, files);
  const pages = planSite(site, files.theme, now, templates);
  // A static file added since may take a path: resolving the site reports it.
  if (ownPathProblems(pages, site, files.statics ?? []).length > 0) return undefined;
  const siteMessages = frame.messages.map(fromPlainMessage);
  return { site, pages, messages: [...messages, ...siteMessages], siteMessages, leftOut: [] };
}

/** What `resolveInFull` gives for the stories of the last build plus new ones (see `extendFrame`), and what changed (see `ExtendedSite`). */
export interface ExtendedResult extends AssembledSite {
  readonly extension: Omit<ExtendedSite, 'site'>;
  /** With `lastPages`: each page's file and the last build's entry for it, found once for the collision check and the reads. */
  readonly pageFiles?: PageFiles;
}

/**
 * What `resolveInFull` gives, resolving only the new stories: the last build's `frame` (of the
 * stories whose shapes `shapes.previous` gives, by story path) extended with the stories of
 * `results` it lacks (see `extendFrame`); undefined when that cannot be done, or a new story's
 * page would land on another page's file (then resolve the site, which reports it).
 */
export function assembleWithAdditions(results: readonly ModelResult[], frame: SiteFrame, shapes: StoryShapes, inputs: AssemblyInputs): ExtendedResult | undefined {
  const { extra, config, files, now, templates = defaultTemplates } = inputs;
  const { articles, messages } = articlesOf(results, extra);
  const extended = extendFrame(frame, shapes, articles, config, now);
  if (!extended) return undefined;
  const site = withSiteFiles(extended.site, files);
  const pages = planSite(site, files.theme, now, templates);
  const pageFiles = inputs.lastPages ? pageFilesIn(pages, inputs.lastPages) : undefined;
  const collides = pageFiles ? newPathsCollide(pages, pageFiles.files, pageFiles.last) : pathCollisions(pages, site).length > 0;
  if (collides || ownPathProblems(pages, site, files.statics ?? []).length > 0) return undefined;
  const siteMessages = frame.messages.map(fromPlainMessage);
  return {
    site,
    pages,
    messages: [...messages, ...siteMessages],
    siteMessages,
    leftOut: [],
    extension: { changedCollections: extended.changedCollections, unchangedListPages: extended.unchangedListPages, relinked: extended.relinked },
    ...(pageFiles ? { pageFiles } : {}),
  };
}

/** The file of each of `pages`, and the entry `lastPages` has for it. */
function pageFilesIn(pages: readonly Page[], lastPages: ReadonlyMap<string, CachedPage>): PageFiles {
  const files = pages.map((page) => filePathOf(page.path));
  return { files, last: files.map((file) => lastPages.get(file)) };
}

/** A site assembled with nothing fatal: its site and pages, and how it came by them. */
export interface Assembly {
  readonly by: 'reused' | 'extended' | 'resolved';
  readonly site: Site;
  readonly pages: readonly Page[];
  /** Every message: the settings', then the assembled site's. */
  readonly messages: readonly VFileMessage[];
  /** The assembled site's messages alone (the stories', the site's own files', resolving's): what the cache keeps. */
  readonly siteBuildMessages: readonly VFileMessage[];
  /** The messages of resolving and planning alone (what a kept frame reports again). */
  readonly siteMessages: readonly VFileMessage[] | undefined;
  readonly leftOut: readonly string[];
  /** With `by: 'extended'`: what the stories added changed (see `ExtendedSite`). */
  readonly extension: Omit<ExtendedSite, 'site'> | undefined;
  /** With `by: 'extended'`: each page's file and the cache index's entry for it (see `ExtendedResult`). */
  readonly pageFiles?: PageFiles | undefined;
}

/** A site that could not be assembled: every message, at least one of them fatal. */
export interface AssemblyFailure {
  readonly by: 'failed';
  readonly messages: readonly VFileMessage[];
}

/**
 * Assemble the site of the stories `read`: take the last build's frame when every story kept its
 * shape, extend it when stories were added, and otherwise resolve the site in full.
 */
export function assembleStories(setup: BuildSetup, read: StoriesRead): Assembly | AssemblyFailure {
  const { config, now, overrides } = setup;
  const { modelled, cachedStories, frame, shape, files, messages: extra, index } = read;
  setup.progress.phase('Resolving the site');
  const framed = frame && frame.shape === shape ? assembleFromFrame(modelled.results, frame, { extra, config, files, now, templates: overrides.templates }) : undefined;
  // Stories added (a story published), the others as they were: the last resolution extended.
  const shapes = frame && !framed && cachedStories ? { previous: shapesOf(cachedStories), now: shapesOf(modelled.entries), fresh: modelled.fresh } : undefined;
  const extended = frame && shapes ? assembleWithAdditions(modelled.results, frame, shapes, { extra, config, files, now, templates: overrides.templates, lastPages: index?.pages }) : undefined;
  // Resolving the whole site reads every story whole: read the lazy ones whole first, and resolve plain articles.
  const result =
    framed ??
    extended ??
    resolveInFull(modelled.results.map(wholeResult), extra, config, files, {
      keepGoing: setup.keepGoing,
      stories: read.stories,
      now,
      published: publishedBefore(index, setup.out),
      templates: overrides.templates,
    });
  read.ceiling.checkNow();
  const messages = [...setup.settingsMessages, ...result.messages];
  const leftOut = new Set(result.leftOut);
  const fatal = messages.some((message) => message.fatal === true && !leftOut.has(message.file ?? ''));
  if (!result.site || !result.pages || fatal) return { by: 'failed', messages };
  const by = framed ? 'reused' : extended ? 'extended' : 'resolved';
  return {
    by,
    site: result.site,
    pages: result.pages,
    messages,
    siteBuildMessages: result.messages,
    siteMessages: result.siteMessages,
    leftOut: result.leftOut,
    extension: extended?.extension,
    pageFiles: extended?.pageFiles,
  };
}

/** A model result with its article read whole (see `wholeArticle`). */
function wholeResult(result: ModelResult): ModelResult {
  return result.article ? { article: wholeArticle(result.article), messages: result.messages } : result;
}

/** A result with its article only: a round of `resolveInFull` gathers the stories' messages itself. */
function articleOnly(result: ModelResult): ModelResult {
  return result.messages.length === 0 ? result : { ...result, messages: [] };
}

/** The story files (display paths) that errors name and that gave no article: they did not parse. */
function unparsedStories(messages: readonly VFileMessage[], articles: readonly Article[]): Set<string> {
  const parsed = new Set(articles.map((article) => article.displayPath));
  return new Set(messages.flatMap((message) => (message.fatal === true && message.file?.endsWith('.md') && !parsed.has(message.file) ? [message.file] : [])));
}

/**
 * The sources and ids of the left-out stories (see `LeftOut`; a story without an article is known
 * by its file name). A file's source is found in `stories` or, without them (the dev server),
 * by the stories folder that the articles' display paths show.
 */
function leftOutOf(broken: ReadonlySet<string>, stories: ReadonlyMap<string, StoryName>, articles: readonly Article[]): LeftOut {
  const sources = new Map<string, string>();
  const ids = new Map<string, string>();
  const sample = articles[0];
  const folder = sample ? sample.displayPath.slice(0, sample.displayPath.length - sample.source.length) : undefined;
  for (const file of broken) {
    const source = stories.get(file)?.source ?? (folder !== undefined && file.startsWith(folder) ? file.slice(folder.length) : undefined);
    if (source === undefined) continue;
    sources.set(source, file);
    ids.set(path.posix.basename(source, '.md'), file);
  }
  for (const article of articles) if (broken.has(article.displayPath)) ids.set(article.id, article.displayPath);
  return { sources, ids };
}
