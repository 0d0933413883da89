import type { VFileMessage } from 'vfile-message';
import type { LocalPicture } from '../model/picture.js';
import type { Templates } from '../../templates/table.js';
import type { Article } from '../model/article.js';
import type { SiteConfig } from '../model/config.js';
import type { LinkedArticle, Site } from '../model/site.js';
import type { Page } from '../pages/page.js';
import { problem } from '../report/problem.js';
import type { StoryFile } from '../io/load.js';
import { pathCollisions } from './collisions.js';
import { ownPathProblems, withSiteFiles, type SiteFiles } from './site-files.js';
import { modelStory, type ModelResult } from './model.js';
import { parseStory } from './parse.js';
import { planSite } from './plan.js';
import { resolveSite, type LeftOut, type Published } from './resolve.js';

// The pure stages chained: a story file to its article (parse → model), and a set of articles
// to the site and its pages (resolve → plan → collisions). No disk, threads or cache here: the
// build's phases (src/build/) and the dev engine call these.

/** What assembling a site gave: the site and its pages when nothing was fatal, and every message. */
export interface SiteAssembly {
  readonly site?: Site;
  readonly pages?: readonly Page[];
  /** Every message: those given (`extra`), the stories', then those of resolving and planning. */
  readonly messages: readonly VFileMessage[];
  /** The messages of resolving and planning alone (part of `messages`), fatal or not. */
  readonly siteMessages: readonly VFileMessage[];
  /** Stories on no page at the instant built for (embargoed, withheld), linked: only `dev --drafts` shows them. */
  readonly hidden?: readonly LinkedArticle[];
}

/** How to assemble a site. */
export interface AssembleOptions {
  /** The build's instant (epoch milliseconds) for embargoes and the news sitemap; the clock when absent. */
  readonly now?: number;
  /** Which stories the last build published: of two with one id, the other is the broken one (see `resolveSite`). */
  readonly published?: Published;
  /** The templates to render pages with: the defaults unless the site overrides some. */
  readonly templates?: Templates;
  /** Stories left out of this site (`--keep-going`): links to them show as text (see `LeftOut`). */
  readonly leftOut?: LeftOut;
}

/**
 * Parse and model one story file: the per-story work, a pure function of the file, the config and
 * the asset list. Whatever it throws becomes that story's `story-crash` error: one story never stops the others.
 */
export function storyToArticle(file: StoryFile, config: SiteConfig, assets: ReadonlySet<string>, pictures?: ReadonlyMap<string, LocalPicture>): ModelResult {
  try {
    const parsed = parseStory(file);
    if (!parsed.story) return { messages: parsed.messages };
    const modelled = modelStory(parsed.story, { config, assets, pictures });
    return { ...modelled, messages: [...parsed.messages, ...modelled.messages] };
  } catch (error) {
    const thrown = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return {
      messages: [
        problem('story-crash', `The story could not be read (${thrown}), expected plain Markdown and front matter; please report this with the story`, file.displayPath, { line: 1, column: 1 }),
      ],
    };
  }
}

/**
 * Resolve, plan and check the paths of a site from per-story results (fresh or cached), adding
 * the `extra` messages (from loading) before the stories'. The site and its pages are given when
 * no message is fatal but those naming a story left out (`options.leftOut`).
 */
export function assembleSite(results: readonly ModelResult[], extra: readonly VFileMessage[], config: SiteConfig, files: SiteFiles, options: AssembleOptions = {}): SiteAssembly {
  const { articles, messages } = articlesOf(results, extra);
  const now = options.now ?? Date.now();
  const resolved = resolveSite(articles, config, options.leftOut ?? { sources: new Map(), ids: new Map() }, now, options.published);
  const siteMessages = [...resolved.messages];
  const site = resolved.site && withSiteFiles(resolved.site, files);
  const pages = site ? planSite(site, files.theme, now, options.templates) : undefined;
  if (site && pages) siteMessages.push(...pathCollisions(pages, site), ...ownPathProblems(pages, site, files.statics ?? []));
  messages.push(...siteMessages);
  // A story left out is known to be broken: its errors leave the rest of the site standing.
  const leftOutFiles = new Set([...(options.leftOut?.sources.values() ?? []), ...(options.leftOut?.ids.values() ?? [])]);
  if (!site || !pages || messages.some((message) => message.fatal === true && !leftOutFiles.has(message.file ?? ''))) return { messages, siteMessages };
  return { site, pages, messages, siteMessages, ...(resolved.hidden ? { hidden: resolved.hidden } : {}) };
}

/** The articles of per-story results, and every message: `extra` first, then the stories'. */
export function articlesOf(results: readonly ModelResult[], extra: readonly VFileMessage[]): { articles: Article[]; messages: VFileMessage[] } {
  const messages: VFileMessage[] = [...extra];
  const articles: Article[] = [];
  for (const result of results) {
    messages.push(...result.messages);
    if (result.article) articles.push(result.article);
  }
  return { articles, messages };
}
