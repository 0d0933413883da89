import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { resolveConfig } from '../config.js';
import type { StoriesScanAhead } from '../io/scan-ahead.js';
import { missingStoriesFolder } from '../io/stories-folder.js';
import type { SiteConfig, SiteInputs } from '../model/config.js';
import { outputRefusal } from '../output/output-guard.js';
import type { OutputLayout } from '../output/output-layout.js';
import { siteTemplates, type SiteTemplates } from '../overrides/site-templates.js';
import { consoleLogger, type Logger } from '../report/logger.js';
import { hasErrors } from '../report/problem.js';
import { noProgress, type Progress } from '../report/progress.js';
import { openCacheFolder } from '../store/cache-folder.js';
import { cacheDir } from '../store/build-cache.js';
import type { Tuning } from '../tuning.js';

/** What a build is asked to do: the site's inputs, where to write, where to print. */
export interface BuildOptions extends SiteInputs {
  readonly out?: string | undefined;
  readonly logger?: Logger | undefined;
  /** Where the build tells which phase it is in and how far through (default: nowhere; the CLI draws a line on a terminal). */
  readonly progress?: Progress | undefined;
  /** Threads to parse and model stories with (default: one per core; 1 = this thread only). */
  readonly threads?: number | undefined;
  /** `false` ignores and keeps no cache: every story is parsed and every page rendered. */
  readonly cache?: boolean | undefined;
  /** Leave out the stories that errors name and build the rest, instead of failing (`--keep-going`). */
  readonly keepGoing?: boolean | undefined;
  /** The instant to build for, in epoch milliseconds (`--now`): embargoes, the news sitemap. Default: the clock. */
  readonly now?: number | undefined;
  /** Replace an existing output folder that wiredesk did not write (`--force`); never one of the site's own folders. */
  readonly force?: boolean | undefined;
  /** Run the `deploy` command of the settings after a build that changed the output (the CLI's default; not `--no-deploy`). */
  readonly deploy?: boolean | undefined;
  /** A scan of the stories folder started on another thread ahead of the build (see `scanStoriesAhead`), taken by its first read. */
  readonly scanAhead?: StoriesScanAhead | undefined;
}

/** What a build settled before reading the stories: where, with which settings, templates and tuning. */
export interface BuildSetup {
  /** When the build started (`performance.now()`), for the time it took. */
  readonly started: number;
  readonly now: number;
  readonly cwd: string;
  readonly logger: Logger;
  readonly progress: Progress;
  readonly tuning: Tuning;
  /** Threads to model stories and render pages with (undefined: one per core). */
  readonly threads: number | undefined;
  readonly keepGoing: boolean;
  readonly storiesDir: string;
  readonly out: string;
  /** The cache folder (`.wiredesk-cache`), used only when `useCache`. */
  readonly dir: string;
  readonly useCache: boolean;
  readonly config: SiteConfig;
  /** The settings as the cache keys them: without what changes no output (the deploy command, the output layout). */
  readonly configKey: string;
  /** The warnings of the settings and of the site's templates folder. */
  readonly settingsMessages: readonly VFileMessage[];
  /** The site's own templates, compiled and loaded: dispose of them when the build ends. */
  readonly overrides: SiteTemplates;
  readonly layout: OutputLayout;
  /** The scan of the stories folder started ahead, if any (see `BuildOptions.scanAhead`). */
  readonly scanAhead: StoriesScanAhead | undefined;
}

/** A build stopped before it read a story: refused (`refused` set) or failed on its settings or templates. */
export interface SetupStop {
  readonly messages: readonly VFileMessage[];
  readonly refused?: string;
}

/**
 * Settle what a build needs before it reads a story: the output folder must be wiredesk's to
 * replace and the stories folder there, the settings valid, the site's templates compiled.
 */
export async function settleBuild(options: BuildOptions, tuning: Tuning, started: number): Promise<{ readonly setup: BuildSetup } | { readonly stop: SetupStop }> {
  const now = options.now ?? Date.now();
  const cwd = options.cwd ?? process.cwd();
  const logger = options.logger ?? consoleLogger;
  const storiesDir = path.resolve(cwd, options.stories ?? 'stories');
  const out = path.resolve(cwd, options.out ?? 'dist');
  const dir = cacheDir(cwd);
  // Before anything is read, made or locked: the output must be wiredesk's to replace.
  const refused =
    outputRefusal(out, { cwd, stories: storiesDir, config: path.resolve(cwd, options.config ?? 'site.yaml'), cache: dir }, options.force === true) ?? missingStoriesFolder(options.stories, cwd);
  if (refused) return { stop: { messages: [], refused } };
  // A build publishes `baseUrl` in every canonical link, feed and sitemap: a loopback one is worth a warning.
  const resolved = await resolveConfig(options.config, { baseUrl: options.baseUrl }, cwd, { warnLocalBaseUrl: true });
  const config = resolved.config;
  if (!config) return { stop: { messages: resolved.messages } };
  // A cache folder that is a link (or not a folder) is neither read nor written: the build goes without a cache.
  const folder = options.cache === false ? undefined : openCacheFolder(dir);
  if (folder?.usable === false) logger.error(folder.warning);
  const useCache = folder?.usable === true;
  // The deploy command runs after the build and changes no output, nor does how the output is laid out: changing them keeps the cache.
  const configKey = JSON.stringify({ ...config, deploy: undefined, output: undefined });
  // The site's own templates, compiled (or taken as compiled before) and loaded before anything is read: an error stops here.
  const overrides = await siteTemplates({ cwd, cacheDir: useCache ? dir : undefined });
  const settingsMessages = [...resolved.messages, ...overrides.messages];
  if (hasErrors(overrides.messages)) {
    await overrides.dispose();
    return { stop: { messages: settingsMessages } };
  }
  const layout: OutputLayout = config.output.swap ? 'swap' : 'folder';
  const setup: BuildSetup = {
    started,
    now,
    cwd,
    logger,
    progress: options.progress ?? noProgress,
    tuning,
    threads: options.threads,
    keepGoing: options.keepGoing === true,
    storiesDir,
    out,
    dir,
    useCache,
    config,
    configKey,
    settingsMessages,
    overrides,
    layout,
    scanAhead: options.scanAhead,
  };
  return { setup };
}
