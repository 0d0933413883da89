import path from 'node:path';
import { runBuild } from '../build/index.js';
import type { BuildOutcome } from '../build/outcome.js';
import type { BuildOptions } from '../build/setup.js';
import { consoleLogger, type Logger } from '../report/logger.js';
import { formatReport } from '../report/format.js';
import { terminalText } from '../report/terminal-text.js';
import { cacheDir } from '../store/build-cache.js';
import { resolveTuning, type Tuning } from '../tuning.js';
import type { WatchEnd } from '../watch/session.js';
import { deployStep } from './deploy-step.js';

export type { BuildOptions } from '../build/setup.js';
export type { BuildOutcome, BuildStats } from '../build/outcome.js';

/**
 * The `build` command: run the build (see `runBuild`), report it, and once the site is published
 * run the deploy step (see `deployStep`).
 */
export async function build(options: BuildOptions = {}, tuning: Tuning = resolveTuning(process.env)): Promise<BuildOutcome> {
  const logger = options.logger ?? consoleLogger;
  const outcome = report(logger, await runBuild(options, tuning));
  if (!outcome.ok || !outcome.config || !outcome.manifest) return outcome;
  const cwd = options.cwd ?? process.cwd();
  const places = { cwd, out: path.resolve(cwd, options.out ?? 'dist'), cacheDir: cacheDir(cwd) };
  const deployFailure = await deployStep({ config: outcome.config, manifest: outcome.manifest }, places, options.deploy === true, logger);
  return deployFailure === undefined ? outcome : { ...outcome, deployFailure };
}

/**
 * The `build --watch` command: build, then keep the output folder current until `stop` aborts
 * (see `watchBuild`).
 */
export async function buildWatching(options: BuildOptions, tuning: Tuning, stop: AbortSignal): Promise<WatchEnd> {
  const { watchBuild } = await import('../watch/session.js');
  return watchBuild(options, tuning, stop);
}

/** Print what a build found and did: its messages, the stories left out, then the summary or why it failed. */
function report(logger: Logger, outcome: BuildOutcome): BuildOutcome {
  if (outcome.refused !== undefined) {
    logger.error(outcome.refused);
    return outcome;
  }
  const text = formatReport(outcome.messages);
  if (text) logger.error(text);
  if (outcome.leftOut && outcome.leftOut.length > 0) {
    const count = outcome.leftOut.length;
    logger.error(`Left out ${count} broken ${count === 1 ? 'story' : 'stories'} (--keep-going): ${outcome.leftOut.map(terminalText).join(', ')}`);
  }
  if (outcome.stats) {
    const { stories, pages, feeds, ms, written, unchanged, removed } = outcome.stats;
    logger.info(`Built ${stories} ${stories === 1 ? 'story' : 'stories'} into ${pages} pages and ${feeds} feeds in ${ms} ms: ${written} files written, ${unchanged} unchanged, ${removed} removed`);
    const next = outcome.schedule?.nextEmbargo;
    if (next) logger.info(`Next embargo lifts at ${next.at.iso} (${terminalText(next.displayPath)}): build again then to publish it`);
  } else {
    logger.error(outcome.failure ?? 'Build failed: nothing was written, the previous output is unchanged');
  }
  return outcome;
}
