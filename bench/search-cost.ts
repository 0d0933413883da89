import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { defaultConfig } from '../src/config.js';
import { prepareBodies } from '../src/model/body.js';
import type { SiteConfig } from '../src/model/config.js';
import { themeAssetsDir } from '../src/paths.js';
import { assembleSite, storyToArticle } from '../src/pipeline/index.js';
import { loadTheme } from '../src/io/load-theme.js';
import { makeSearchIndexes } from '../src/search/pagefind-index.js';
import { planSearchShards } from '../src/search/shards.js';
import { storySearchDocument, type SearchDocument } from '../src/search/story-record.js';
import { generateCorpus } from './corpus.js';
import { median } from './peers/build-speed-report.js';

// What search costs a cold build, story by story, apart from the build: making each story's search
// document from its model, and Pagefind indexing the documents, shard by shard, in one service
// (`makeSearchIndexes`, as a build with few shards to index runs it). Pagefind runs in its own
// process, so its CPU time is read from the kernel (`/proc`, Linux) while its service still runs.

/** What search cost on one corpus size, per story (medians of the passes). */
export interface SearchCost {
  readonly stories: number;
  readonly shards: number;
  readonly passes: number;
  /** CPU time of this process making the documents from the model. */
  readonly documentMs: number;
  /** CPU time of this process sending the documents to Pagefind and taking its files. */
  readonly sendMs: number;
  /** CPU time of Pagefind's process (user and system), or undefined where it cannot be read. */
  readonly pagefindMs: number | undefined;
  /** Wall time of the indexing, documents sent to files taken. */
  readonly wallMs: number;
}

const config: SiteConfig = { ...defaultConfig, search: true };
/** The instant the corpus is built for: after its newest story, so that nothing is embargoed. */
const now = Date.UTC(2030, 0, 1);

/** This process's CPU time (user and system) in milliseconds. */
function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** The CPU time (user and system, milliseconds) of this process's children now running, or undefined off Linux. */
function childrenCpuMs(): number | undefined {
  try {
    const children = readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    // `/proc` counts CPU time in clock ticks, 100 a second on Linux (USER_HZ).
    const ticksPerMs = 100 / 1000;
    let ticks = 0;
    for (const child of children) {
      // The fields after the command's closing parenthesis: utime and stime are the 12th and 13th of them.
      const fields = readFileSync(`/proc/${child}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
    }
    return ticks / ticksPerMs;
  } catch {
    return undefined;
  }
}

/** Measure search's costs on a generated corpus of each size, `passes` timed passes each (after a warm-up). */
export async function runSearchCost(options: { readonly sizes: readonly number[]; readonly passes: number }): Promise<SearchCost[]> {
  await prepareBodies(config);
  const theme = await loadTheme(themeAssetsDir);
  const results: SearchCost[] = [];
  for (const size of options.sizes) {
    const files = generateCorpus({ stories: size, seed: 11 }).map((file) => ({
      source: file.source,
      displayPath: `stories/${file.source}`,
      text: file.text,
      digest: createHash('sha1').update(file.text).digest('base64'),
    }));
    const { site } = assembleSite(
      files.map((file) => storyToArticle(file, config, new Set())),
      [],
      config,
      { theme },
      { now },
    );
    if (!site) throw new Error(`The generated corpus of ${size} stories did not build`);
    const shards = planSearchShards(site.articles, 'search-cost');
    const passes: Omit<SearchCost, 'stories' | 'shards' | 'passes'>[] = [];
    for (let pass = 0; pass <= options.passes; pass++) {
      const madeFrom = ownCpuMs();
      const documents: SearchDocument[][] = shards.map((shard) => shard.articles.map((article) => storySearchDocument(article, config)));
      const documentMs = ownCpuMs() - madeFrom;
      let pagefindMs: number | undefined;
      const [sentFrom, started] = [ownCpuMs(), performance.now()];
      await makeSearchIndexes(
        shards.map((shard, at) => ({ name: shard.period, documents: () => documents[at] ?? [] })),
        { language: config.language },
        async (_files, position) => {
          // The service still runs when the last shard's files are taken: its CPU time so far is all of it.
          if (position === shards.length - 1) pagefindMs = childrenCpuMs();
        },
      );
      const [sendMs, wallMs] = [ownCpuMs() - sentFrom, performance.now() - started];
      if (pass > 0) passes.push({ documentMs: documentMs / size, sendMs: sendMs / size, pagefindMs: pagefindMs === undefined ? undefined : pagefindMs / size, wallMs: wallMs / size });
    }
    const pagefind = passes.map((pass) => pass.pagefindMs).filter((value) => value !== undefined);
    results.push({
      stories: size,
      shards: shards.length,
      passes: options.passes,
      documentMs: median(passes.map((pass) => pass.documentMs)) ?? 0,
      sendMs: median(passes.map((pass) => pass.sendMs)) ?? 0,
      pagefindMs: pagefind.length === passes.length ? median(pagefind) : undefined,
      wallMs: median(passes.map((pass) => pass.wallMs)) ?? 0,
    });
  }
  return results;
}

/** The results as markdown: per story, and what that comes to for 10,000 stories. */
export function formatSearchCost(results: readonly SearchCost[]): string {
  const ms = (value: number | undefined) => (value === undefined ? 'not measured' : `${value.toFixed(3)} ms`);
  const seconds = (value: number | undefined) => (value === undefined ? '—' : `${((value * 10_000) / 1000).toFixed(1)} s`);
  return [
    `Search's cost per story, medians of ${results[0]?.passes ?? 0} passes after a warm-up pass: CPU time making the documents and sending them (this process), CPU time of Pagefind's process, and wall time of the indexing (one Pagefind service).`,
    '',
    '| stories | shards | documents | sending and files | Pagefind | indexing, wall | CPU for 10,000 stories |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map(
      (result) =>
        `| ${result.stories.toLocaleString('en')} | ${result.shards} | ${ms(result.documentMs)} | ${ms(result.sendMs)} | ${ms(result.pagefindMs)} | ${ms(result.wallMs)} | ${seconds(result.pagefindMs === undefined ? undefined : result.documentMs + result.sendMs + result.pagefindMs)} |`,
    ),
    '',
  ].join('\n');
}
