import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import type { Templates } from '../../templates/table.js';
import type { Invalidation } from '../incremental/invalidate.js';
import type { Article } from '../model/article.js';
import type { SiteConfig } from '../model/config.js';
import type { Page } from '../pages/page.js';
import { draftPages } from '../pages/draft-pages.js';
import { resolveInFull, type AssembledSite } from '../build/assemble.js';
import type { StoryName } from '../build/read.js';
import type { StoryFile } from '../io/load.js';
import type { SiteFiles } from '../pipeline/site-files.js';
import type { ModelResult } from '../pipeline/model.js';

/** One story file as the dev engine knows it: the file (its text is not kept), what modelling it gave, and the shape of its article (see `storyShape`). */
export interface StoryEntry {
  readonly file: Pick<StoryFile, 'source' | 'displayPath' | 'digest'>;
  readonly result: ModelResult;
  readonly shape: string | undefined;
}

/** What a dev rebuild assembles from, besides the stories. */
export interface DevAssemblyInputs {
  readonly config: SiteConfig;
  /** The theme's files and the site's own pages, static files and stylesheet. */
  readonly files: SiteFiles;
  /** The templates to render pages with (the defaults, or the site's overrides). */
  readonly templates: Templates;
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

/** A dev rebuild's site: `resolveInFull`'s result with keep-going, plus what only the preview has. */
export interface DevAssembly {
  readonly outcome: AssembledSite;
  /** Every message: the outcome's, then those of broken stories shown at their last good version. */
  readonly messages: readonly VFileMessage[];
  /** Each story on the site now (not left out), by path in the stories folder: what a later breakage falls back on. */
  readonly lastGood: Map<string, Article>;
  /** With `drafts`: the preview pages of embargoed and withheld stories, by site path. */
  readonly drafts: ReadonlyMap<string, Page>;
}

/**
 * Assemble the preview so that it always keeps going: a story whose latest save is broken (in
 * itself, or in what it links to) is shown at its last good version (from `lastGood`) when it has
 * one, and left out otherwise, as `build --keep-going` does; its messages are reported either way.
 */
export function assembleForDev(stories: ReadonlyMap<string, StoryEntry>, lastGood: ReadonlyMap<string, Article>, inputs: DevAssemblyInputs): DevAssembly {
  const names: StoryName[] = [...stories].map(([source, entry]) => ({ source, displayPath: entry.file.displayPath }));
  for (const displayPath of inputs.unreadable) {
    names.push({ source: path.relative(inputs.storiesDir, path.resolve(inputs.cwd, displayPath)).split(path.sep).join('/'), displayPath });
  }
  const { config, files, extra, now, templates } = inputs;
  const assemble = (results: readonly ModelResult[]) => resolveInFull(results, extra, config, files, { keepGoing: true, stories: names, now, templates });
  const fallsBack = new Set<string>();
  for (const [source, entry] of stories) if (lastGood.has(source) && entry.result.messages.some((message) => message.fatal === true)) fallsBack.add(source);
  const resultsWith = (fallback: ReadonlySet<string>) =>
    [...stories].map(([source, entry]): ModelResult => {
      const previous = fallback.has(source) ? lastGood.get(source) : undefined;
      return previous ? { article: previous, messages: [] } : entry.result;
    });
  let results = resultsWith(fallsBack);
  let outcome = assemble(results);
  // Stories left out for what their new version links to: once more with their last good versions.
  const leftOut = new Set(outcome.leftOut);
  const brokenLinks = new Set([...stories].filter(([source, entry]) => !fallsBack.has(source) && lastGood.has(source) && leftOut.has(entry.file.displayPath)).map(([source]) => source));
  const held: VFileMessage[] = [];
  if (brokenLinks.size > 0) {
    const files = new Set([...brokenLinks].map((source) => stories.get(source)?.file.displayPath));
    held.push(...outcome.messages.filter((message) => message.fatal === true && files.has(message.file ?? undefined)));
    for (const source of brokenLinks) fallsBack.add(source);
    results = resultsWith(fallsBack);
    outcome = assemble(results);
  }
  for (const source of fallsBack) held.push(...(stories.get(source)?.result.messages ?? []));
  const finallyLeftOut = new Set(outcome.leftOut);
  const nextGood = new Map<string, Article>();
  if (outcome.site) {
    for (const result of results) if (result.article && !finallyLeftOut.has(result.article.displayPath)) nextGood.set(result.article.source, result.article);
  }
  const drafts = new Map<string, Page>();
  if (inputs.drafts && outcome.site && outcome.pages) {
    const taken = new Set(outcome.pages.map((page) => page.path));
    for (const page of draftPages(outcome.site, outcome.hidden ?? [], taken, now, templates)) drafts.set(page.path, page);
  }
  return { outcome, messages: [...outcome.messages, ...held], lastGood: nextGood, drafts };
}

/** Every draft page counts as changed (their stories are not fingerprinted), and one that is gone as removed. */
export function withDrafts(
  invalidation: Invalidation,
  previous: ReadonlyMap<string, Page> | undefined,
  next: { readonly pages: ReadonlyMap<string, Page>; readonly drafts: ReadonlyMap<string, Page> },
): Invalidation {
  if (!previous?.size && next.drafts.size === 0) return invalidation;
  const gone = [...(previous?.keys() ?? [])].filter((sitePath) => !next.drafts.has(sitePath) && !next.pages.has(sitePath));
  return { changed: [...invalidation.changed, ...next.drafts.keys()], removed: [...invalidation.removed, ...gone] };
}
