import type { BuildTool } from './peers/tools.js';
import { runMeasured, type ChildRun } from './process-stats.js';

// Timing a build tool's command a few times in child processes, shared by the benchmarks that build whole
// sites (build-speed, cold-budget): every run is checked, and the first failed one ends the measurement.

/** The runs of one measurement (wall ms, CPU ms and peak RSS MiB each), and why it stopped early, if it did. */
export interface Measurement {
  readonly wallMs: readonly number[];
  /** User plus system CPU time of each run, where GNU time reports it. */
  readonly cpuMs?: readonly (number | undefined)[];
  readonly peakRssMb: readonly (number | undefined)[];
  readonly failure?: string;
}

/** Why a finished child run does not count, or undefined when it does. */
export type Check = (run: ChildRun, index: number) => string | undefined;

/** Any run that exits with code 0 counts. */
export const anyRun: Check = () => undefined;

/** The line wiredesk ends a build with. */
export const wiredeskSummary = /^Built (\d+) stories into (\d+) pages and (\d+) feeds in [\d.]+ ms/m;

/** Check that wiredesk said it built `expected(index)` stories. */
export function builtStories(expected: (index: number) => number): Check {
  return (run, index) => {
    const match = wiredeskSummary.exec(run.stdout);
    if (!match) return `no summary line in: ${run.stdout.trim().slice(0, 300)}`;
    return Number(match[1]) === expected(index) ? undefined : `built ${match[1]} stories, expected ${expected(index)}`;
  };
}

/** How long one build may take before it is killed: generous, as it is a bound and not a goal. */
const timeoutFor = (stories: number) => 120_000 + stories * 40;

/** Where a measurement is reported: the bench's name and the corpus size, for progress lines. */
export interface MeasureContext {
  readonly bench: string;
  readonly stories: number;
  readonly progress: (line: string) => void;
}

/** Run `tool` up to `runs` times, calling `before` ahead of each (untimed); stop at the first failed run. */
export async function measure(
  tool: BuildTool,
  name: string,
  runs: number,
  before: (index: number) => Promise<void>,
  check: Check,
  context: MeasureContext,
): Promise<{ measurement: Measurement; last: ChildRun | undefined }> {
  const { bench, stories, progress } = context;
  const wallMs: number[] = [];
  const cpuMs: (number | undefined)[] = [];
  const peakRssMb: (number | undefined)[] = [];
  let last: ChildRun | undefined;
  for (let index = 0; index < runs; index++) {
    await tool.settle?.();
    await before(index);
    const run = await runMeasured(tool.command, tool.args, { cwd: tool.cwd, timeoutMs: timeoutFor(stories) });
    last = run;
    const failure = run.timedOut
      ? `timed out after ${Math.round(timeoutFor(stories) / 1000)} s`
      : run.exitCode !== 0
        ? `exit code ${run.exitCode}: ${(run.stderr || run.stdout).trim().split('\n').slice(-5).join(' | ').slice(0, 500)}`
        : check(run, index);
    if (failure !== undefined) {
      progress(`${bench} ${stories}: ${tool.label} ${name} run ${index + 1} failed: ${failure}`);
      return { measurement: { wallMs, cpuMs, peakRssMb, failure }, last };
    }
    wallMs.push(run.wallMs);
    cpuMs.push(run.cpuMs);
    peakRssMb.push(run.peakRssMb);
    const rss = run.peakRssMb === undefined ? '' : `, ${Math.round(run.peakRssMb)} MiB`;
    const cpu = run.cpuMs === undefined ? '' : `, CPU ${(run.cpuMs / 1000).toFixed(1)} s`;
    progress(`${bench} ${stories}: ${tool.label} ${name} ${index + 1}/${runs}: ${(run.wallMs / 1000).toFixed(2)} s${cpu}${rss}`);
  }
  return { measurement: { wallMs, cpuMs, peakRssMb }, last };
}

/** Two measurements joined: the runs of both, and the first failure. */
export function joined(a: Measurement, b: Measurement): Measurement {
  const failure = a.failure ?? b.failure;
  return {
    wallMs: [...a.wallMs, ...b.wallMs],
    cpuMs: [...(a.cpuMs ?? a.wallMs.map(() => undefined)), ...(b.cpuMs ?? b.wallMs.map(() => undefined))],
    peakRssMb: [...a.peakRssMb, ...b.peakRssMb],
    ...(failure === undefined ? {} : { failure }),
  };
}
