import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateCorpus, writeCorpus, type CorpusFile } from './corpus.js';
import { builtStories, measure, type Measurement } from './measure-runs.js';
import { median, seconds } from './peers/build-speed-report.js';
import { wiredesk, type BuildTool } from './peers/tools.js';
import { retireScratchDir, scratchDir } from './process-stats.js';

// Two builds of wiredesk on one corpus, turn about: this checkout and another one (`--against DIR`, a
// checkout of the code before a change, compiled), for a change's before and after figures measured in one
// run on one machine. Each run is a cold build, a no-change rebuild, a one-story edit and a one-story
// publish, in each checkout's own copy of the corpus; the order of the two checkouts alternates run by run.

/** How to compare two checkouts. */
export interface BeforeAfterOptions {
  /** The other checkout's folder: its compiled `bin/wiredesk.js` builds the "before" column. */
  readonly against: string;
  readonly sizes: readonly number[];
  readonly runs: number;
  /** `site.yaml` with `search: false`, or a new site's defaults (search on). */
  readonly searchOff: boolean;
  readonly progress?: (line: string) => void;
}

/** The builds timed in each run, in order. */
const builds = ['cold', 'no change', 'edit', 'publish'] as const;

type BuildName = (typeof builds)[number];

/** What was measured for one corpus size: each build's runs, for this checkout and the other. */
export interface BeforeAfterResult {
  readonly stories: number;
  readonly runs: number;
  readonly searchOff: boolean;
  readonly after: Readonly<Record<BuildName, Measurement>>;
  readonly before: Readonly<Record<BuildName, Measurement>>;
}

/** Wiredesk from the checkout at `repo` building `<work>/stories` into `<work>/dist`. */
function checkoutTool(repo: string, work: string, label: string): BuildTool {
  const own = wiredesk(work);
  return { ...own, label, args: [path.join(repo, 'bin', 'wiredesk.js'), 'build'] };
}

/** The middle story with another headline for run `index`, and a new story after the newest. */
function runChanges(files: readonly CorpusFile[], index: number): { readonly edited: CorpusFile; readonly published: CorpusFile } {
  const middle = files[Math.floor(files.length / 2)];
  const newest = files[files.length - 1];
  if (!middle || !newest) throw new Error('The corpus is empty');
  const date = /^date: (\S+)$/m.exec(newest.text)?.[1];
  const after = new Date(Date.parse(date ?? '2022-12-31T00:00:00Z') + (index + 1) * 60_000);
  return {
    edited: { source: middle.source, text: middle.text.replace(/^title: "(.*)"$/m, (_line, title: string) => `title: "${title} (Before-After Edit ${index + 1})"`) },
    published: {
      source: `${path.posix.dirname(newest.source)}/before-after-${index + 1}.md`,
      text: newest.text.replace(/^title: "(.*)"$/m, `title: "Before-After Publish ${index + 1}"`).replace(/^date: \S+$/m, `date: ${after.toISOString().slice(0, 19)}Z`),
    },
  };
}

/** Measure one corpus size with both checkouts, turn about. */
async function measureSize(stories: number, options: BeforeAfterOptions): Promise<BeforeAfterResult> {
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const root = await scratchDir('wiredesk-bench-before-after-');
  try {
    const files = generateCorpus({ stories, seed: 42 });
    const sides = [
      { name: 'after', repo: path.resolve(import.meta.dirname, '../..'), work: path.join(root, 'after') },
      { name: 'before', repo: path.resolve(options.against), work: path.join(root, 'before') },
    ] as const;
    for (const side of sides) {
      await writeCorpus(side.work, files);
      await writeFile(path.join(side.work, 'site.yaml'), options.searchOff ? 'pageSize: 20\nsearch: false\n' : 'pageSize: 20\n');
    }
    const results = { after: emptyRuns(), before: emptyRuns() };
    for (let index = 0; index < options.runs; index++) {
      const { edited, published } = runChanges(files, index);
      for (const side of index % 2 === 0 ? sides : [...sides].reverse()) {
        const tool = checkoutTool(side.repo, side.work, side.name);
        const timed = async (build: BuildName, before: () => Promise<void>, expected: number) => {
          const { measurement } = await measure(
            tool,
            `${build} (run ${index + 1})`,
            1,
            before,
            builtStories(() => expected),
            { bench: 'before-after', stories, progress },
          );
          if (measurement.failure !== undefined) throw new Error(`${side.name}: ${build} failed: ${measurement.failure}`);
          results[side.name][build].push(measurement);
        };
        await timed('cold', () => tool.clean(), stories + index);
        await timed('no change', async () => {}, stories + index);
        await timed('edit', () => writeFile(path.join(side.work, 'stories', edited.source), edited.text), stories + index);
        await timed('publish', () => writeFile(path.join(side.work, 'stories', published.source), published.text), stories + index + 1);
      }
    }
    return { stories, runs: options.runs, searchOff: options.searchOff, after: joinedRuns(results.after), before: joinedRuns(results.before) };
  } finally {
    await retireScratchDir(root);
  }
}

function emptyRuns(): Record<BuildName, Measurement[]> {
  return { cold: [], 'no change': [], edit: [], publish: [] };
}

function joinedRuns(runs: Record<BuildName, Measurement[]>): Record<BuildName, Measurement> {
  const joined = (list: readonly Measurement[]): Measurement => ({ wallMs: list.flatMap((one) => one.wallMs), peakRssMb: list.flatMap((one) => one.peakRssMb) });
  return { cold: joined(runs.cold), 'no change': joined(runs['no change']), edit: joined(runs.edit), publish: joined(runs.publish) };
}

/** Run the comparison for every size in turn; the other checkout must be compiled (`npm run compile` there). */
export async function runBeforeAfter(options: BeforeAfterOptions): Promise<BeforeAfterResult[]> {
  if (!existsSync(path.join(options.against, 'bin', 'wiredesk.js'))) throw new Error(`--against ${options.against}: no bin/wiredesk.js there (a wiredesk checkout, compiled)`);
  const results: BeforeAfterResult[] = [];
  for (const stories of options.sizes) results.push(await measureSize(stories, options));
  return results;
}

/** The report: each build's median time and peak RSS before and after, and after / before. */
export function formatBeforeAfter(results: readonly BeforeAfterResult[], against: string): string {
  const mib = (value: number | undefined) => (value === undefined ? '—' : `${Math.round(value)} MiB`);
  const lines = [
    `This checkout (after) against \`${against}\` (before), turn about, the order alternating run by run; medians of wall time and peak RSS.`,
    '',
    '| stories | search | build | before | after | after / before | peak RSS before | peak RSS after |',
    '|---:|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const result of results) {
    for (const build of builds) {
      const before = median(result.before[build].wallMs);
      const after = median(result.after[build].wallMs);
      const ratio = before === undefined || after === undefined || before === 0 ? '—' : `${(after / before).toFixed(2)}×`;
      lines.push(
        `| ${result.stories.toLocaleString('en')} | ${result.searchOff ? 'off' : 'on (default)'} | ${build} | ${seconds(before)} | ${seconds(after)} | ${ratio} | ${mib(median(result.before[build].peakRssMb))} | ${mib(median(result.after[build].peakRssMb))} |`,
      );
    }
  }
  return lines.join('\n');
}
