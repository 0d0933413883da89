import { rm } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { consoleLogger } from '../report/logger.js';
import { noProgress } from '../report/progress.js';
import { cacheDir } from '../store/build-cache.js';
import { DamagedCacheError } from '../store/split-file.js';
import { resolveTuning, type Tuning } from '../tuning.js';
import { assembleStories } from './assemble.js';
import type { BuildOutcome } from './outcome.js';
import { phaseTimer, printWork } from './phase-timer.js';
import { publishSite, publishUpToDate, startSearchIndex } from './publish.js';
import { readStories } from './read.js';
import { readPages } from './reads.js';
import { settleBuild, type BuildOptions } from './setup.js';

// One build, phase by phase, as Hugo names them: read (settings, templates, the stories folder,
// the cache, the stories modelled) → assemble (the site and its pages) → reads (what each page
// reads, so which are unchanged) → publish (render, index, write, keep the cache). The search
// index is started as the last step of assembling, so that Pagefind indexes while the reads are found.

/** The phases of a build, in order: an unexpected error is prefixed with the one it broke in. */
export type BuildPhase = 'read' | 'assemble' | 'reads' | 'publish';

/**
 * Build the stories folder into the output folder once, with `tuning` (from the `WIREDESK_*`
 * variables unless given). Prints only what happens to the output and cache folders on the way
 * (notices, a cache that could not be kept): the caller reports the outcome.
 */
export async function runBuild(options: BuildOptions = {}, tuning: Tuning = resolveTuning(process.env)): Promise<BuildOutcome> {
  try {
    return await buildOnce(options, tuning);
  } catch (error) {
    // A cache file damaged under the build (a story's fields, read only when a page asks): set the cache aside, build again.
    const damaged = damagedCache(error);
    if (!damaged) throw error;
    (options.logger ?? consoleLogger).error(`The build cache is damaged (${damaged.message}); building again without it`);
    await rm(path.join(cacheDir(options.cwd ?? process.cwd()), 'index.bin'), { force: true });
    return buildOnce(options, tuning);
  }
}

/** The `DamagedCacheError` behind an error (its cause, or its cause's), if any. */
function damagedCache(error: unknown): DamagedCacheError | undefined {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 8; cause = cause.cause, depth++) if (cause instanceof DamagedCacheError) return cause;
  return undefined;
}

async function buildOnce(options: BuildOptions, tuning: Tuning): Promise<BuildOutcome> {
  const started = performance.now();
  const timer = phaseTimer(tuning.timings, options.progress ?? noProgress);
  const settled = await inPhase('read', () => settleBuild(options, tuning, started));
  if ('stop' in settled) return { ok: false, ...settled.stop };
  const { setup } = settled;
  try {
    const own = setup.overrides.compiled.length;
    timer(own === 0 ? 'read: settings and templates' : `read: settings and templates (${own} of the site's own)`);
    const read = await inPhase('read', () => readStories(setup, (step) => timer(`read: ${step}`)));
    if (read.kind === 'up-to-date') return await inPhase('publish', () => publishUpToDate(setup, read));
    try {
      const assembly = await inPhase('assemble', () => assembleStories(setup, read));
      timer(`assemble: ${assembly.by}`);
      if (assembly.by === 'failed') return { ok: false, messages: assembly.messages };
      // Assembling ends with the search index started: Pagefind indexes while the reads are found and the pages render.
      const search = await inPhase('assemble', () => startSearchIndex(setup, read, assembly));
      if (search) timer('assemble: search index started');
      const reads = await inPhase('reads', () => readPages(setup, read, assembly));
      timer('reads: fingerprint');
      const outcome = await inPhase('publish', () => publishSite(setup, { read, assembly, reads, search }, (step) => timer(`publish: ${step}`)));
      if (tuning.timings && outcome.work) printWork(outcome.work, setup.progress);
      return outcome;
    } finally {
      await read.release();
    }
  } finally {
    await setup.overrides.dispose();
  }
}

/** Run one phase of a build, prefixing an error it throws with the phase's name (`publish: …`). */
async function inPhase<T>(phase: BuildPhase, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new Error(`${phase}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
