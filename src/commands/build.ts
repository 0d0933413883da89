import { hash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { VFileMessage } from 'vfile-message';
import { openBodySpill, type BodySpill } from '../store/body-spill.js';
import { openCacheFolder } from '../store/cache-folder.js';
import { publishedBefore } from '../store/published.js';
import { cacheDir, readCacheIndex, readCachedStories, readSiteFrame, writeBuildCache, writeSiteFrame, type CachedStory } from '../store/build-cache.js';
import { fromPlainMessage, toPlainMessage } from '../store/serialize.js';
import { isUpToDate, reusableDigest } from '../store/up-to-date.js';
import { codeDigest, rememberedCodeDigest } from '../store/code-digest.js';
import { keepSearchBundle, searchBundleKey, withStoredBundle } from '../store/search-bundle.js';
import { modelWithCache, shapesByPath, storyShapes, storyVersions } from '../store/story-cache.js';
import { memoryCeiling } from '../build/memory-ceiling.js';
import { resolveConfig } from '../config.js';
import { changedReads, readsAnyChange } from '../incremental/changed-reads.js';
import { fingerprintSite, lazyFingerprints } from '../incremental/fingerprints.js';
import { pageReadsDigest } from '../incremental/page-reads.js';
import { fingerprintsByKind } from '../incremental/kind-fingerprints.js';
import { fieldsOfAnyGroup, sameReadFields, unionOfReadFields } from '../incremental/read-fields.js';
import { readRecorder } from '../incremental/read-tracking.js';
import type { SiteConfig, SiteInputs } from '../model/config.js';
import type { ModelResult } from '../pipeline/model.js';
import type { Schedule, Site } from '../model/site.js';
import { filePathOf } from '../model/urls.js';
import { themeAssetsDir } from '../paths.js';
import { frameOf } from '../incremental/site-frame.js';
import { wholeArticle } from '../store/lazy-article.js';
import { keepsDepsAfterAdditions } from '../incremental/frame-additions.js';
import type { Page } from '../pages/page.js';
import { assembleFromFrame, assembleSite, assembleWithAdditions } from '../pipeline/index.js';
import { scanStories } from '../io/load.js';
import { loadTheme } from '../io/load-theme.js';
import { renderPoolFor, renderThreadsAhead, type RenderThreads } from '../threads/render-pool.js';
import { needsCatchUp, startTreeCatchUp } from '../output/tree-catch-up.js';
import { writeSite, type WriteResult } from '../output/write.js';
import { outputNotices } from './output-notices.js';
import type { OutputLayout } from '../output/output-layout.js';
import { outputRefusal } from '../output/output-guard.js';
import { keepCache, writeFailure } from './build-failures.js';
import { deployStep } from './deploy-step.js';
import { manifestOf, writeManifest, type BuildManifest } from '../deploy/manifest.js';
import { phaseTimer } from './phase-timer.js';
import { formatReport } from '../report/format.js';
import { searchIndexStep } from '../search/build-step.js';
import { consoleLogger, type Logger } from '../report/logger.js';
import { noProgress, type Progress } from '../report/progress.js';
import { countRenders } from './build-progress.js';
import { terminalText } from '../report/terminal-text.js';
import { hasErrors } from '../report/problem.js';
import { missingStoriesFolder } from '../io/stories-folder.js';
import { renderNamingPage, TemplateFailure } from '../overrides/failure.js';
import { templateReadsByKind } from '../overrides/page-kinds.js';
import { siteTemplates, type SiteTemplates } from '../overrides/site-templates.js';
import { lastTemplatesKey, rememberTemplatesKey, templatesKey } from '../overrides/templates-key.js';
import { loadOwnFiles } from '../io/own-files.js';
import { prepareBodies } from '../model/body.js';
import { modelPages } from '../pipeline/page-model.js';

/** What a build is asked to do: the site's inputs, where to write, where to print. */
export interface BuildOptions extends SiteInputs {
  readonly out?: string | undefined;
  readonly logger?: Logger | undefined;
  /** Where the build tells which phase it is in and how far through (default: nowhere; the CLI draws a line on a terminal). */
  readonly progress?: Progress | undefined;
  /** Threads to parse and model stories with (default: one per core; 1 = this thread only). */
  readonly threads?: number | undefined;
  /** `false` ignores and keeps no cache: every story is parsed and every page rendered. */
  readonly cache?: boolean | undefined;
  /** Leave out the stories that errors name and build the rest, instead of failing (`--keep-going`). */
  readonly keepGoing?: boolean | undefined;
  /** From this many stories, keep their bodies in a file while building (default 20,000; for tests). */
  readonly bodySpillFrom?: number | undefined;
  /** From this many story pages to render on, render them on threads (default 2,000, or `WIREDESK_RENDER_POOL_FROM`; for tests). */
  readonly renderPoolFrom?: number | undefined;
  /** Resident bytes past which the build collects its garbage itself (default 1.5 GiB, or `WIREDESK_MEMORY_CEILING_MB`; see `memoryCeiling`). */
  readonly memoryCeiling?: number | undefined;
  /** The instant to build for, in epoch milliseconds (`--now`): embargoes, the news sitemap. Default: the clock. */
  readonly now?: number | undefined;
  /** Replace an existing output folder that wiredesk did not write (`--force`); never one of the site's own folders. */
  readonly force?: boolean | undefined;
  /** Run the `deploy` command of the settings after a build that changed the output (the CLI's default; not `--no-deploy`). */
  readonly deploy?: boolean | undefined;
}

/** Output files that are not pages a reader opens. */
const nonPageKinds: ReadonlySet<string> = new Set(['feed', 'sitemap', 'robots', 'headers', 'asset']);

/** From this many stories, their bodies are spilled to a file for the rest of the build. */
const spillFrom = 20_000;

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
  /** Story files left out by `keepGoing` (display paths). */
  readonly leftOut?: readonly string[];
  readonly site?: Site;
  readonly stats?: BuildStats;
  /** The embargoes around the build's instant (for the report's "next embargo" line). */
  readonly schedule?: Schedule;
  /** Why the build was refused before anything was read or written (a wrong `--out`, no stories folder: exit code 2). */
  readonly refused?: string;
  /** Why writing the output failed (a full disk, say), printed in place of the usual failure line. */
  readonly failure?: string;
  /** The settings the site was built with, when they were usable. */
  readonly config?: SiteConfig;
  /** What a build that published the site did to the output folder. */
  readonly manifest?: BuildManifest;
  /** Why the deploy command failed, after a build that published the site (the line printed). */
  readonly deployFailure?: string;
}

