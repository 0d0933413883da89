import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { defaultTemplates } from '../../templates/defaults.js';
import type { Templates } from '../../templates/table.js';
import type { Article } from '../model/article.js';
import type { SiteConfig } from '../model/config.js';
import type { LinkedArticle, Site } from '../model/site.js';
import { filePathOf } from '../model/urls.js';
import type { Page } from '../pages/page.js';
import { problem } from '../report/problem.js';
import type { StoryFile } from '../io/load.js';
import { ownPathProblems, withSiteFiles, type SiteFiles } from './site-files.js';
import { modelStory, type ModelResult } from './model.js';
import { parseStory } from './parse.js';
import { planSite } from './plan.js';
import { resolveSite, type LeftOut, type Published } from './resolve.js';
import { extendFrame, type ExtendedSite } from '../incremental/frame-additions.js';
import { siteFromFrame, type SiteFrame } from '../incremental/site-frame.js';
import { fromPlainMessage } from '../store/serialize.js';

/** What the pure middle of the pipeline produced: the site and its pages when nothing was fatal, and all messages. */
export interface PipelineResult {
  readonly site?: Site;
  readonly pages?: readonly Page[];
  readonly messages: readonly VFileMessage[];
  /** The messages of resolving and planning alone (part of `messages`; none of the stories' own). */
  readonly siteMessages?: readonly VFileMessage[];
  /** With `keepGoing`: the story files left out because a message names them as broken (display paths, sorted). */
  readonly leftOut: readonly string[];
  /** Stories on no page at the instant built for (embargoed, withheld), linked: only `dev --drafts` shows them. */
  readonly hidden?: readonly LinkedArticle[];
}

/** A story file as messages name it, and its path relative to `stories/`. */
export interface StoryName {
  readonly source: string;
  readonly displayPath: string;
}

