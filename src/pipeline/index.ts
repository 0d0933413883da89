import type { VFileMessage } from 'vfile-message';
import type { Article } from '../model/article.js';
import type { SiteConfig } from '../model/config.js';
import type { Site } from '../model/site.js';
import { filePathOf } from '../model/urls.js';
import type { Page } from '../render/page.js';
import { problem } from '../report/problem.js';
import type { StoryFile } from './load.js';
import type { ThemeFile } from './load-theme.js';
import { modelStory, type ModelResult } from './model.js';
import { parseStory } from './parse.js';
import { renderSite } from './render.js';
import { resolveSite } from './resolve.js';

/** What the pure middle of the pipeline produced: the site and its pages when nothing was fatal, and all messages. */
export interface PipelineResult {
  readonly site?: Site;
  readonly pages?: readonly Page[];
  readonly messages: readonly VFileMessage[];
}

/** Parse and model one story file: the per-story work, a pure function of the file, the config and the asset list. */
export function storyToArticle(file: StoryFile, config: SiteConfig, assets: ReadonlySet<string>): ModelResult {
  const parsed = parseStory(file);
  if (!parsed.story) return { messages: parsed.messages };
  const modelled = modelStory(parsed.story, { config, assets });
  return { ...modelled, messages: [...parsed.messages, ...modelled.messages] };
}

/** Resolve and render a site from per-story results (fresh or cached), adding `extra` messages (from loading). */
export function assembleSite(results: readonly ModelResult[], extra: readonly VFileMessage[], config: SiteConfig, theme: readonly ThemeFile[]): PipelineResult {
  const messages: VFileMessage[] = [...extra];
  const articles: Article[] = [];
  for (const result of results) {
    messages.push(...result.messages);
    if (result.article) articles.push(result.article);
  }
  const resolved = resolveSite(articles, config);
  messages.push(...resolved.messages);
  if (!resolved.site || messages.some((message) => message.fatal === true)) return { messages };
  const pages = renderSite(resolved.site, theme);
  messages.push(...pathCollisions(pages, resolved.site));
  return { site: resolved.site, pages, messages };
}

/** Two pages that would be written to the same file: a story whose permalink lands on another page. */
function pathCollisions(pages: readonly Page[], site: Site): VFileMessage[] {
  const owners = new Map<string, Page>();
  const messages: VFileMessage[] = [];
  for (const page of pages) {
    const file = filePathOf(page.path).toLowerCase();
    const owner = owners.get(file);
    if (!owner) {
      owners.set(file, page);
      continue;
    }
    const story = [page, owner].flatMap((candidate) => (candidate.kind === 'article' ? site.articles.filter((article) => article.path === candidate.path) : []))[0];
    messages.push(
      problem('path-collision', `Page "${page.path}" (${page.kind}) would overwrite "${owner.path}" (${owner.kind}), expected every page to have its own URL (change the id or \`permalink\`)`, story?.displayPath ?? 'site.yaml', story?.places.id),
    );
  }
  return messages;
}