/**
 * Build the stories folder into the output folder once: load, run the pipeline (reusing the
 * cache), report, write; then, once the site is published, the deploy step (see `deployStep`).
 */
export async function build(options: BuildOptions = {}): Promise<BuildOutcome> {
  const outcome = await buildOnce(options);
  if (!outcome.ok || !outcome.config || !outcome.manifest) return outcome;
  const cwd = options.cwd ?? process.cwd();
  const places = { cwd, out: path.resolve(cwd, options.out ?? 'dist'), cacheDir: cacheDir(cwd) };
  const deployFailure = await deployStep({ config: outcome.config, manifest: outcome.manifest }, places, options.deploy === true, options.logger ?? consoleLogger);
  return deployFailure === undefined ? outcome : { ...outcome, deployFailure };
}

async function buildOnce(options: BuildOptions): Promise<BuildOutcome> {
  const started = performance.now();
  const now = options.now ?? Date.now();
  const cwd = options.cwd ?? process.cwd();
  const logger = options.logger ?? consoleLogger;
  const progress = options.progress ?? noProgress;
  const phase = phaseTimer(process.env.WIREDESK_TIMINGS === '1', progress);
  const storiesDir = path.resolve(cwd, options.stories ?? 'stories');
  const out = path.resolve(cwd, options.out ?? 'dist');
  const dir = cacheDir(cwd);
  // Before anything is read, made or locked: the output must be wiredesk's to replace.
  const refused = outputRefusal(out, { cwd, stories: storiesDir, config: path.resolve(cwd, options.config ?? 'site.yaml'), cache: dir }, options.force === true);
  if (refused) {
    logger.error(refused);
    return { ok: false, messages: [], refused };
  }
  const missing = missingStoriesFolder(options.stories, cwd);
  if (missing) {
    logger.error(missing);
    return { ok: false, messages: [], refused: missing };
  }
  const resolved = await resolveConfig(options.config, { baseUrl: options.baseUrl }, cwd);
  const config = resolved.config;
  if (!config) return report(logger, { ok: false, messages: resolved.messages });
  // A cache folder that is a link (or not a folder) is neither read nor written: the build goes without a cache.
  const folder = options.cache === false ? undefined : openCacheFolder(dir);
  if (folder?.usable === false) logger.error(folder.warning);
  const useCache = folder?.usable === true;
  // The deploy command runs after the build and changes no output, nor does how the output is laid out: changing them keeps the cache.
  const configKey = JSON.stringify({ ...config, deploy: undefined, output: undefined });
  // The site's own templates, compiled (or taken as compiled before) and loaded before anything is read: an error stops here.
  const overrides = await siteTemplates({ cwd, cacheDir: useCache ? dir : undefined });
  if (hasErrors(overrides.messages)) return report(logger, { ok: false, messages: [...resolved.messages, ...overrides.messages] });
  phase(overrides.compiled.length === 0 ? 'settings and templates' : `settings and templates (${overrides.compiled.length} of the site's own)`);
  const layout: OutputLayout = config.output.swap ? 'swap' : 'folder';
  try {
    return await buildWith(options, { started, now, phase, progress, cwd, logger, storiesDir, out, dir, resolved, config, useCache, configKey, overrides, layout });
  } finally {
    await overrides.dispose();
  }
}

