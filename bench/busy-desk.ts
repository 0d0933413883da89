import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateCorpus, writeCorpus, type CorpusBenchOptions, type CorpusFile } from './corpus.js';
import { builtStories, joined, measure, type Measurement } from './measure-runs.js';
import { count, median, seconds } from './peers/build-speed-report.js';
import { wiredesk } from './peers/tools.js';
import { retireScratchDir, scratchDir } from './process-stats.js';

// A desk that files hundreds of stories a day: the bench corpus, its newest stories re-dated into
// one week at `perDay` a day, then one story published into the newest day at a time, with the
// settings a new site gets (search on). What a publish costs there is what its search shard holds:
// the newest day's stories, once a week that busy is cut into days (see src/search/period.ts).

/** How to run the busy-desk benchmark. */
export interface BusyDeskOptions extends CorpusBenchOptions {
  /** Stories filed each day of the busy week (default 300). */
  readonly perDay?: number;
  /** Stories published one after another, each timed. */
  readonly publishes: number;
}

/** The publishes into one corpus size. */
export interface BusyDeskResult {
  readonly stories: number;
  readonly perDay: number;
  readonly publishes: Measurement;
  /** What each publish did with the search index, as its manifest says (`shardsIndexed` of `shards`). */
  readonly searchWork: readonly string[];
}

/** The busy week: the seven days from 22 December 2022, the end of the bench corpus's span. */
const firstDay = 22;

/** The date of the `index`-th of `perDay` stories filed on `day` (of December 2022), spread over the day. */
function filedAt(day: number, index: number, perDay: number): string {
  const minutes = Math.floor((index * 24 * 60) / perDay);
  return `2022-12-${day}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+03:00`;
}

/** The bench corpus of `stories`, its newest `7 × perDay` re-dated into the busy week. */
export function busyCorpus(stories: number, perDay: number, seed: number): CorpusFile[] {
  const busy = Math.min(stories, 7 * perDay);
  return generateCorpus({ stories, seed }).map((file, at) => {
    const index = at - (stories - busy);
    if (index < 0) return file;
    return { ...file, text: file.text.replace(/^date: .*$/m, `date: ${filedAt(firstDay + Math.floor(index / perDay), index % perDay, perDay)}`) };
  });
}

/** A story filed late on the busy week's last day, the `n`-th published. */
function publishedStory(n: number): string {
  return `---\ntitle: "Busy desk story ${n}"\ndate: 2022-12-${firstDay + 6}T23:${String(50 + (n % 10)).padStart(2, '0')}:30+03:00\nsection: World\n---\n\nThe ${n}th story of a busy evening, filed late.\n`;
}

/** Build the busy corpus of each size once, then time `publishes` publishes into its newest day. */
export async function runBusyDesk(options: BusyDeskOptions): Promise<BusyDeskResult[]> {
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const perDay = options.perDay ?? 300;
  const results: BusyDeskResult[] = [];
  for (const stories of options.sizes) {
    const work = await scratchDir('wiredesk-bench-busy-desk-');
    try {
      await writeCorpus(work, busyCorpus(stories, perDay, options.seed ?? 42));
      await writeFile(path.join(work, 'site.yaml'), 'title: Busy desk\nbaseUrl: https://example.org/\npageSize: 20\n');
      const tool = wiredesk(work);
      const context = { bench: 'busy-desk', stories, progress };
      // The cold build, then one with nothing new: the code cache settles, as on a desk that publishes all day.
      const first = await measure(
        tool,
        'cold build',
        2,
        async () => undefined,
        builtStories(() => stories),
        context,
      );
      if (first.measurement.failure) return [...results, { stories, perDay, publishes: first.measurement, searchWork: [] }];
      let publishes: Measurement = { wallMs: [], cpuMs: [], peakRssMb: [] };
      const searchWork: string[] = [];
      for (let n = 1; n <= options.publishes && publishes.failure === undefined; n++) {
        const before = () => writeFile(path.join(work, 'stories', '2022', `busy-${n}.md`), publishedStory(n));
        const run = await measure(
          tool,
          'publish',
          1,
          before,
          builtStories(() => stories + n),
          context,
        );
        publishes = joined(publishes, run.measurement);
        searchWork.push(await searchWorkOf(work));
      }
      results.push({ stories, perDay, publishes, searchWork });
    } finally {
      await retireScratchDir(work);
    }
  }
  return results;
}

/** What the last build did with the search index, from the manifest it kept. */
async function searchWorkOf(work: string): Promise<string> {
  try {
    const manifest = JSON.parse(await readFile(path.join(work, '.wiredesk-cache', 'manifest.json'), 'utf8')) as { work?: { searchIndex?: { shards?: number; shardsIndexed?: number } } };
    const search = manifest.work?.searchIndex;
    return search?.shardsIndexed === undefined ? '—' : `${search.shardsIndexed} of ${search.shards ?? '?'}`;
  } catch {
    return '—';
  }
}

/** The busy-desk results as a markdown table: the publishes' median wall and CPU time and peak memory. */
export function formatBusyDesk(results: readonly BusyDeskResult[]): string {
  const lines = ['| stories | filed a day in the busy week | publish one story (median) | CPU | peak RSS | shards indexed |', '|---:|---:|---:|---:|---:|---|'];
  const notes: string[] = [];
  for (const result of results) {
    const { publishes } = result;
    if (publishes.failure !== undefined) notes.push(`- ⚠ ${count(result.stories)} stories: ${publishes.failure}`);
    const rss = median(publishes.peakRssMb);
    const work = [...new Set(result.searchWork)].join(', ');
    lines.push(
      `| ${count(result.stories)} | ${result.perDay} | ${seconds(median(publishes.wallMs))} | ${seconds(median(publishes.cpuMs ?? []))} | ${rss === undefined ? '—' : `${Math.round(rss)} MiB`} | ${work} |`,
    );
  }
  const runs = Math.max(0, ...results.map((result) => result.publishes.wallMs.length));
  return [...lines, '', `Median of ${runs} publishes in a row, each a story filed late on the busy week's last day; default settings (search on), pageSize 20.`, ...notes].join('\n');
}
