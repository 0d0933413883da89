import { parseArgs } from 'node:util';
import { formatBeforeAfter, runBeforeAfter } from './before-after.js';
import { formatBusyDesk, runBusyDesk } from './busy-desk.js';
import { runBuildSpeed } from './build-speed.js';
import { formatCiCache, runCiCache } from './ci-cache.js';
import { runColdBudget } from './cold-budget.js';
import { formatColdBudget } from './cold-budget-report.js';
import { formatDevEdit, runDevEdit } from './dev-edit.js';
import { formatBuildSpeed } from './peers/build-speed-report.js';
import { formatSearchCost, runSearchCost } from './search-cost.js';
import { formatStageSpeed, runStageSpeed } from './stage-speed.js';
import { formatWatchPublish, runWatchPublish } from './watch-publish.js';

// `npm run bench [-- --only NAME] [-- --sizes 1000,10000] [-- --edits 10] [-- --runs 3] [-- --huge]
// [-- --against DIR] [-- --search-off]`: run the benchmarks, print markdown.

/** What every benchmark is handed from the command line. */
interface BenchOptions {
  readonly sizes: readonly number[] | undefined;
  readonly edits: number | undefined;
  readonly runs: number | undefined;
  /** Add 100,000 stories to the sizes of the benchmarks that build whole sites. */
  readonly huge: boolean;
  /** Another wiredesk checkout, compiled, for `before-after` to compare this one with. */
  readonly against: string | undefined;
  /** Build with `search: false` where a benchmark lets the settings be chosen (`before-after`). */
  readonly searchOff: boolean;
}

/** A named benchmark: runs with the shared options and returns its report as markdown. */
interface Benchmark {
  readonly describe: string;
  run(options: BenchOptions): Promise<string>;
}

const benchmarks: Readonly<Record<string, Benchmark>> = {
  'dev-edit': {
    describe: 'wiredesk dev: save a story → reload event and updated page served',
    run: async ({ sizes, edits }) => formatDevEdit(await runDevEdit({ sizes: sizes ?? [1_000, 10_000], edits: edits ?? 10 })),
  },
  'watch-publish': {
    describe: 'wiredesk build --watch: a story file lands in stories/ → its page and lists in the output',
    run: async ({ sizes, edits }) => formatWatchPublish(await runWatchPublish({ sizes: sizes ?? [1_000, 10_000], publishes: edits ?? 10 })),
  },
  'busy-desk': {
    describe: 'a desk filing 300 stories a day: one story published into the newest day, default settings',
    run: async ({ sizes, edits }) => formatBusyDesk(await runBusyDesk({ sizes: sizes ?? [3_000], publishes: edits ?? 5 })),
  },
  'stage-speed': {
    describe: 'CPU per stage on one thread: parse and model a story, resolve the site, render a page of each kind',
    run: async ({ sizes, runs }) => formatStageSpeed(await runStageSpeed({ sizes: sizes ?? [1_000], passes: runs ?? 3 })),
  },
  'search-cost': {
    describe: "search's CPU per story: its document, sending it to Pagefind, and Pagefind's own process",
    run: async ({ sizes, runs }) => formatSearchCost(await runSearchCost({ sizes: sizes ?? [2_000], passes: runs ?? 3 })),
  },
  'build-speed': {
    describe: 'wiredesk build with default settings and with search off: cold, no change, one edit, one new story; Hugo and Eleventy cold and the bare Markdown stack, same corpus',
    run: async ({ sizes, runs, huge }) => {
      const chosen = [...new Set([...(sizes ?? [1_000, 10_000]), ...(huge ? [100_000] : [])])];
      return formatBuildSpeed(await runBuildSpeed({ sizes: chosen, runs: runs ?? 3 }));
    },
  },
  'before-after': {
    describe: 'this checkout against another (--against DIR, compiled), turn about: cold, no change, one edit, one new story',
    run: async ({ sizes, runs, against, searchOff }) => {
      if (against === undefined) return 'Skipped: give `--against DIR`, another wiredesk checkout with `npm run compile` run in it.';
      return formatBeforeAfter(await runBeforeAfter({ against, sizes: sizes ?? [1_000], runs: runs ?? 3, searchOff }), against);
    },
  },
  'ci-cache': {
    describe: 'wiredesk build on a fresh checkout with .wiredesk-cache restored (CI) against a cold build, search on and off',
    run: async ({ sizes, runs }) => formatCiCache(await runCiCache({ sizes: sizes ?? [1_000], runs: runs ?? 3 })),
  },
  'cold-budget': {
    describe: 'the Markdown stack alone on every core, and wiredesk and Hugo cold builds with full and cut bodies',
    run: async ({ sizes, runs }) => formatColdBudget(await runColdBudget({ sizes: sizes ?? [10_000], runs: runs ?? 3 })),
  },
};

const usage = `Usage: npm run bench -- [--only NAME[,NAME]] [--sizes N,N] [--edits N] [--runs N] [--huge] [--against DIR] [--search-off]

Benchmarks:
${Object.entries(benchmarks)
  .map(([name, bench]) => `  ${name.padEnd(12)} ${bench.describe}`)
  .join('\n')}`;

function positiveIntegers(text: string, flag: string): number[] {
  const values = text.split(',').map((part) => Number(part.trim().replace(/_/g, '')));
  if (values.length === 0 || values.some((value) => !Number.isInteger(value) || value < 1)) {
    throw new Error(`${flag} expects positive whole numbers separated by commas, not "${text}"`);
  }
  return values;
}

/** Parse the flags, run the chosen benchmarks in order, print each report, and return the exit code. */
async function main(argv: readonly string[]): Promise<number> {
  let selected: string[];
  let options: BenchOptions;
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        only: { type: 'string' },
        sizes: { type: 'string' },
        edits: { type: 'string' },
        runs: { type: 'string' },
        huge: { type: 'boolean' },
        against: { type: 'string' },
        'search-off': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    selected = values.only === undefined ? Object.keys(benchmarks) : values.only.split(',').map((name) => name.trim());
    const unknown = selected.find((name) => !(name in benchmarks));
    if (unknown !== undefined) throw new Error(`Unknown benchmark "${unknown}"`);
    options = {
      sizes: values.sizes === undefined ? undefined : positiveIntegers(values.sizes, '--sizes'),
      edits: values.edits === undefined ? undefined : (positiveIntegers(values.edits, '--edits')[0] ?? 10),
      runs: values.runs === undefined ? undefined : (positiveIntegers(values.runs, '--runs')[0] ?? 3),
      huge: values.huge ?? false,
      against: values.against,
      searchOff: values['search-off'] ?? false,
    };
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${usage}\n`);
    return 2;
  }
  for (const name of selected) {
    const bench = benchmarks[name];
    if (!bench) continue;
    try {
      process.stdout.write(`## ${name}\n\n${await bench.run(options)}\n\n`);
    } catch (error) {
      process.stderr.write(`bench ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      return 1;
    }
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