/** What `build` settled before reading the stories: where, with which settings and templates. */
interface BuildSetup {
  readonly started: number;
  readonly now: number;
  readonly phase: (name: string) => void;
  readonly progress: Progress;
  readonly cwd: string;
  readonly logger: Logger;
  readonly storiesDir: string;
  readonly out: string;
  readonly dir: string;
  readonly resolved: Awaited<ReturnType<typeof resolveConfig>>;
  readonly config: SiteConfig;
  readonly useCache: boolean;
  readonly configKey: string;
  readonly overrides: SiteTemplates;
  readonly layout: OutputLayout;
}

/** The build proper, once the settings and templates are known: read, assemble, render and write. */
async function buildWith(options: BuildOptions, setup: BuildSetup): Promise<BuildOutcome> {
  const { started, now, phase, progress, cwd, logger, storiesDir, out, dir, config, useCache, configKey, overrides, layout } = setup;
  // The warnings of the site's templates folder are reported with the settings'.
  const resolved = { ...setup.resolved, messages: [...setup.resolved.messages, ...overrides.messages] };
  progress.phase('Reading the stories folder');
  const [scan, own, theme, code] = await Promise.all([scanStories(storiesDir, cwd), loadOwnFiles(cwd), loadTheme(themeAssetsDir), useCache ? rememberedCodeDigest(path.join(dir, 'code.json')) : codeDigest()]);
  // A change to the site's templates re-renders the kinds of page that read them (see `templateReadsByKind`), and nothing is up to date.
  const templates = templatesKey(overrides.compiled);
  const templatesKept = useCache && lastTemplatesKey(dir) === templates;
  const templateReads = templateReadsByKind(overrides.compiled);
  const index = useCache ? await readCacheIndex(dir, code, configKey) : undefined;
  phase('scan');
  // A build that reported errors (with `--keep-going`) is never taken as up to date: they must be reported, and fail without the flag.
  const lastMessages = index?.messages.map(fromPlainMessage) ?? [];
  const inWindow = index !== undefined && index.schedule.window.from <= now && now < index.schedule.window.until;
  if (index && inWindow && templatesKept && isUpToDate(index, scan, out, layout, own) && !hasErrors(lastMessages)) {
    // Nothing to read, render or write: the output folder already is this build.
    const manifest = manifestOf({ files: new Map(), removed: [] }, index.pages.size);
    await keepCache(dir, logger, () => writeManifest(dir, manifest));
    const messages = [...resolved.messages, ...lastMessages];
    const stats = { ...index.counts, storiesReused: index.counts.stories, written: 0, unchanged: index.pages.size, removed: 0, ms: elapsed(started) };
    return report(logger, { ok: true, messages, stats, schedule: index.schedule, config, manifest });
  }

  // A huge archive's bodies wait in a file rather than in memory while pages are rendered: those
  // read from the cache as well as those modelled now (an edit renders a dozen pages, not all).
  const spilling = scan.stories.length >= (options.bodySpillFrom ?? spillFrom);
  // A page is kept without rendering only in an output folder that is there: on a fresh checkout with the cache
  // restored (CI) there is none, and every page is rendered, as in a cold build (on the render threads, with many).
  const outputThere = existsSync(out);
  if (spilling && useCache) await mkdir(dir, { recursive: true });
  const spill = spilling ? openBodySpill(path.join(useCache ? dir : os.tmpdir(), `bodies-${process.pid}.spill`)) : undefined;
  let ahead: RenderThreads | undefined;
  try {
    // A huge archive is held near a memory ceiling (see `memoryCeiling`); a small one never reaches it.
    const ceilingMb = Number(process.env.WIREDESK_MEMORY_CEILING_MB);
    const ceiling = memoryCeiling(options.memoryCeiling ?? (ceilingMb > 0 ? ceilingMb * 1024 ** 2 : undefined));
    // Below the spilling size, cached articles are lazy: most are only resolved and planned, never shown.
    if (index) progress.phase('Reading the cache');
    const cachedStories = index ? await readCachedStories(dir, index, spill ? { keep: (story) => spillCached(story, spill) } : { lazy: true }) : undefined;
    ceiling.checkNow();
    const assets = new Set(scan.assets.map((asset) => asset.source));
    const known = new Map(
      scan.stories.flatMap((story) => {
        const digest = reusableDigest(index, cachedStories, story, assets);
        return digest === undefined ? [] : [[story.source, digest] as const];
      }),
    );
    phase('read cache');
    const keep = (result: ModelResult): ModelResult => {
      ceiling.check();
      return spill && result.article ? { ...result, article: spill.spill(result.article) } : result;
    };
    if (known.size < scan.stories.length) progress.phase('Reading stories', scan.stories.length - known.size);
    const modelled = await modelWithCache(scan.stories, known, cachedStories, { root: scan.root, cwd, config, assets }, { threads: options.threads, keep, settled: (count) => progress.advance(count) });
    ceiling.checkNow();
    phase(`read, parse and model (${modelled.reused} of ${scan.stories.length} stories from the cache)`);
    // Most stories new (a cold build, a template change) or no output folder: start the render threads now, to load while the site is resolved.
    ahead = spill ? undefined : renderThreadsAhead(outputThere ? modelled.results.length - modelled.reused : modelled.results.length, options);
    const storiesFolder = displayFolderOf(scan.root, cwd);
    const stories = scan.stories.map((story) => ({ source: story.source, displayPath: storiesFolder === '' ? story.source : `${storiesFolder}/${story.source}` }));
    // Stories that all keep the shape of the last build's (a new headline or body, say) resolve as they did: take its frame.
    // Pages and the site's stylesheet as they were, too: a change to them is rare, and resolves the site again (see `OwnFiles.print`).
    const shape = storyShapes(modelled.entries.values(), modelled.messages.length);
    const read = shape !== undefined && index && inWindow && index.own.print === own.print ? await readSiteFrame(dir, index) : undefined;
    const frame = read && read.schedule.window.from <= now && now < read.schedule.window.until ? read : undefined;
    // The pages of `pages/`: few and small, modelled on every build that is not up to date.
    await prepareBodies(config);
    const ownPages = modelPages(own.pages, config);
    const files = { theme, pages: ownPages.pages, statics: own.statics, stylesheetHash: own.stylesheetHash };
    // The warnings of files skipped by the scan, then one error per story file that could not be read, then the site's own files'.
    const extra = [...scan.messages, ...modelled.messages, ...own.messages, ...ownPages.messages];
    progress.phase('Resolving the site');
    const framed = frame && frame.shape === shape ? assembleFromFrame(modelled.results, extra, config, files, frame, now, overrides.templates) : undefined;
    // Stories added (a story published), the others as they were: the last resolution extended.
    const shapes = frame && !framed && cachedStories ? { previous: shapesByPath(cachedStories), now: shapesByPath(modelled.entries) } : undefined;
    const extended = frame && shapes ? assembleWithAdditions(modelled.results, extra, config, files, frame, shapes, now, overrides.templates) : undefined;
    // Resolving the whole site reads every story whole: read the lazy ones whole first, and resolve plain articles.
    const result = framed ?? extended ?? assembleSite(modelled.results.map(wholeResult), extra, config, files, { keepGoing: options.keepGoing === true, stories, now, published: publishedBefore(index, out), templates: overrides.templates });
    ceiling.checkNow();
    phase(
      framed
        ? 'resolve and plan (every story kept its shape: the last resolution reused)'
        : extended
          ? 'resolve and plan (new stories in their place: the last resolution extended)'
          : 'resolve and plan',
    );
    const messages = [...resolved.messages, ...result.messages];
    const leftOut = new Set(result.leftOut);
    const fatal = messages.some((message) => message.fatal === true && !leftOut.has(message.file ?? ''));
    if (!result.site || !result.pages || fatal) return report(logger, { ok: false, messages });
    const site = result.site;

    // What renders read of teasers and stamps is recorded (see `readRecorder`): pages are compared by what the last build's read.
    const recorder = readRecorder();
    const startFields = index?.readFields ?? {};
    const anyPage = fieldsOfAnyGroup(startFields);
    // Asked for a few pages' reads, fingerprints are computed as needed; for all of them, at once (a third cheaper).
    const fingerprints = framed || extended ? lazyFingerprints(site, anyPage, code) : fingerprintSite(site, anyPage, code);
    const fingerprintsOf = fingerprintsByKind(site, startFields, fingerprints, anyPage);
    const previous = index?.out === out ? index.pages : undefined;
    // With the last build's frame, a page reads what it read then unless it reads a story modelled anew whose fingerprint
    // changed, or a collection that changed; with new stories added, so do the pages whose dependencies stay the same.
    const anew = () => [...modelled.fresh].flatMap((source) => storyVersions(source, modelled.entries, cachedStories));
    const changed = framed || extended ? changedReads(site, anew(), anyPage, extended?.extension.changedCollections, extended?.extension.relinked) : undefined;
    const keepsReads = (page: Page) => templatesKept && (framed !== undefined || (extended !== undefined && keepsDepsAfterAdditions(page, extended.extension)));
    const outputs = result.pages.map((page) => {
      const file = filePathOf(page.path);
      const before = previous?.get(file);
      const reads = before && changed && keepsReads(page) && !readsAnyChange(page.deps, changed) ? before.reads : withTemplates(pageReadsDigest(page, fingerprintsOf(page.kind)), templateReads(page.kind));
      const render = () => {
        ceiling.check();
        return renderNamingPage(page.path, () => page.render(recorder.view(site, page)));
      };
      return { path: page.path, kind: page.kind, file, reads, render, unchanged: outputThere && before?.reads === reads, previousDigest: before?.bytes };
    });
    ceiling.checkNow();
    phase('fingerprint');
    // Lead images from the stories folder, then every file of `static/` at its own path (URL-encoded: the write stage decodes it).
    const copied = [
      ...site.usedAssets.map((source) => ({ from: path.join(storiesDir, source), path: `media/${source}` })),
      ...own.statics.map((file) => ({ from: file.absolutePath, path: file.source.split('/').map(encodeURIComponent).join('/') })),
    ];
    // Without an output folder (CI), the search bundle kept in the cache is taken when the pages are those it indexed
    // (see `searchBundleKey`); with one, its index is kept when no page changed, and the cache keeps none.
    const searchKey = config.search && useCache && !outputThere ? searchBundleKey({ code, config: configKey, hasStories: site.articles.length > 0, pages: outputs, copied: copied.map((file) => file.path) }) : undefined;
    const keptSearch = searchKey !== undefined && index?.search?.key === searchKey ? index.search : undefined;
    const search = config.search ? withStoredBundle(searchIndexStep(site, previous !== undefined), dir, keptSearch) : undefined;
    // Many story pages and feeds to render (a cold build, a template change): render them on threads, while this one renders the lists.
    const pool = spill ? undefined : renderPoolFor(site, outputs, { ...options, templates: overrides.compiled, recorder }, ahead);
    let written: WriteResult;
    try {
      const onWait = (pid: number) => logger.info(`Waiting for the tree catch-up (process ${pid}) that the last build started to finish…`);
      const rendering = countRenders(pool?.outputs ?? outputs, progress);
      if (rendering.toRender > 0) progress.phase('Rendering pages and feeds', rendering.toRender);
      else progress.phase('Writing the site');
      written = await writeSite(rendering.outputs, copied, out, { rewriteAll: !useCache, derived: search?.step, onWait, layout });
    } catch (error) {
      // A site's template that failed on a page: said at the template, the output untouched.
      if (error instanceof TemplateFailure) return report(logger, { ok: false, messages: [...messages, error.toMessage()] });
      // A disk that is full or a path in the way is said in one line (see `writeFailure`).
      const failure = writeFailure(error, path.relative(cwd, out) || '.', layout === 'folder');
      if (failure === undefined) throw error;
      return report(logger, { ok: false, messages, failure });
    } finally {
      await pool?.close();
    }
    for (const line of outputNotices(written, path.relative(cwd, out) || '.')) logger.error(line);
    const collected = ceiling.collections > 0 ? ` [${ceiling.collections} full collections under the memory ceiling]` : '';
    const searchReused = search?.reused() === true ? ' [the search index from the cache]' : '';
    phase(`${pool ? `render and write (story pages and feeds on ${pool.threads} threads)` : 'render and write'}${collected}${searchReused}`);

    const counts = {
      stories: site.articles.length,
      // Pages a reader opens (not feeds, sitemaps, robots.txt or theme files); feeds counted once for their three formats.
      pages: result.pages.filter((page) => !nonPageKinds.has(page.kind)).length,
      feeds: result.pages.filter((page) => page.kind === 'feed' && page.path.endsWith('feed.xml')).length,
    };
    const manifest = manifestOf(written);
    // The site is published: from here on, nothing that fails may fail the build (the next one starts without the cache).
    if (useCache) progress.phase('Writing the cache');
    if (useCache) await keepCache(dir, logger, async () => {
      const stamps = new Map(
        scan.stories.flatMap((story) => {
          const digest = modelled.digests.get(story.source);
          return digest === undefined ? [] : [[story.source, { size: story.size, mtimeMs: story.mtimeMs, ctimeMs: story.ctimeMs, ino: story.ino, digest }] as const];
        }),
      );
      // What this build's renders read, with what the last build's did while any page is kept as they rendered it.
      // Renders that read fields no build had recorded: every page's reads are digested again, with them.
      const readFields = outputs.some((output) => output.unchanged) ? unionOfReadFields(recorder.fields(), index?.readFields) : recorder.fields();
      const recordedAnyPage = fieldsOfAnyGroup(readFields);
      const recorded = sameReadFields(readFields, startFields) ? undefined : fingerprintsByKind(site, readFields, lazyFingerprints(site, recordedAnyPage, code), recordedAnyPage);
      const readsOf = (output: (typeof outputs)[number], position: number) => {
        const page = result.pages?.[position];
        return recorded && page ? withTemplates(pageReadsDigest(page, recorded(page.kind)), templateReads(page.kind)) : output.reads;
      };
      const pages = new Map(outputs.map((output, position) => [output.file, { reads: readsOf(output, position), bytes: written.files.get(output.file)?.digest ?? '' }]));
      const assetStamps = new Map(scan.assets.filter((asset) => site.usedAssets.includes(asset.source)).map((asset) => [`media/${asset.source}`, asset.stamp]));
      // A frame is kept of a build without errors or stories left out; one taken from the last build stands as it is.
      // It is written first: the index, written last, vouches for it and for the stories shards.
      const clean = result.leftOut.length === 0 && !hasErrors(messages) && result.siteMessages !== undefined && shape !== undefined;
      const frameChecksum = framed ? index?.frameChecksum : await writeSiteFrame(dir, clean && result.siteMessages ? frameOf(site, shape ?? '', result.siteMessages) : undefined);
      const searchBundle = await keepSearchBundle(dir, searchKey, search, index?.search);
      const cache = { code, config: configKey, out, published: written.published, writtenAt: Date.now(), stamps, pages, assets: assetStamps, own: { stamp: own.stamp, print: own.print }, messages: result.messages.map(toPlainMessage), counts, schedule: site.schedule, stories: modelled.entries, frameChecksum, search: searchBundle, readFields };
      await writeBuildCache(dir, cache, index && cachedStories ? { index, stories: cachedStories } : undefined);
      await writeManifest(dir, manifest);
      rememberTemplatesKey(dir, templates);
      phase('write cache');
    });
    // The tree left behind is far behind the live one: have it linked up in the background, for the next build.
    if (layout === 'swap' && needsCatchUp(written.behind)) startTreeCatchUp(out);
    const count = (outcome: string) => [...written.files.values()].filter((file) => file.outcome === outcome).length;
    const stats: BuildStats = {
      ...counts,
      storiesReused: modelled.reused,
      written: count('added') + count('changed'),
      unchanged: count('unchanged'),
      removed: written.removed.length,
      ms: elapsed(started),
    };
    return report(logger, { ok: true, messages, site, stats, leftOut: result.leftOut, schedule: site.schedule, config, manifest });
  } finally {
    await ahead?.close();
    spill?.close();
  }
}

