import { cp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateCorpus, writeCorpus, type CorpusBenchOptions } from './corpus.js';
import { builtStories, joined, measure, type Measurement } from './measure-runs.js';
import { count, median, seconds } from './peers/build-speed-report.js';
import { wiredesk } from './peers/tools.js';
import { moveToBenchTrash, retireScratchDir, scratchDir } from './process-stats.js';

// A CI run of the workflow `wiredesk init` writes: a fresh checkout of the stories (new modification
// times and inodes), `.wiredesk-cache/` restored as the last run saved it, no output folder. Timed
// against a cold build of the same checkout (no cache), runs interleaved, each the real CLI in a
// child process. A benchmark, not a timed test.

/** How to run the ci-cache benchmark. */
export interface CiCacheOptions extends CorpusBenchOptions {
  /** Runs of each case; the median is reported. */
  readonly runs: number;
  /** The `search` settings to build with (default: on, the default setting, and off). */
  readonly search?: readonly boolean[];
}

/** Cold and restored builds of one corpus with one `search` setting. */
export interface CiCacheResult {
  readonly stories: number;
  readonly search: boolean;
  readonly cold: Measurement;
  readonly restored: Measurement;
}

const noRuns: Measurement = { wallMs: [], cpuMs: [], peakRssMb: [] };

/** Measure one size and setting: a first build to make the cache, then cold and restored builds in turn. */
async function measureCase(work: string, stories: number, search: boolean, runs: number, progress: (line: string) => void): Promise<CiCacheResult> {
  const checkout = path.join(work, 'checkout');
  const saved = path.join(work, 'saved-cache');
  const tool = wiredesk(checkout);
  const siteYaml = `pageSize: 20\n${search ? '' : 'search: false\n'}`;
  /** A fresh checkout at the same path (as a CI workspace is): the stories copied without their times, and the cache restored with them, as `actions/cache` restores it. */
  const freshCheckout = async (withCache: boolean) => {
    await tool.settle?.();
    await moveToBenchTrash(checkout);
    await cp(path.join(work, 'origin', 'stories'), path.join(checkout, 'stories'), { recursive: true });
    await writeFile(path.join(checkout, 'site.yaml'), siteYaml);
    if (!withCache) return;
    await cp(saved, path.join(checkout, '.wiredesk-cache'), { recursive: true, preserveTimestamps: true });
    // After `npm ci` wiredesk's own files are new too: the memo of its code digest does not hold.
    await rm(path.join(checkout, '.wiredesk-cache', 'code.json'), { force: true });
  };
  const context = { bench: 'ci-cache', stories, progress };
  const label = `search ${search ? 'on' : 'off'}`;
  const check = builtStories(() => stories);
  const first = await measure(tool, `${label}, first build`, 1, () => freshCheckout(false), check, context);
  if (first.measurement.failure) return { stories, search, cold: first.measurement, restored: noRuns };
  await tool.settle?.();
  await moveToBenchTrash(saved);
  await cp(path.join(checkout, '.wiredesk-cache'), saved, { recursive: true, preserveTimestamps: true });
  let cold = noRuns;
  let restored = noRuns;
  // Interleaved, so that a slow spell of a shared machine weighs on both alike.
  for (let run = 0; run < runs && cold.failure === undefined && restored.failure === undefined; run++) {
    cold = joined(cold, (await measure(tool, `${label}, cold`, 1, () => freshCheckout(false), check, context)).measurement);
    restored = joined(restored, (await measure(tool, `${label}, restored cache`, 1, () => freshCheckout(true), check, context)).measurement);
  }
  await tool.settle?.();
  return { stories, search, cold, restored };
}

/** Run the ci-cache benchmark for every size, with search on and off. */
export async function runCiCache(options: CiCacheOptions): Promise<CiCacheResult[]> {
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const results: CiCacheResult[] = [];
  for (const stories of options.sizes) {
    const work = await scratchDir('wiredesk-bench-ci-cache-');
    try {
      await writeCorpus(path.join(work, 'origin'), generateCorpus({ stories, seed: options.seed ?? 42 }));
      for (const search of options.search ?? [true, false]) results.push(await measureCase(work, stories, search, options.runs, progress));
    } finally {
      await retireScratchDir(work);
    }
  }
  return results;
}

/** The ci-cache results as a markdown table: median wall (and CPU) times, and the restored build's time as a share of the cold one's. */
export function formatCiCache(results: readonly CiCacheResult[]): string {
  const lines = ['| stories | search | cold build | fresh checkout + restored cache | restored / cold |', '|---:|---|---:|---:|---:|'];
  const notes: string[] = [];
  for (const result of results) {
    const cold = median(result.cold.wallMs);
    const restored = median(result.restored.wallMs);
    const ratio = cold !== undefined && restored !== undefined ? `${(restored / cold).toFixed(2)}×` : '—';
    for (const failure of [result.cold.failure, result.restored.failure]) if (failure !== undefined) notes.push(`- ⚠ ${count(result.stories)} stories: ${failure}`);
    const cpu = (measurement: Measurement) => {
      const ms = median(measurement.cpuMs ?? []);
      return ms === undefined ? '' : ` (CPU ${seconds(ms)})`;
    };
    lines.push(`| ${count(result.stories)} | ${result.search ? 'on' : 'off'} | ${seconds(cold)}${cpu(result.cold)} | ${seconds(restored)}${cpu(result.restored)} | ${ratio} |`);
  }
  const runs = Math.max(0, ...results.map((result) => result.cold.wallMs.length));
  return [...lines, '', `Median of ${runs} run${runs === 1 ? '' : 's'} of each, interleaved; pageSize 20, no --base-url.`, ...notes].join('\n');
}
