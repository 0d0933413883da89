import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { generateCorpus, writeCorpus, type CorpusBenchOptions, type CorpusFile } from './corpus.js';
import { get, openEvents, peakRssMb, pollFor, reloads, startDev, type DevProcess, type Timeline } from './dev-client.js';

// Save-to-reload latency of `wiredesk dev`, as a browser with the story's page open sees it: the real CLI in a
// child process on a generated corpus, an SSE client and a polling GET. A benchmark, not a timed test.

/** How to run the dev-edit benchmark. */
export interface DevEditOptions extends CorpusBenchOptions {
  /** Timed edits per size, spread from the newest story to the oldest (after one untimed warm-up edit); each size gets a fresh corpus and server. */
  readonly edits: number;
}

/** One timed save: ms from the start of the write to each thing seen, and what the server said of its rebuild. */
export interface EditSample {
  readonly source: string;
  readonly eventMs: number | undefined;
  readonly servedMs: number | undefined;
  /** When the server's rebuild line arrived; minus `rebuildMs` it is the watcher and queue delay. */
  readonly logMs: number | undefined;
  readonly rebuildMs: number | undefined;
  readonly pagesUpdated: number | undefined;
  /** Rebuild lines the one save caused (more than 1: the watcher fired twice). */
  readonly rebuilds: number;
}

/** Everything measured for one corpus size (times in ms from the process start, memory in MiB). */
export interface DevEditResult {
  readonly stories: number;
  readonly pages: number | undefined;
  readonly firstBuildMs: number | undefined;
  readonly servingMs: number;
  /** When the watcher first saw a save: `wiredesk dev` prints its serving line before its watcher is ready. */
  readonly readyMs: number | undefined;
  readonly peakRssMb: number | undefined;
  readonly warmup: EditSample;
  readonly samples: readonly EditSample[];
}

const rebuildLine = /· (\d+) pages updated \(\d+ re-rendered now\) · ([\d.]+) ms$/;
const editTimeoutMs = 30_000;

interface Session {
  readonly dir: string;
  readonly dev: DevProcess;
  readonly events: Timeline<{ name: string; data: string }>;
  readonly agent: http.Agent;
  readonly progress: (line: string) => void;
}

/** Wait until neither the server's output nor its events have grown for 300 ms (at most 10 s). */
async function quiet({ dev, events }: Session): Promise<void> {
  for (let round = 0, until = performance.now() + 10_000; round < 100 && performance.now() < until; round++) {
    const before = dev.lines.items.length + events.items.length;
    await sleep(300);
    if (dev.lines.items.length + events.items.length === before) return;
  }
}

/** The story page's site path from its `date:` line and file name (the default permalink, in the date's own offset). */
function sitePathOf(file: CorpusFile): string {
  const date = /^date: (\d{4})-(\d{2})-(\d{2})T/m.exec(file.text);
  if (!date) throw new Error(`No date in ${file.source}`);
  return `${date[1]}/${date[2]}/${date[3]}/${path.basename(file.source, '.md')}/`;
}

const rebuildOf = (file: CorpusFile) => (line: string) => line.includes(path.basename(file.source)) && line.includes(' changed · ');

/** Save `file` unchanged until the server reports a rebuild of it: when the watcher first saw a save, or undefined. */
async function watcherReady(session: Session, file: CorpusFile, timeoutMs: number): Promise<number | undefined> {
  for (let probe = 0, deadline = performance.now() + timeoutMs; probe < 1_000 && performance.now() < deadline; probe++) {
    const from = session.dev.lines.items.length;
    await writeFile(path.join(session.dir, 'stories', file.source), file.text);
    const seen = await session.dev.lines.waitFor(rebuildOf(file), from, 250);
    if (seen) {
      await quiet(session);
      return seen.at;
    }
  }
  return undefined;
}

