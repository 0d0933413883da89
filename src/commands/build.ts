import { existsSync } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { VFileMessage } from 'vfile-message';
import { cacheFile, readBuildCache, writeBuildCache } from '../cache/build-cache.js';
import { codeDigest } from '../cache/code-digest.js';
import { modelWithCache } from '../cache/story-cache.js';
import { resolveConfig } from '../config.js';
import { fingerprintSite } from '../incremental/fingerprints.js';
import { pageReadsDigest } from '../incremental/page-reads.js';
import type { SiteInputs } from '../model/config.js';
import type { Site } from '../model/site.js';
import { filePathOf } from '../model/urls.js';
import { themeAssetsDir } from '../paths.js';
import { assembleSite } from '../pipeline/index.js';
import { loadStories } from '../pipeline/load.js';
import { loadTheme } from '../pipeline/load-theme.js';
import { writeSite, type WriteResult } from '../pipeline/write.js';
import { formatReport } from '../report/format.js';
import { consoleLogger, type Logger } from '../report/logger.js';
import { hasErrors } from '../report/problem.js';

/** What a build is asked to do: the site's inputs, where to write, where to print. */
export interface BuildOptions extends SiteInputs {
  readonly out?: string | undefined;
  readonly logger?: Logger | undefined;
  /** Threads to parse and model stories with (default: one per core; 1 = this thread only). */
  readonly threads?: number | undefined;
  /** `false` ignores and keeps no cache: every story is parsed and every page rendered. */
  readonly cache?: boolean | undefined;
}

/** The counts a successful build reports. */
export interface BuildStats {
  readonly stories: number;
  readonly pages: number;
  readonly feeds: number;
  /** Stories whose parsed result came from the cache. */
  readonly storiesReused: number;
  readonly written: number;
  readonly unchanged: number;
  readonly removed: number;
  readonly ms: number;
}

/** How a build went: `ok` when the site was written, plus every message and the counts. */
export interface BuildOutcome {
  readonly ok: boolean;
  readonly messages: readonly VFileMessage[];
  readonly site?: Site;
  readonly stats?: BuildStats;
}