/** How to assemble a site. */
export interface AssembleOptions {
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
 * Parse and model one story file: the per-story work, a pure function of the file, the config and
 * the asset list. Whatever it throws becomes that story's `story-crash` error: one story never stops the others.
 */
export function storyToArticle(file: StoryFile, config: SiteConfig, assets: ReadonlySet<string>): ModelResult {
  try {
    const parsed = parseStory(file);
    if (!parsed.story) return { messages: parsed.messages };
    const modelled = modelStory(parsed.story, { config, assets });
    return { ...modelled, messages: [...parsed.messages, ...modelled.messages] };
  } catch (error) {
    const thrown = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { messages: [problem('story-crash', `The story could not be read (${thrown}), expected plain Markdown and front matter; please report this with the story`, file.displayPath, { line: 1, column: 1 })] };
  }
}

/**
 * Resolve and render a site from per-story results (fresh or cached), adding `extra` messages
 * (from loading). With `keepGoing`, a story that an error names is left out and the rest is
 * resolved again, until no story is broken: links to a left-out story show as text.
 */
export function assembleSite(results: readonly ModelResult[], extra: readonly VFileMessage[], config: SiteConfig, files: SiteFiles, options: AssembleOptions = {}): PipelineResult {
  const { articles, messages } = articlesOf(results, extra);
  const stories = new Map((options.stories ?? []).map((story) => [story.displayPath, story]));
  const brokenStories = (found: readonly VFileMessage[]) => found.flatMap((message) => (message.fatal === true && message.file && stories.has(message.file) ? [message.file] : []));
  const broken = new Set(options.keepGoing ? brokenStories(messages) : []);
  const now = options.now ?? Date.now();
  const unparsed = unparsedStories(messages, articles);
  for (;;) {
    const kept = broken.size === 0 ? articles : articles.filter((article) => !broken.has(article.displayPath));
    const resolved = resolveSite(kept, config, leftOutOf(new Set([...unparsed, ...broken]), stories, articles), now, options.published);
    const found = [...resolved.messages];
    const site = resolved.site && withSiteFiles(resolved.site, files);
    const pages = site ? planSite(site, files.theme, now, options.templates) : undefined;
    if (site && pages) found.push(...pathCollisions(pages, site), ...ownPathProblems(pages, site, files.statics ?? []));
    const newlyBroken = options.keepGoing ? brokenStories(found).filter((file) => !broken.has(file)) : [];
    if (newlyBroken.length > 0) {
      // Keep only what explains why these stories are left out: the rest is found again next round.
      messages.push(...found.filter((message) => message.fatal === true && newlyBroken.includes(message.file ?? '')));
      for (const file of newlyBroken) broken.add(file);
      continue;
    }
    messages.push(...found);
    const leftOut = [...broken].sort();
    const fatal = messages.some((message) => message.fatal === true && !broken.has(message.file ?? ''));
    if (!site || !pages || fatal) return { messages, leftOut };
    return { site, pages, messages, siteMessages: found, leftOut, ...(resolved.hidden ? { hidden: resolved.hidden } : {}) };
  }
}

/**
 * What `assembleSite` gives, without resolving: the site of `frame` (see `SiteFrame`) with the
 * articles of `results`, when those are the stories the frame was resolved from or others of the
 * same shape (the caller checks `siteShape`); undefined when a story the frame names is missing.
 */
export function assembleFromFrame(
  results: readonly ModelResult[],
  extra: readonly VFileMessage[],
  config: SiteConfig,
  files: SiteFiles,
  frame: SiteFrame,
  now: number,
  templates: Templates = defaultTemplates,
): PipelineResult | undefined {
  const { articles, messages } = articlesOf(results, extra);
  const framed = siteFromFrame(frame, new Map(articles.map((article) => [article.id, article])), config);
  if (!framed) return undefined;
  const site = withSiteFiles(framed, files);
  const pages = planSite(site, files.theme, now, templates);
  // A static file added since may take a path: resolving the site reports it.
  if (ownPathProblems(pages, site, files.statics ?? []).length > 0) return undefined;
  const siteMessages = frame.messages.map(fromPlainMessage);
  return { site, pages, messages: [...messages, ...siteMessages], siteMessages, leftOut: [] };
}

/** What `assembleSite` gives for the stories of the last build plus new ones (see `extendFrame`), and what changed (see `ExtendedSite`). */
export interface ExtendedResult extends PipelineResult {
  readonly extension: Omit<ExtendedSite, 'site'>;
}

/**
 * What `assembleSite` gives, resolving only the new stories: the last build's `frame` (of the
 * stories whose shapes `previousShapes` gives, by story path) extended with the stories of
 * `results` it lacks (see `extendFrame`); undefined when that cannot be done, or a new story's
 * page would land on another page's file (then resolve the site, which reports it).
 */
export function assembleWithAdditions(
  results: readonly ModelResult[],
  extra: readonly VFileMessage[],
  config: SiteConfig,
  files: SiteFiles,
  frame: SiteFrame,
  shapes: { readonly previous: ReadonlyMap<string, string | undefined>; readonly now: ReadonlyMap<string, string | undefined> },
  now: number,
  templates: Templates = defaultTemplates,
): ExtendedResult | undefined {
  const { articles, messages } = articlesOf(results, extra);
  const extended = extendFrame(frame, shapes.previous, articles, shapes.now, config, now);
  if (!extended) return undefined;
  const site = withSiteFiles(extended.site, files);
  const pages = planSite(site, files.theme, now, templates);
  if (pathCollisions(pages, site).length > 0 || ownPathProblems(pages, site, files.statics ?? []).length > 0) return undefined;
  const siteMessages = frame.messages.map(fromPlainMessage);
  return { site, pages, messages: [...messages, ...siteMessages], siteMessages, leftOut: [], extension: { changedCollections: extended.changedCollections, unchangedListPages: extended.unchangedListPages, relinked: extended.relinked } };
}

/** The articles of per-story results, and every message: `extra` first, then the stories'. */
function articlesOf(results: readonly ModelResult[], extra: readonly VFileMessage[]): { articles: Article[]; messages: VFileMessage[] } {
  const messages: VFileMessage[] = [...extra];
  const articles: Article[] = [];
  for (const result of results) {
    messages.push(...result.messages);
    if (result.article) articles.push(result.article);
  }
  return { articles, messages };
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

/**
 * Two pages that would be written to the same file (a story whose permalink lands on another
 * page), or one that needs a folder where another page is a file (`feed.xml/` beside `feed.xml`).
 */
function pathCollisions(pages: readonly Page[], site: Site): VFileMessage[] {
  const owners = new Map<string, Page>();
  const messages: VFileMessage[] = [];
  const report = (page: Page, owner: Page, what: string) => {
    const story = [page, owner].flatMap((candidate) => (candidate.kind === 'article' ? site.articles.filter((article) => article.path === candidate.path) : []))[0];
    messages.push(problem('path-collision', `Page "${page.path}" (${page.kind}) ${what} "${owner.path}" (${owner.kind}), expected every page to have its own URL (change the id or \`permalink\`)`, story?.displayPath ?? 'site.yaml', story?.places.id));
  };
  // The pages of `pages/` are checked by `ownPathProblems`, which names their files.
  const generated = pages.filter((page) => page.kind !== 'page');
  for (const page of generated) {
    const file = filePathOf(page.path).toLowerCase();
    const owner = owners.get(file);
    if (owner) report(page, owner, 'would overwrite');
    else owners.set(file, page);
  }
  for (const page of generated) {
    const file = filePathOf(page.path).toLowerCase();
    for (let slash = file.indexOf('/'); slash >= 0; slash = file.indexOf('/', slash + 1)) {
      const owner = owners.get(file.slice(0, slash));
      if (owner) report(page, owner, 'needs a folder where there is the file of');
    }
  }
  return messages;
}
