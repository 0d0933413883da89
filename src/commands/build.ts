import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { VFileMessage } from 'vfile-message';
import { resolveConfig } from '../config.js';
import type { SiteInputs } from '../model/config.js';
import type { Site } from '../model/site.js';
import { themeAssetsDir } from '../paths.js';
import { runPipeline } from '../pipeline/index.js';
import { loadStories } from '../pipeline/load.js';
import { loadTheme } from '../pipeline/load-theme.js';
import { writeSite } from '../pipeline/write.js';
import { formatReport } from '../report/format.js';
import { consoleLogger, type Logger } from '../report/logger.js';
import { hasErrors } from '../report/problem.js';

/** What a build is asked to do: the site's inputs, where to write, where to print. */
export interface BuildOptions extends SiteInputs {
  readonly out?: string | undefined;
  readonly logger?: Logger | undefined;
}

/** How a build went: `ok` when the site was written, plus every message and the counts. */
export interface BuildOutcome {
  readonly ok: boolean;
  readonly messages: readonly VFileMessage[];
  readonly site?: Site;
  readonly stats?: { readonly stories: number; readonly pages: number; readonly feeds: number; readonly files: number; readonly ms: number };
}

/** Build the stories folder into the output folder once: load, run the pipeline, report, write. */
export async function build(options: BuildOptions = {}): Promise<BuildOutcome> {
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const logger = options.logger ?? consoleLogger;
  const resolved = await resolveConfig(options.config, { baseUrl: options.baseUrl }, cwd);
  if (!resolved.config) return report(logger, { ok: false, messages: resolved.messages });
  const storiesDir = path.resolve(cwd, options.stories ?? 'stories');
  const [loaded, theme] = await Promise.all([loadStories(storiesDir, cwd), loadTheme(themeAssetsDir)]);
  const result = runPipeline(loaded, resolved.config, theme);
  const messages = [...resolved.messages, ...result.messages];
  if (!result.site || !result.pages || hasErrors(messages)) return report(logger, { ok: false, messages });
  const site = result.site;
  const assets = site.usedAssets.map((source) => ({ from: path.join(storiesDir, source), path: `media/${source}` }));
  const written = await writeSite(result.pages.map((page) => ({ path: page.path, render: () => page.render(site) })), assets, path.resolve(cwd, options.out ?? 'dist'));
  const stats = {
    stories: site.articles.length,
    pages: result.pages.filter((page) => page.kind !== 'feed' && page.kind !== 'asset').length,
    feeds: result.pages.filter((page) => page.kind === 'feed').length,
    files: written.files,
    ms: Math.round(performance.now() - started),
  };
  return report(logger, { ok: true, messages, site, stats });
}

function report(logger: Logger, outcome: BuildOutcome): BuildOutcome {
  const text = formatReport(outcome.messages);
  if (text) logger.error(text);
  if (outcome.stats) {
    const { stories, pages, feeds, ms } = outcome.stats;
    logger.info(`Built ${stories} ${stories === 1 ? 'story' : 'stories'} into ${pages} pages and ${feeds} feeds in ${ms} ms`);
  } else {
    logger.error('Build failed: nothing was written, the previous output is unchanged');
  }
  return outcome;
}