/** Build the stories folder into the output folder once: load, run the pipeline (reusing the cache), report, write. */
export async function build(options: BuildOptions = {}): Promise<BuildOutcome> {
  const started = performance.now();
  const phase = phaseTimer(process.env.WIREDESK_TIMINGS === '1');
  const cwd = options.cwd ?? process.cwd();
  const logger = options.logger ?? consoleLogger;
  const resolved = await resolveConfig(options.config, { baseUrl: options.baseUrl }, cwd);
  const config = resolved.config;
  if (!config) return report(logger, { ok: false, messages: resolved.messages });
  const storiesDir = path.resolve(cwd, options.stories ?? 'stories');
  const out = path.resolve(cwd, options.out ?? 'dist');
  const useCache = options.cache !== false;
  const configKey = JSON.stringify(config);
  const [loaded, theme, code] = await Promise.all([loadStories(storiesDir, cwd), loadTheme(themeAssetsDir), codeDigest()]);
  phase('load');
  const cache = useCache ? await readBuildCache(cacheFile(cwd), code, configKey) : undefined;
  phase('read cache');

  const assets = new Set(loaded.assets.map((asset) => asset.source));
  const modelled = await modelWithCache(loaded.stories, cache?.stories, config, assets, options.threads);
  phase('parse and model');
  const result = assembleSite(modelled.results, loaded.messages, config, theme);
  phase('resolve and plan');
  const messages = [...resolved.messages, ...result.messages];
  if (!result.site || !result.pages || hasErrors(messages)) return report(logger, { ok: false, messages });
  const site = result.site;

  const fingerprints = fingerprintSite(site, code);
  const previous = cache?.out === out ? cache.pages : undefined;
  const outputs = result.pages.map((page) => {
    const reads = pageReadsDigest(page, fingerprints);
    const before = previous?.get(filePathOf(page.path));
    return { path: page.path, reads, render: () => page.render(site), unchanged: before?.reads === reads, previousDigest: before?.bytes };
  });
  phase('fingerprint');
  const copied = site.usedAssets.map((source) => ({ from: path.join(storiesDir, source), path: `media/${source}` }));
  const assetStamps = await stampAssets(copied);
  const nothingChanged =
    cache !== undefined &&
    previous !== undefined &&
    modelled.reused === loaded.stories.length &&
    outputs.length === previous.size &&
    outputs.every((output) => output.unchanged) &&
    sameEntries(assetStamps, cache.assets) &&
    existsSync(out);
  // Nothing to render, nothing to write: the output folder already is this build.
  const written: WriteResult = nothingChanged
    ? { files: new Map(outputs.map((output) => [filePathOf(output.path), { outcome: 'unchanged', digest: output.previousDigest ?? '' }])), removed: [], bytes: 0 }
    : await writeSite(outputs, copied, out);
  phase('render and write');

  if (useCache && !nothingChanged) {
    const pages = new Map(outputs.map((output) => [filePathOf(output.path), { reads: output.reads, bytes: written.files.get(filePathOf(output.path))?.digest ?? '' }]));
    await writeBuildCache(cacheFile(cwd), { code, config: configKey, stories: modelled.entries, pages, out, assets: assetStamps });
    phase('write cache');
  }
  if (useCache) await writeManifest(cwd, written);
  const count = (outcome: string) => [...written.files.values()].filter((file) => file.outcome === outcome).length;
  const stats: BuildStats = {
    stories: site.articles.length,
    pages: result.pages.filter((page) => page.kind !== 'feed' && page.kind !== 'asset').length,
    feeds: result.pages.filter((page) => page.kind === 'feed').length,
    storiesReused: modelled.reused,
    written: count('added') + count('changed'),
    unchanged: count('unchanged'),
    removed: written.removed.length,
    ms: Math.round(performance.now() - started),
  };
  return report(logger, { ok: true, messages, site, stats });
}

/** The size and modification time of each copied file, to tell whether it changed since the last build. */
async function stampAssets(copied: readonly { from: string; path: string }[]): Promise<Map<string, string>> {
  const stamps = await Promise.all(copied.map(async (asset) => [asset.path, await stat(asset.from).then((info) => `${info.size}:${info.mtimeMs}`, () => '')] as const));
  return new Map(stamps);
}

function sameEntries(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  return a.size === b.size && [...a].every(([key, value]) => b.get(key) === value);
}

/** The manifest of the last build: which output files were added, changed, kept or removed. */
async function writeManifest(cwd: string, written: WriteResult): Promise<void> {
  const byOutcome = (outcome: string) => [...written.files].filter(([, file]) => file.outcome === outcome).map(([name]) => name).sort();
  const manifest = { added: byOutcome('added'), changed: byOutcome('changed'), removed: written.removed, unchanged: byOutcome('unchanged').length };
  const file = path.join(cwd, '.wiredesk-cache', 'manifest.json');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(manifest, null, 1)}\n`);
}

/** When `on`, a function that prints how long each phase took since the last call (to stderr). */
function phaseTimer(on: boolean): (name: string) => void {
  let last = performance.now();
  return (name) => {
    if (!on) return;
    const now = performance.now();
    process.stderr.write(`  ${name}: ${Math.round(now - last)} ms\n`);
    last = now;
  };
}

function report(logger: Logger, outcome: BuildOutcome): BuildOutcome {
  const text = formatReport(outcome.messages);
  if (text) logger.error(text);
  if (outcome.stats) {
    const { stories, pages, feeds, ms, written, unchanged, removed } = outcome.stats;
    logger.info(`Built ${stories} ${stories === 1 ? 'story' : 'stories'} into ${pages} pages and ${feeds} feeds in ${ms} ms: ${written} files written, ${unchanged} unchanged, ${removed} removed`);
  } else {
    logger.error('Build failed: nothing was written, the previous output is unchanged');
  }
  return outcome;
}
