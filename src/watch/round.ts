import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { runBuild } from '../build/index.js';
import { collectGarbage } from '../build/memory-ceiling.js';
import type { BuildOutcome } from '../build/outcome.js';
import type { BuildOptions } from '../build/setup.js';
import { deployStep } from '../commands/deploy-step.js';
import type { Schedule } from '../model/site.js';
import { formatReport } from '../report/format.js';
import { consoleLogger } from '../report/logger.js';
import { hasErrors } from '../report/problem.js';
import { noProgress } from '../report/progress.js';
import { terminalText } from '../report/terminal-text.js';
import { cacheDir } from '../store/build-cache.js';
import type { Tuning } from '../tuning.js';
import { describeFiles, type WatchBatch } from './batch.js';
import type { WatchClock } from './clock.js';
import type { RoundResult } from './loop.js';

/** What every build of a watch session is run with. */
export interface RoundContext {
  /** The build's options, as `wiredesk build` takes them (`now` is the clock's at each build). */
  readonly options: BuildOptions;
  readonly tuning: Tuning;
  readonly clock: WatchClock;
}

/**
 * One build of the watch loop, as a function of the batch that set it off: build (the same
 * `runBuild` and cache as `wiredesk build`) for the clock's instant, print one line (and the
 * problems, when there are any), then run the deploy step after a build that published the site.
 * A build with errors publishes nothing: the output keeps the last good build, nothing is deployed.
 */
export function roundPublisher({ options, tuning, clock }: RoundContext): (batch: WatchBatch) => Promise<RoundResult> {
  const logger = options.logger ?? consoleLogger;
  const progress = options.progress ?? noProgress;
  const cwd = options.cwd ?? process.cwd();
  const out = path.resolve(cwd, options.out ?? 'dist');
  const shownOut = JSON.stringify(path.relative(cwd, out) || '.');
  const deploys = options.deploy === true;
  // What the session said last: the schedule of the last good build, the problems printed, the embargo announced.
  let schedule: Schedule | undefined;
  let problemsShown = '';
  let embargoShown = '';
  // A deploy may be owed from before this session, or by a deploy that failed: then an unchanged build may still deploy.
  let deployOwed = true;

  const round = async (batch: WatchBatch): Promise<RoundResult> => {
    const now = clock.now();
    const what = reasonOf(batch, schedule, now, cwd);
    const started = performance.now();
    let outcome: BuildOutcome;
    try {
      outcome = await runBuild({ ...options, now, logger, progress }, tuning);
    } catch (error) {
      // An unexpected error is one build's: the loop keeps watching.
      logger.error(`${stamp(now)}  ${what} · not published (${error instanceof Error ? error.message : String(error)}); ${shownOut} keeps the last good build`);
      return { rightUntil: undefined };
    } finally {
      progress.clear();
    }
    const seconds = `${((performance.now() - started) / 1000).toFixed(2)} s`;
    const problems = formatReport(outcome.messages);
    if (problems !== '' && (problems !== problemsShown || hasErrors(outcome.messages))) logger.error(problems);
    problemsShown = problems;
    if (outcome.refused !== undefined && batch.first) {
      // Refused before it read anything (a wrong --out): said as `wiredesk build` says it, and the session ends.
      logger.error(outcome.refused);
      return { rightUntil: undefined, refused: outcome.refused };
    }
    if (!outcome.ok || !outcome.stats) {
      const why = outcome.refused ?? outcome.failure ?? errorCount(outcome);
      logger.error(`${stamp(now)}  ${what} · not published: ${why}; ${shownOut} keeps the last good build · ${seconds}`);
      return { rightUntil: undefined };
    }
    schedule = outcome.schedule;
    const { stories, pages, feeds, written, removed } = outcome.stats;
    const unchanged = written + removed === 0;
    const built = batch.first ? `${what}: ${count(stories, 'story', 'stories')}, ${count(pages, 'page', 'pages')}, ${count(feeds, 'feed', 'feeds')} · ` : `${what} · `;
    const files = unchanged
      ? `no file changed${deploys && outcome.config?.deploy !== undefined && !deployOwed ? ', nothing to deploy' : ''}`
      : `${written.toLocaleString('en')} written, ${removed.toLocaleString('en')} removed`;
    logger.info(`${stamp(now)}  ${built}${files} · ${seconds}${leftOutNote(outcome)}${embargoNote(outcome.schedule)}`);
    if (outcome.config && outcome.manifest) {
      const failure = await deployStep({ config: outcome.config, manifest: outcome.manifest }, { cwd, out, cacheDir: cacheDir(cwd) }, deploys, logger);
      deployOwed = failure !== undefined || !deploys;
    }
    return { rightUntil: outcome.schedule?.window.until ?? Number.POSITIVE_INFINITY };
  };
  // Once a build is over, published or not, what it held is garbage: collected while the session waits.
  return async (batch) => {
    try {
      return await round(batch);
    } finally {
      collectBetweenBuilds();
    }
  };

  /** The next embargo, when it is not the one said last. */
  function embargoNote(next: Schedule | undefined): string {
    const embargo = next?.nextEmbargo;
    const text = embargo ? `next embargo lifts at ${embargo.at.iso} (${terminalText(embargo.displayPath)})` : '';
    if (text === embargoShown) return '';
    embargoShown = text;
    return text === '' ? '' : ` · ${text}`;
  }
}

/**
 * The heap in use from which a watch session collects its garbage once a build is over: what the
 * build held (a 100,000-story site, some 700 MiB) is garbage then, and collected while the session
 * waits, the next build does not grow the heap on top of it. A small site's builds never reach it.
 */
const collectBetweenFrom = 256 * 1024 ** 2;

/** Collect the last build's garbage when it is large (see `collectBetweenFrom`). */
function collectBetweenBuilds(): void {
  if (process.memoryUsage().heapUsed >= collectBetweenFrom) collectGarbage();
}

/** What set a build off: the first build, the files that changed, an embargo that lifted or the news window that moved. */
function reasonOf(batch: WatchBatch, schedule: Schedule | undefined, now: number, cwd: string): string {
  const reasons: string[] = [];
  if (batch.first) reasons.push('first build');
  if (batch.files.size > 0) reasons.push(describeFiles(batch.files, cwd));
  if (batch.woke) {
    const lifted = schedule?.nextEmbargo;
    reasons.push(lifted && lifted.at.epochMs <= now ? `embargo lifted on ${terminalText(lifted.displayPath)}` : 'the news sitemap window moved');
  }
  return reasons.join(', ') || 'rebuilt';
}

/** The local time of day, `14:02:03`, that starts each line. */
function stamp(now: number): string {
  const time = new Date(now);
  return [time.getHours(), time.getMinutes(), time.getSeconds()].map((part) => String(part).padStart(2, '0')).join(':');
}

function errorCount(outcome: BuildOutcome): string {
  const errors = outcome.messages.filter((message) => message.fatal === true).length;
  return errors === 0 ? 'the build failed' : count(errors, 'error', 'errors');
}

function leftOutNote(outcome: BuildOutcome): string {
  const left = outcome.leftOut ?? [];
  return left.length === 0 ? '' : ` · left out ${count(left.length, 'broken story', 'broken stories')} (--keep-going): ${left.map(terminalText).join(', ')}`;
}

function count(value: number, one: string, many: string): string {
  return `${value.toLocaleString('en')} ${value === 1 ? one : many}`;
}
