import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import type { Article } from '../model/article.js';
import type { SiteConfig } from '../model/config.js';
import type { Page } from '../render/page.js';
import { draftPages } from '../render/draft-pages.js';
import { assembleSite, type PipelineResult, type StoryName } from '../pipeline/index.js';
import type { StoryFile } from '../pipeline/load.js';
import type { ThemeFile } from '../pipeline/load-theme.js';
import type { ModelResult } from '../pipeline/model.js';

/** One story file as the dev engine knows it: the file and what modelling it gave. */
export interface StoryEntry {
  readonly file: StoryFile;
  readonly result: ModelResult;
}

/** What a dev rebuild assembles from, besides the stories. */
export interface DevAssemblyInputs {
  readonly config: SiteConfig;
  readonly theme: readonly ThemeFile[];
  /** Messages of the settings and of unreadable story files (by display path). */
  readonly extra: readonly VFileMessage[];
  /** Display paths of the story files that could not be read. */
  readonly unreadable: Iterable<string>;
  readonly storiesDir: string;
  readonly cwd: string;
  /** The instant to preview (epoch milliseconds). */
  readonly now: number;
  /** Render embargoed and withheld stories at their URLs, with a banner (`dev --drafts`). */
  readonly drafts: boolean;
}

/** A dev rebuild's site: `assembleSite`'s result with keep-going, plus what only the preview has. */
export interface DevAssembly {
  readonly outcome: PipelineResult;
  /** Every message: the outcome's, then those of broken stories shown at their last good version. */
  readonly messages: readonly VFileMessage[];
  /** Each story on the site now (not left out), by path in the stories folder: what a later breakage falls back on. */
  readonly lastGood: Map<string, Article>;
  /** With `drafts`: the preview pages of embargoed and withheld stories, by site path. */
  readonly drafts: ReadonlyMap<string, Page>;
}

/**
 * Assemble the preview so that it always keeps going: a story whose latest save is broken is
 * shown at its last good version (from `lastGood`) when it has one, and left out otherwise, as
 * `build --keep-going` does; its messages are reported either way.
 */
export function assembleForDev(stories: ReadonlyMap<string, StoryEntry>, lastGood: ReadonlyMap<string, Article>, inputs: DevAssemblyInputs): DevAssembly {
  const results: ModelResult[] = [];
  const held: VFileMessage[] = [];
  const names: StoryName[] = [];
  for (const [source, entry] of stories) {
    names.push({ source, displayPath: entry.file.displayPath });
    const previous = lastGood.get(source);
    if (previous && entry.result.messages.some((message) => message.fatal === true)) {
      results.push({ article: previous, messages: [] });
      held.push(...entry.result.messages);
    } else {
      results.push(entry.result);
    }
  }
  for (const displayPath of inputs.unreadable) {
    names.push({ source: path.relative(inputs.storiesDir, path.resolve(inputs.cwd, displayPath)).split(path.sep).join('/'), displayPath });
  }
  const { config, theme, extra, now } = inputs;
  const outcome = assembleSite(results, extra, config, theme, { keepGoing: true, stories: names, now });
  const leftOut = new Set(outcome.leftOut);
  const nextGood = new Map<string, Article>();
  if (outcome.site) {
    for (const result of results) if (result.article && !leftOut.has(result.article.displayPath)) nextGood.set(result.article.source, result.article);
  }
  const drafts = new Map<string, Page>();
  if (inputs.drafts && outcome.site && outcome.pages) {
    const taken = new Set(outcome.pages.map((page) => page.path));
    for (const page of draftPages(outcome.site, outcome.hidden ?? [], taken, now)) drafts.set(page.path, page);
  }
  return { outcome, messages: [...outcome.messages, ...held], lastGood: nextGood, drafts };
}