/** Open a story's page, save the story with `marker` added to its headline, and time what follows. */
async function measureEdit(session: Session, file: CorpusFile, marker: string): Promise<EditSample> {
  const { dev, events, agent } = session;
  const sitePath = sitePathOf(file);
  const pageUrl = new URL(sitePath, dev.url).href;
  const opened = await get(pageUrl, agent);
  if (opened.status !== 200) throw new Error(`GET ${pageUrl}: ${opened.status}`);
  const edited = file.text.replace(/^title: "(.*)"$/m, (_line, title: string) => `title: "${title} ${marker}"`);
  const [linesFrom, eventsFrom] = [dev.lines.items.length, events.items.length];
  const t0 = performance.now();
  await writeFile(path.join(session.dir, 'stories', file.source), edited);
  const [event, served, log] = await Promise.all([
    events.waitFor((item) => item.name === 'reload' && reloads(item.data, sitePath), eventsFrom, editTimeoutMs),
    pollFor(pageUrl, marker, agent, t0 + editTimeoutMs),
    dev.lines.waitFor(rebuildOf(file), linesFrom, editTimeoutMs),
  ]);
  await quiet(session);
  const rebuilds = dev.lines.items.slice(linesFrom).filter((line) => rebuildOf(file)(line.value)).length;
  if (!event || served === undefined || !log || rebuilds !== 1) {
    // Something unexpected: show everything the server printed and sent after the save, timed from it.
    const said = dev.lines.items.slice(linesFrom).map((line) => ({ at: line.at, text: line.value }));
    const sent = events.items.slice(eventsFrom).map((item) => ({ at: item.at, text: `event ${item.value.name} ${item.value.data.slice(0, 100)}` }));
    for (const item of [...said, ...sent].sort((a, b) => a.at - b.at)) session.progress(`  +${Math.round(item.at - t0)} ms ${item.text.slice(0, 300)}`);
    session.progress(`  page served: ${served === undefined ? 'never' : `+${Math.round(served - t0)} ms`}`);
  }
  const figures = log ? rebuildLine.exec(log.value) : null;
  const since = (at: number | undefined) => (at === undefined ? undefined : at - t0);
  return {
    source: file.source,
    eventMs: since(event?.at),
    servedMs: since(served),
    logMs: since(log?.at),
    rebuildMs: figures ? Number(figures[2]) : undefined,
    pagesUpdated: figures ? Number(figures[1]) : undefined,
    rebuilds,
  };
}

