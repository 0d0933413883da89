import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { generateCorpus, writeCorpus, type CorpusBenchOptions, type CorpusFile } from './corpus.js';
import { peakRssMb, Timeline } from './dev-client.js';
import { retireScratchDir, scratchDir } from './process-stats.js';

// From a story file landing in `stories/` to its page and the list pages that show it being in the
// output, as `wiredesk build --watch` publishes it: the real CLI in a child process on a generated
// corpus, with the settings a new site gets (search on). A benchmark, not a timed test.

const cli = fileURLToPath(new URL('../../bin/wiredesk.js', import.meta.url));

/** How to run the watch-publish benchmark. */
export interface WatchPublishOptions extends CorpusBenchOptions {
  /** Timed stories published per size (after one untimed warm-up). */
  readonly publishes: number;
  /** The settings to measure each size with, in turn (default: a new site's, search on, then search off). */
  readonly variants?: readonly SettingsVariant[];
}

/** Settings to measure with: a name for the report and the lines of site.yaml. */
export interface SettingsVariant {
  readonly name: string;
  readonly siteYaml: string;
}

/** A new site's settings (search on), then the same with search off. */
export const defaultVariants: readonly SettingsVariant[] = [
  { name: 'default (search on)', siteYaml: 'pageSize: 20\n' },
  { name: 'search off', siteYaml: 'pageSize: 20\nsearch: false\n' },
];

/** One story published: ms from the start of its write until its page and each list page showed it, and what the build said. */
export interface PublishSample {
  /** Until the story's page, the home page, its section's and its first tag's pages all showed it. */
  readonly landedMs: number | undefined;
  /** Until the watch printed the build's line: the build is done (search index, cache) and the deploy command may start. */
  readonly lineMs: number | undefined;
  /** The build's own time, as its line says. */
  readonly buildMs: number | undefined;
  readonly written: number | undefined;
}

/** Everything measured for one corpus size. */
export interface WatchPublishResult {
  readonly stories: number;
  readonly settings: string;
  /** Until the watch said it was watching (the first, cold build included). */
  readonly readyMs: number;
  readonly peakRssMb: number | undefined;
  readonly warmup: PublishSample;
  readonly samples: readonly PublishSample[];
}

const buildLine = / {2}stories\/\S+ added · ([\d,]+) written, [\d,]+ removed · ([\d.]+) s/;
const publishTimeoutMs = 600_000;

/** A running `wiredesk build --watch`. */
interface WatchChild {
  readonly pid: number;
  readonly lines: Timeline<string>;
  stop(): Promise<void>;
}

/** Start `wiredesk build --watch` in `cwd` and wait until it watches (its first build done). */
async function startWatch(cwd: string, timeoutMs: number): Promise<WatchChild & { readonly readyMs: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [cli, 'build', '--watch'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = new Timeline<string>();
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream.setEncoding('utf8').on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) lines.push(line);
    });
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGINT');
    if (await Promise.race([exited.then(() => true), sleep(30_000, false)])) return;
    child.kill('SIGKILL');
    await exited;
  };
  const ready = await Promise.race([lines.waitFor((line) => line.startsWith('Watching for changes'), 0, timeoutMs), exited.then(() => undefined)]);
  if (!ready || child.pid === undefined) {
    await stop();
    throw new Error(`wiredesk build --watch did not watch within ${timeoutMs} ms:\n${lines.items.map((item) => item.value).join('\n')}`);
  }
  return { pid: child.pid, lines, stop, readyMs: ready.at - started };
}

/** A new story dated `date`, in the section and first tag of `like` (so it joins lists that exist). */
function newStory(like: CorpusFile, id: string, headline: string, date: Date): { text: string; section: string; tag: string } {
  const section = /^section: (.+)$/m.exec(like.text)?.[1] ?? 'World';
  const tag = /^tags: \[([^,\]]+)/m.exec(like.text)?.[1]?.trim() ?? 'news';
  const text = ['---', `title: "${headline}"`, `date: ${date.toISOString().slice(0, 19)}+00:00`, `section: ${section}`, `tags: [${tag}]`, '---', '', `${headline}: the story of ${id}.`, ''].join('\n');
  return { text, section, tag };
}

/** Poll the output files until each holds `marker`: the `performance.now()` it was first so, or undefined at `deadline`. */
async function untilAllShow(files: readonly string[], marker: string, deadline: number): Promise<number | undefined> {
  const seen = new Set<string>();
  while (performance.now() < deadline) {
    for (const file of files) {
      if (!seen.has(file) && (await readFile(file, 'utf8').catch(() => '')).includes(marker)) seen.add(file);
    }
    if (seen.size === files.length) return performance.now();
    await sleep(5);
  }
  return undefined;
}

