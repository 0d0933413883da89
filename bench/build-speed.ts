import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateCorpus, writeCorpus, type CorpusBenchOptions, type CorpusFile } from './corpus.js';
import { countPages, type PageCounts } from './peers/count-pages.js';
import { eleventy, hugo, isTool, wiredesk, type BuildTool, type MissingTool } from './peers/tools.js';
import { anyRun, builtStories, measure as measureRuns, wiredeskSummary, type Check, type Measurement } from './measure-runs.js';
import { hasGnuTime, retireScratchDir, scratchDir } from './process-stats.js';
import { storyBody, timeMarkdownStack, type MarkdownStackRun } from './markdown-stack.js';

// Whole-site build times of `wiredesk build` (cold, no change, one edited story, one new story), with the
// settings a new site gets (search on) and with `search: false`, of its peers' cold builds, and of the bare
// Markdown stack (the floor of any build made with it), on one generated corpus in one temporary folder, each
// the median of a few runs of the real command in a child process. A benchmark, not a timed test; the tables
// are made by peers/build-speed-report.ts.

/** How to run the build-speed benchmark. */
export interface BuildSpeedOptions extends CorpusBenchOptions {
  /** Runs per measurement; the median is reported. Each size gets one corpus that every tool builds. */
  readonly runs: number;
  /** Whether to run the peers (Hugo, Eleventy) too. */
  readonly peers?: boolean;
}

export type { Measurement } from './measure-runs.js';

/** What one tool did on one corpus: wiredesk has all four measurements, a peer the cold build only. */
export interface ToolResult {
  readonly label: string;
  /** Wiredesk's settings for these builds: the defaults a new site gets (search on), or search off. */
  readonly settings?: WiredeskSettings;
  readonly cold: Measurement;
  readonly noChange?: Measurement;
  readonly edit?: Measurement;
  readonly publish?: Measurement;
  /** The output files by kind, after the last cold build. */
  readonly counts: PageCounts | undefined;
  /** What the tool said of its cold build (wiredesk: `Built N stories into P pages and F feeds in T ms`). */
  readonly summary: string | undefined;
}

/** The `site.yaml` settings wiredesk builds the corpus with: a new site's defaults (search on), or `search: false`. */
export type WiredeskSettings = 'default' | 'search off';

/** Everything measured for one corpus size. */
export interface SizeResult {
  readonly stories: number;
  readonly runs: number;
  /** Wiredesk with each of its settings first, then the peers. */
  readonly tools: readonly ToolResult[];
  /** The bare Markdown stack on every body, on every core: the least a build made with it can cost (median of the runs). */
  readonly floor?: MarkdownStackRun;
  readonly missing: readonly MissingTool[];
}

/** Run `tool` up to `runs` times (see `measureRuns`), with this bench's progress lines. */
function measure(tool: BuildTool, name: string, stories: number, runs: number, before: (index: number) => Promise<void>, check: Check, progress: (line: string) => void) {
  return measureRuns(tool, name, runs, before, check, { bench: 'build-speed', stories, progress });
}

/** The middle story with a changed headline, different for every run. */
function editedHeadline(file: CorpusFile, index: number): string {
  return file.text.replace(/^title: "(.*)"$/m, (_line, title: string) => `title: "${title} (Bench Edit ${index + 1})"`);
}

/** A new story for the top of the archive: the newest one's text, a new headline and a date just after it. */
function newStory(newest: CorpusFile, index: number): CorpusFile {
  const date = /^date: (\S+)$/m.exec(newest.text)?.[1];
  const after = new Date(Date.parse(date ?? '2022-12-31T00:00:00Z') + (index + 1) * 60_000);
  const text = newest.text.replace(/^title: "(.*)"$/m, `title: "Bench Publish ${index + 1}: A New Story Tops The Archive"`).replace(/^date: \S+$/m, `date: ${after.toISOString().slice(0, 19)}Z`);
  return { source: `${path.posix.dirname(newest.source)}/bench-publish-${index + 1}.md`, text };
}