/** The stories folder as messages name it: relative to `cwd`, with forward slashes (`''` when it is `cwd`). */
function displayFolderOf(root: string, cwd: string): string {
  return path.relative(cwd, root).split(path.sep).join('/');
}

function elapsed(since: number): number {
  return Math.round(performance.now() - since);
}

function report(logger: Logger, outcome: BuildOutcome): BuildOutcome {
  const text = formatReport(outcome.messages);
  if (text) logger.error(text);
  if (outcome.leftOut && outcome.leftOut.length > 0) {
    const count = outcome.leftOut.length;
    logger.error(`Left out ${count} broken ${count === 1 ? 'story' : 'stories'} (--keep-going): ${outcome.leftOut.map(terminalText).join(', ')}`);
  }
  if (outcome.stats) {
    const { stories, pages, feeds, ms, written, unchanged, removed } = outcome.stats;
    logger.info(`Built ${stories} ${stories === 1 ? 'story' : 'stories'} into ${pages} pages and ${feeds} feeds in ${ms} ms: ${written} files written, ${unchanged} unchanged, ${removed} removed`);
    const next = outcome.schedule?.nextEmbargo;
    if (next) logger.info(`Next embargo lifts at ${next.at.iso} (${terminalText(next.displayPath)}): build again then to publish it`);
  } else {
    logger.error(outcome.failure ?? 'Build failed: nothing was written, the previous output is unchanged');
  }
  return outcome;
}

/** A page's reads with the digest of the site's templates it is rendered with, if it reads any. */
function withTemplates(reads: string, templates: string | undefined): string {
  return templates === undefined ? reads : hash('sha1', `${reads}\0${templates}`, 'base64');
}

/** A model result with its article read whole (see `wholeArticle`). */
function wholeResult(result: ModelResult): ModelResult {
  return result.article ? { ...result, article: wholeArticle(result.article) } : result;
}

/** A cached story whose body now waits in the spill file. */
function spillCached(story: CachedStory, spill: BodySpill): CachedStory {
  const article = story.result.article;
  return article ? { ...story, result: { ...story.result, article: spill.spill(article) } } : story;
}
