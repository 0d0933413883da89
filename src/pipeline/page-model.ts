import type { VFileMessage } from 'vfile-message';
import { bodyText, bodyToHast } from '../model/body.js';
import type { SiteConfig } from '../model/config.js';
import { dayWithoutZoneProblems } from '../model/day-without-zone.js';
import { fieldProblems, unknownFieldProblems, type FrontMatterSource } from '../model/field-problems.js';
import { frontMatterValues } from '../model/front-matter-values.js';
import { cleanFrontMatter } from '../model/invalid-characters.js';
import { knownPageFields, pageFrontMatterSchema, pageUrlPath, type SitePage } from '../model/site-page.js';
import { problem } from '../report/problem.js';
import type { StoryFile } from '../io/load.js';
import { parseStory } from './parse.js';

/** The pages of the site (sorted by file) and every message about them. */
export interface ModelledPages {
  readonly pages: readonly SitePage[];
  readonly messages: readonly VFileMessage[];
}

/**
 * Parse and model the page files of `pages/`, as stories are parsed (the same Markdown parser,
 * front-matter checks and body sanitizing: a page is untrusted text too). A page that throws
 * gives a `story-crash` error for its file, as a story would: it never stops the others.
 */
export function modelPages(files: readonly StoryFile[], config: SiteConfig): ModelledPages {
  const pages: SitePage[] = [];
  const messages: VFileMessage[] = [];
  for (const file of files) {
    try {
      const result = modelPage(file, config);
      messages.push(...result.messages);
      if (result.page) pages.push(result.page);
    } catch (error) {
      const thrown = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      messages.push(
        problem('story-crash', `The page could not be read (${thrown}), expected plain Markdown and front matter; please report this with the page`, file.displayPath, { line: 1, column: 1 }),
      );
    }
  }
  return { pages, messages };
}

/** Model one page file: its page, unless a fatal problem was found, and its messages. */
function modelPage(file: StoryFile, config: SiteConfig): { readonly page?: SitePage; readonly messages: readonly VFileMessage[] } {
  const parsed = parseStory(file);
  const story = parsed.story;
  if (!story?.frontMatter) return { messages: parsed.messages };
  const source: FrontMatterSource = { document: story.frontMatter, yamlOffset: story.yamlOffset, pointAt: story.pointAt, displayPath: file.displayPath };
  const messages: VFileMessage[] = [...unknownFieldProblems(source, knownPageFields), ...dayWithoutZoneProblems(source, config.timezone)];
  const values = frontMatterValues(source);
  if ('message' in values) return { messages: [...messages, values.message] };
  const frontMatter = cleanFrontMatter(source, file.text, values.data ?? {});
  messages.push(...frontMatter.messages);
  const checked = pageFrontMatterSchema({ timezone: config.timezone }).safeParse(frontMatter.value, { reportInput: true });
  if (!checked.success) return { messages: [...messages, ...fieldProblems(source, checked.error.issues).map(toldOfPage)] };
  const path = pageUrlPath(file.source);
  if (path === undefined) {
    const reason = `File name "${file.source}" cannot be a page's URL, expected lower-case letters, digits and single hyphens in each part of it (rename the file)`;
    return { messages: [...messages, problem('invalid-id', reason, file.displayPath, { line: 1, column: 1 })] };
  }
  const data = checked.data;
  const description = data.description ?? bodyText(story.tree).firstParagraph;
  const page: SitePage = {
    source: file.source,
    displayPath: file.displayPath,
    digest: file.digest,
    path,
    title: data.title,
    description,
    ...(data.lang === undefined ? {} : { lang: data.lang }),
    ...(data.updated === undefined ? {} : { updated: data.updated }),
    body: bodyToHast(story.tree, config),
  };
  return { page, messages };
}

/** A front-matter message worded for a story, worded for a page (`missing-title` asks for the page's title). */
function toldOfPage(message: VFileMessage): VFileMessage {
  if (message.ruleId !== 'missing-title') return message;
  return problem('missing-title', "Missing `title`, expected the page's title, e.g. `title: About us`", message.file ?? '', { line: message.line ?? 1, column: message.column ?? 1 });
}