/** Wiredesk on the corpus in `work` with `settings`: cold builds, then rebuilds with no change, one edited story, one new story. */
async function measureWiredesk(work: string, files: readonly CorpusFile[], settings: WiredeskSettings, runs: number, progress: (line: string) => void): Promise<ToolResult> {
  await writeFile(path.join(work, 'site.yaml'), settings === 'default' ? 'pageSize: 20\n' : 'pageSize: 20\nsearch: false\n');
  const tool = wiredesk(work);
  const label = `${tool.label} (${settings === 'default' ? 'default: search on' : 'search off'})`;
  const stories = files.length;
  const middle = files[Math.floor(stories / 2)];
  const newest = files[stories - 1];
  if (!middle || !newest) throw new Error('The corpus is empty');
  const story = (file: CorpusFile) => path.join(work, 'stories', file.source);
  const cold = await measure(
    tool,
    'cold build',
    stories,
    runs,
    () => tool.clean(),
    builtStories(() => stories),
    progress,
  );
  const counts = cold.last && !cold.measurement.failure ? await countPages(tool.outDir) : undefined;
  const summary = cold.last ? wiredeskSummary.exec(cold.last.stdout)?.[0] : undefined;
  if (cold.measurement.failure) return { label, settings, cold: cold.measurement, counts, summary };
  const published: string[] = [];
  try {
    const noChange = await measure(
      tool,
      'no-change rebuild',
      stories,
      runs,
      async () => {},
      builtStories(() => stories),
      progress,
    );
    const edit = await measure(
      tool,
      'one-story edit',
      stories,
      runs,
      (index) => writeFile(story(middle), editedHeadline(middle, index)),
      builtStories(() => stories),
      progress,
    );
    const publish = await measure(
      tool,
      'publish one story',
      stories,
      runs,
      async (index) => {
        const file = newStory(newest, index);
        published.push(story(file));
        await writeFile(story(file), file.text);
      },
      builtStories((index) => stories + index + 1),
      progress,
    );
    return { label, settings, cold: cold.measurement, noChange: noChange.measurement, edit: edit.measurement, publish: publish.measurement, counts, summary };
  } finally {
    // Put the corpus back as generated, for the other settings and the peers.
    await writeFile(story(middle), middle.text);
    for (const file of published) await rm(file, { force: true });
    await tool.clean();
  }
}

/** A peer's cold builds of the corpus in `work`, then its output counted. */
async function measurePeer(tool: BuildTool, stories: number, runs: number, progress: (line: string) => void): Promise<ToolResult> {
  const cold = await measure(tool, 'cold build', stories, runs, () => tool.clean(), anyRun, progress);
  const counts = cold.last && !cold.measurement.failure ? await countPages(tool.outDir) : undefined;
  const summary = cold.last ? (cold.last.stdout + cold.last.stderr).trim().split('\n').slice(-1)[0] : undefined;
  await tool.clean();
  return { label: tool.label, cold: cold.measurement, counts, summary };
}

/** The bare Markdown stack on every body of the corpus, on every core: the run of median wall time of `runs`. */
async function measureFloor(files: readonly CorpusFile[], runs: number, progress: (line: string) => void): Promise<MarkdownStackRun> {
  const bodies = files.map((file) => storyBody(file.text));
  const timed: MarkdownStackRun[] = [];
  for (let run = 0; run < runs; run++) timed.push(await timeMarkdownStack(bodies));
  timed.sort((a, b) => a.wallMs - b.wallMs);
  const middle = timed[Math.floor(timed.length / 2)];
  if (!middle) throw new Error('The Markdown stack was not timed');
  progress(`build-speed ${files.length}: the bare Markdown stack took ${Math.round(middle.wallMs)} ms (median of ${runs})`);
  return middle;
}

/** Measure one corpus size: generate it once, run wiredesk and every installed peer on it, clean up. */
async function measureSize(stories: number, options: BuildSpeedOptions): Promise<SizeResult> {
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const work = await scratchDir('wiredesk-bench-build-speed-');
  try {
    const files = generateCorpus({ stories, seed: options.seed ?? 42 });
    await writeCorpus(work, files);
    progress(`build-speed ${stories}: corpus written to ${work}`);
    // With a new site's settings (search on), and with search off: Hugo and Eleventy build no search index.
    const tools: ToolResult[] = [];
    for (const settings of ['default', 'search off'] as const) tools.push(await measureWiredesk(work, files, settings, options.runs, progress));
    const missing: MissingTool[] = [];
    if (options.peers ?? true) {
      for (const find of [hugo, eleventy]) {
        const peer = await find(work);
        if (!isTool(peer)) {
          progress(`build-speed ${stories}: ${peer.note}`);
          missing.push(peer);
          continue;
        }
        tools.push(await measurePeer(peer, stories, options.runs, progress));
      }
    }
    // The corpus must be as generated: every tool built the same files.
    const check = files[Math.floor(stories / 2)];
    if (check && (await readFile(path.join(work, 'stories', check.source), 'utf8')) !== check.text) throw new Error('The corpus was not restored');
    return { stories, runs: options.runs, tools, missing, floor: await measureFloor(files, options.runs, progress) };
  } finally {
    await retireScratchDir(work);
  }
}

/** Run the build-speed benchmark for every size in turn. */
export async function runBuildSpeed(options: BuildSpeedOptions): Promise<SizeResult[]> {
  if (!hasGnuTime()) (options.progress ?? ((line: string) => process.stderr.write(`${line}\n`)))('build-speed: no /usr/bin/time, peak RSS is polled from /proc every 20 ms');
  const results: SizeResult[] = [];
  for (const stories of options.sizes) results.push(await measureSize(stories, options));
  return results;
}
