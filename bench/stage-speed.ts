import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { defaultConfig } from '../src/config.js';
import { prepareBodies } from '../src/model/body.js';
import type { SiteConfig } from '../src/model/config.js';
import { themeAssetsDir } from '../src/paths.js';
import { assembleSite, storyToArticle } from '../src/pipeline/index.js';
import type { StoryFile } from '../src/io/load.js';
import { loadTheme } from '../src/io/load-theme.js';
import type { ModelResult } from '../src/pipeline/model.js';
import { generateCorpus } from './corpus.js';

// The CPU cost of each stage of the pipeline on one thread, in this process, with no disk in the
// way: parsing and modelling a story, resolving and planning the site, and rendering a page of each
// kind. A pass models, resolves and renders everything afresh (so list cards are serialized once a
// pass, as in a build); the figures are medians over the passes after one warm-up pass.

/** What one corpus size cost, per stage. */
export interface StageSpeed {
  readonly stories: number;
  readonly passes: number;
  /** Parse and model, per story. */
  readonly modelMs: number;
  /** Resolve the site and plan every page, for the whole site. */
  readonly resolveMs: number;
  /** Render, per page, by page kind (feeds: each format's file). */
  readonly render: readonly { readonly kind: string; readonly pages: number; readonly msPerPage: number }[];
}

const config: SiteConfig = { ...defaultConfig, search: false };
/** The instant the corpus is built for: after its newest story, so that nothing is embargoed. */
const now = Date.UTC(2030, 0, 1);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Time `work` in milliseconds. */
function timed<T>(work: () => T): [T, number] {
  const started = performance.now();
  const result = work();
  return [result, performance.now() - started];
}

/** Measure the stages on a generated corpus of each size, `passes` timed passes each (after a warm-up). */
export async function runStageSpeed(options: { readonly sizes: readonly number[]; readonly passes: number }): Promise<StageSpeed[]> {
  await prepareBodies(config);
  const theme = await loadTheme(themeAssetsDir);
  const results: StageSpeed[] = [];
  for (const size of options.sizes) {
    const files: StoryFile[] = generateCorpus({ stories: size, seed: 11 }).map((file) => ({
      source: file.source,
      displayPath: `stories/${file.source}`,
      text: file.text,
      digest: createHash('sha1').update(file.text).digest('base64'),
    }));
    const model: number[] = [];
    const resolve: number[] = [];
    const render = new Map<string, { pages: number; ms: number[] }>();
    for (let pass = 0; pass <= options.passes; pass++) {
      const [modelled, modelMs] = timed((): ModelResult[] => files.map((file) => storyToArticle(file, config, new Set())));
      const [assembled, resolveMs] = timed(() => assembleSite(modelled, [], config, { theme }, { now }));
      const { site, pages } = assembled;
      if (!site || !pages) throw new Error(`The generated corpus of ${size} stories did not build: ${assembled.messages.map(String).join('; ')}`);
      const byKind = new Map<string, number>();
      for (const page of pages) {
        if (page.kind === 'asset') continue;
        const [, ms] = timed(() => page.render(site));
        byKind.set(page.kind, (byKind.get(page.kind) ?? 0) + ms);
      }
      if (pass === 0) continue;
      model.push(modelMs / files.length);
      resolve.push(resolveMs);
      for (const [kind, ms] of byKind) {
        const count = pages.filter((page) => page.kind === kind).length;
        const entry = render.get(kind) ?? { pages: count, ms: [] };
        entry.ms.push(ms / count);
        render.set(kind, entry);
      }
    }
    results.push({
      stories: size,
      passes: options.passes,
      modelMs: median(model),
      resolveMs: median(resolve),
      render: [...render].map(([kind, { pages, ms }]) => ({ kind, pages, msPerPage: median(ms) })).sort((a, b) => b.pages - a.pages),
    });
  }
  return results;
}

function passesText(passes: number): string {
  return `${passes} ${passes === 1 ? 'pass' : 'passes'}`;
}

/** The results as markdown: one table of the model and resolve stages, one of rendering by page kind. */
export function formatStageSpeed(results: readonly StageSpeed[]): string {
  const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(2) : value.toFixed(3));
  const lines = [
    `CPU time of each stage on one thread, in process, no disk; median of ${passesText(results[0]?.passes ?? 0)} after a warm-up pass.`,
    '',
    '| stories | parse and model, per story | resolve and plan, whole site |',
    '|---:|---:|---:|',
    ...results.map((result) => `| ${result.stories.toLocaleString('en')} | ${ms(result.modelMs)} ms | ${ms(result.resolveMs)} ms |`),
    '',
    '| stories | page kind | pages | render, per page |',
    '|---:|---|---:|---:|',
    ...results.flatMap((result) => result.render.map((entry) => `| ${result.stories.toLocaleString('en')} | ${entry.kind} | ${entry.pages.toLocaleString('en')} | ${ms(entry.msPerPage)} ms |`)),
    '',
  ];
  return lines.join('\n');
}