/** Measure one corpus size with a fresh corpus, server and event stream; clean everything up. */
async function measureSize(stories: number, options: DevEditOptions): Promise<DevEditResult> {
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const files = generateCorpus({ stories, seed: options.seed ?? 42 });
  const pick = (index: number): CorpusFile => files[Math.min(Math.max(0, index), files.length - 1)] ?? { source: '', text: '' };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-bench-dev-edit-'));
  try {
    await writeCorpus(dir, files);
    await writeFile(path.join(dir, 'site.yaml'), 'pageSize: 20\n');
    const dev = await startDev(dir, 60_000 + stories * 30);
    const stream = await openEvents(new URL('__wiredesk/events', dev.url).href, 10_000).catch(async (error: unknown) => {
      await dev.stop();
      throw error;
    });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const session: Session = { dir, dev, events: stream.events, agent, progress };
    try {
      const since = (at: number | undefined) => (at === undefined ? undefined : at - dev.started);
      const built = dev.lines.items.map((line) => /^Built (\d+) pages in ([\d.]+) ms/.exec(line.value)).find((match) => match !== null);
      const middle = pick(Math.floor(stories / 2) - 1);
      const readyMs = since(await watcherReady(session, middle, 60_000 + stories * 10));
      progress(`dev-edit ${stories}: serving after ${ms(since(dev.servingAt))}, watcher ready after ${ms(readyMs)}`);
      const warmup = await measureEdit(session, middle, `Bench Warmup ${stories}`);
      const samples: EditSample[] = [];
      const count = Math.max(1, Math.min(options.edits, stories));
      for (let k = 0; k < count; k++) {
        // Newest first, then evenly back to the oldest.
        const sample = await measureEdit(session, pick(Math.round(((stories - 1) * (count - 1 - k)) / Math.max(1, count - 1))), `Bench Edit ${k + 1} Of ${stories}`);
        samples.push(sample);
        progress(
          `dev-edit ${stories}: ${sample.source} reload event ${ms(sample.eventMs)}, served ${ms(sample.servedMs)}, log line ${ms(sample.logMs)}, rebuild ${ms(sample.rebuildMs)}, ${sample.pagesUpdated ?? '?'} pages`,
        );
      }
      const [pages, firstBuildMs] = built ? [Number(built[1]), Number(built[2])] : [undefined, undefined];
      return { stories, pages, firstBuildMs, servingMs: dev.servingAt - dev.started, readyMs, peakRssMb: peakRssMb(dev.pid), warmup, samples };
    } finally {
      stream.close();
      agent.destroy();
      await dev.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Run the dev-edit benchmark for every size in turn. */
export async function runDevEdit(options: DevEditOptions): Promise<DevEditResult[]> {
  const results: DevEditResult[] = [];
  for (const stories of options.sizes) results.push(await measureSize(stories, options));
  return results;
}

/** The value at quantile `q` (nearest rank) of the defined values, or undefined when there are none. */
function quantile(values: readonly (number | undefined)[], q: number): number | undefined {
  const sorted = values.filter((value): value is number => value !== undefined).sort((a, b) => a - b);
  return sorted.length === 0 ? undefined : sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

function ms(value: number | undefined): string {
  return value === undefined ? '—' : value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

/** One markdown table (a row per size), the growth of the medians from the first size to the last, and the goal. */
export function formatDevEdit(results: readonly DevEditResult[], goalMs = 200): string {
  const all = (result: DevEditResult, of: (sample: EditSample) => number | undefined) => result.samples.map(of);
  const spread = (values: readonly (number | undefined)[]) => `${ms(quantile(values, 0.5))} / ${ms(quantile(values, 0.9))}`;
  const delay = (sample: EditSample) => (sample.logMs === undefined || sample.rebuildMs === undefined ? undefined : sample.logMs - sample.rebuildMs);
  const lines = [
    '| stories | pages | first build | serving | watcher ready | peak RSS | edits | save → reload event (median / p90) | save → page served (median / p90) | server rebuild (median / p90) | watch + queue delay (median) | pages updated (median, min–max) | warm-up edit, served |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map((result) => {
      const updated = all(result, (sample) => sample.pagesUpdated);
      const lost = result.samples.filter((sample) => sample.servedMs === undefined || sample.eventMs === undefined).length;
      const rss = result.peakRssMb === undefined ? '—' : `${Math.round(result.peakRssMb)} MiB`;
      return `| ${result.stories.toLocaleString('en')} | ${result.pages?.toLocaleString('en') ?? '—'} | ${ms(result.firstBuildMs)} | ${ms(result.servingMs)} | ${ms(result.readyMs)} | ${rss} | ${result.samples.length}${lost ? ` (${lost} timed out)` : ''} | ${spread(all(result, (sample) => sample.eventMs))} | ${spread(all(result, (sample) => sample.servedMs))} | ${spread(all(result, (sample) => sample.rebuildMs))} | ${ms(quantile(all(result, delay), 0.5))} | ${quantile(updated, 0.5) ?? '—'} (${quantile(updated, 0) ?? '—'}–${quantile(updated, 1) ?? '—'}) | ${ms(result.warmup.servedMs)} |`;
    }),
  ];
  const [first, last] = [results[0], results[results.length - 1]];
  if (first && last && first !== last) {
    const growth = (of: (sample: EditSample) => number | undefined) => {
      const [a, b] = [quantile(all(first, of), 0.5), quantile(all(last, of), 0.5)];
      return a === undefined || b === undefined || a === 0 ? '—' : `×${(b / a).toFixed(1)}`;
    };
    const sizes = `${last.stories.toLocaleString('en')} / ${first.stories.toLocaleString('en')} stories`;
    lines.push('', `Growth of the medians, ${sizes}: reload event ${growth((s) => s.eventMs)}, page served ${growth((s) => s.servedMs)}, server rebuild ${growth((s) => s.rebuildMs)}.`);
  }
  if (last) {
    const served = quantile(
      all(last, (sample) => sample.servedMs),
      0.5,
    );
    const verdict = served !== undefined && served < goalMs ? 'met' : 'missed';
    lines.push(`Goal, save → page served under ${goalMs} ms at ${last.stories.toLocaleString('en')} stories (median): ${verdict} (${ms(served)}).`);
  }
  return lines.join('\n');
}