/** Write one new story into `stories/` and time it into the output. */
async function publishOne(dir: string, watch: WatchChild, like: CorpusFile, n: number): Promise<PublishSample> {
  const id = `watch-bench-${n}`;
  const marker = `Watch Bench Story ${n} Lands`;
  const date = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
  const story = newStory(like, id, marker, date);
  const day = date.toISOString().slice(0, 10).split('-').join('/');
  const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const out = path.join(dir, 'dist');
  const pages = [`${day}/${id}/index.html`, 'index.html', `sections/${slug(story.section)}/index.html`, `tags/${slug(story.tag)}/index.html`].map((file) => path.join(out, file));
  const from = watch.lines.items.length;
  const t0 = performance.now();
  await writeFile(path.join(dir, 'stories', `${id}.md`), story.text);
  const [landed, line] = await Promise.all([
    untilAllShow(pages, marker, t0 + publishTimeoutMs),
    watch.lines.waitFor((text) => buildLine.test(text) && text.includes(`${id}.md`), from, publishTimeoutMs),
  ]);
  const figures = line ? buildLine.exec(line.value) : null;
  return {
    landedMs: landed === undefined ? undefined : landed - t0,
    lineMs: line === undefined ? undefined : line.at - t0,
    buildMs: figures?.[2] === undefined ? undefined : Number(figures[2]) * 1000,
    written: figures?.[1] === undefined ? undefined : Number(figures[1].replace(/,/g, '')),
  };
}

/** Measure one corpus size with a fresh corpus and watch process; clean up after. */
async function measureSize(stories: number, variant: SettingsVariant, options: WatchPublishOptions): Promise<WatchPublishResult> {
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const files = generateCorpus({ stories, seed: options.seed ?? 42 });
  const dir = await scratchDir('wiredesk-bench-watch-publish-');
  try {
    await writeCorpus(dir, files);
    await writeFile(path.join(dir, 'site.yaml'), variant.siteYaml);
    const watch = await startWatch(dir, 120_000 + stories * 60);
    try {
      const name = `watch-publish ${stories}, ${variant.name}`;
      progress(`${name}: watching after ${ms(watch.readyMs)}`);
      const like = (k: number) => files[(k * 7919) % files.length] ?? { source: '', text: '' };
      const warmup = await publishOne(dir, watch, like(0), 0);
      const samples: PublishSample[] = [];
      for (let k = 1; k <= Math.max(1, options.publishes); k++) {
        // Let the settle and quiet spells of the last publish pass, so each sample starts from rest.
        await sleep(500);
        const sample = await publishOne(dir, watch, like(k), k);
        samples.push(sample);
        progress(`${name}: story ${k} landed ${ms(sample.landedMs)}, line ${ms(sample.lineMs)}, build ${ms(sample.buildMs)}, ${sample.written ?? '?'} files written`);
      }
      return { stories, settings: variant.name, readyMs: watch.readyMs, peakRssMb: peakRssMb(watch.pid), warmup, samples };
    } finally {
      await watch.stop();
    }
  } finally {
    await retireScratchDir(dir);
  }
}

/** Run the watch-publish benchmark for every size in turn, with each variant of the settings. */
export async function runWatchPublish(options: WatchPublishOptions): Promise<WatchPublishResult[]> {
  const results: WatchPublishResult[] = [];
  for (const stories of options.sizes) for (const variant of options.variants ?? defaultVariants) results.push(await measureSize(stories, variant, options));
  return results;
}

function median(values: readonly (number | undefined)[]): number | undefined {
  const sorted = values.filter((value): value is number => value !== undefined).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function ms(value: number | undefined): string {
  return value === undefined ? '—' : value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

/** One markdown table (a row per size) of medians, the split between the build and the rest, and the goal. */
export function formatWatchPublish(results: readonly WatchPublishResult[], goalMs = 1_500): string {
  const lines = [
    '| stories | settings | first build, watching after | peak RSS | stories published | landing → page and lists in the output (median, min–max) | landing → build done, deploy may start (median) | build (median) | before the build: watcher, settle, quiet spell (median) | files written (median) |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map((result) => {
      const landed = result.samples.map((sample) => sample.landedMs);
      const defined = landed.filter((value): value is number => value !== undefined);
      const lost = landed.length - defined.length;
      const before = result.samples.map((sample) => (sample.lineMs === undefined || sample.buildMs === undefined ? undefined : sample.lineMs - sample.buildMs));
      const rss = result.peakRssMb === undefined ? '—' : `${Math.round(result.peakRssMb)} MiB`;
      const spread = defined.length === 0 ? '' : ` (${ms(Math.min(...defined))}–${ms(Math.max(...defined))})`;
      return `| ${result.stories.toLocaleString('en')} | ${result.settings} | ${ms(result.readyMs)} | ${rss} | ${result.samples.length}${lost ? ` (${lost} timed out)` : ''} | ${ms(median(landed))}${spread} | ${ms(median(result.samples.map((sample) => sample.lineMs)))} | ${ms(median(result.samples.map((sample) => sample.buildMs)))} | ${ms(median(before))} | ${median(result.samples.map((sample) => sample.written)) ?? '—'} |`;
    }),
  ];
  const largest = Math.max(...results.map((result) => result.stories));
  for (const result of results.filter((candidate) => candidate.stories === largest)) {
    const landed = median(result.samples.map((sample) => sample.landedMs));
    const verdict = landed !== undefined && landed < goalMs ? 'met' : 'missed';
    lines.push('', `Goal, a story landing → its page and lists in the output under ${goalMs} ms at ${largest.toLocaleString('en')} stories, ${result.settings} (median): ${verdict} (${ms(landed)}).`);
  }
  return lines.join('\n');
}
