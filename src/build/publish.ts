import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { manifestOf, writeManifest } from '../deploy/manifest.js';
import { frameOf } from '../incremental/site-frame.js';
import { needsCatchUp, startTreeCatchUp } from '../output/tree-catch-up.js';
import { PartlyPublished } from '../output/staged-files.js';
import { writeSite, type WriteResult } from '../output/write.js';
import { TemplateFailure } from '../overrides/failure.js';
import { rememberTemplatesKey } from '../overrides/templates-key.js';
import { hasErrors } from '../report/problem.js';
import { searchIndexStep, type SearchStep } from '../search/build-step.js';
import { writeBuildCache, writeSiteFrame } from '../store/build-cache.js';
import { indexColumns } from '../store/index-encoding.js';
import { forgetStoredShards } from '../store/search-shards.js';
import { toPlainMessage } from '../store/serialize.js';
import { renderPoolFor } from '../threads/render-pool.js';
import type { Assembly } from './assemble.js';
import { keepCache, writeFailure } from './failures.js';
import type { BuildOutcome, BuildStats } from './outcome.js';
import { outputNotices } from './output-notices.js';
import { countRenders } from './render-progress.js';
import type { PageReads } from './reads.js';
import type { StoriesRead, UpToDate } from './read.js';
import type { BuildSetup } from './setup.js';
import type { BuildWork } from './work.js';

// Publish, the last phase of a build: render the pages that changed (on threads when there are
// many), index them for search, write the output folder, then keep the cache and the manifest.

/** Output files that are not pages a reader opens. */
const nonPageKinds: ReadonlySet<string> = new Set(['feed', 'sitemap', 'robots', 'headers', 'asset']);

/** What the phases before publishing gave. */
export interface ToPublish {
  readonly read: StoriesRead;
  readonly assembly: Assembly;
  readonly reads: PageReads;
  /** The search index's step, started once the site was assembled (see `startSearchIndex`); none with `search: false`. */
  readonly search: SearchStep | undefined;
}

/**
 * Start the search index of the site assembled, one shard per period: those whose stories did not
 * change are taken from the cache (see `searchIndexStep`). Settles once Pagefind holds the first
 * shard's documents, so that it indexes them while this thread finds the pages' reads and renders.
 */
export async function startSearchIndex(setup: BuildSetup, read: StoriesRead, assembly: Assembly): Promise<SearchStep | undefined> {
  if (!setup.config.search) return undefined;
  const search = await searchIndexStep(assembly.site, {
    cacheDir: setup.useCache ? setup.dir : undefined,
    code: read.code,
    settings: setup.configKey,
    digests: read.modelled.digests,
    thread: setup.tuning.searchThread,
  });
  await search.sent;
  return search;
}

/** Publish a build whose output already is the site: nothing is written but the manifest. */
export async function publishUpToDate(setup: BuildSetup, upToDate: UpToDate): Promise<BuildOutcome> {
  const { index, lastMessages } = upToDate;
  const work: BuildWork = {
    assembled: 'up-to-date',
    storiesModelled: 0,
    storiesReused: index.counts.stories,
    pagesRendered: 0,
    renderThreads: 0,
    bodiesSpilled: false,
    collectionsUnderCeiling: 0,
    searchIndex: setup.config.search ? 'kept' : 'none',
    picturesResized: 0,
    siteCardsDrawn: 0,
  };
  const manifest = manifestOf({ files: { size: 0, changed: new Map() }, removed: [] }, work, index.pages.size);
  await keepCache(setup.dir, setup.logger, () => writeManifest(setup.dir, manifest));
  const messages = [...setup.settingsMessages, ...lastMessages];
  const stats = { ...index.counts, storiesReused: index.counts.stories, written: 0, unchanged: index.pages.size, removed: 0, ms: elapsedSince(setup.started) };
  return { ok: true, messages, stats, work, schedule: index.schedule, config: setup.config, manifest };
}

/** Render, index and write the site assembled, then keep the cache and the manifest (a failure to keep them does not fail the build). */
export async function publishSite(setup: BuildSetup, { read, assembly, reads, search }: ToPublish, step: (name: string) => void): Promise<BuildOutcome> {
  const { cwd, logger, progress, storiesDir, out, dir, useCache, config, overrides, layout, tuning } = setup;
  const { own, spill, ahead, ceiling } = read;
  const { site, messages } = assembly;
  const { outputs } = reads;
  // Lead images from the stories folder, then every file of `static/` at its own path (URL-encoded: the write stage decodes it).
  const copied = [
    ...site.usedAssets.flatMap((source) => [{ from: path.join(storiesDir, source), path: `media/${source}` }, ...read.pictures.copiesOf(source)]),
    ...own.statics.map((file) => ({ from: file.absolutePath, path: file.source.split('/').map(encodeURIComponent).join('/') })),
  ];
  // Many story pages and feeds to render (a cold build, a template change): render them on threads, while this one renders the lists.
  const pool = spill ? undefined : renderPoolFor(site, outputs, { threads: setup.threads, renderPoolFrom: tuning.renderPoolFrom, templates: overrides.compiled, recorder: reads.recorder }, ahead);
  const rendering = countRenders(pool?.outputs ?? outputs, progress);
  let written: WriteResult;
  try {
    const onWait = (pid: number) => logger.info(`Waiting for the tree catch-up (process ${pid}) that the last build started to finish…`);
    if (rendering.toRender > 0) progress.phase('Rendering pages and feeds', rendering.toRender);
    else progress.phase('Writing the site');
    written = await writeSite(rendering.outputs, copied, out, { rewriteAll: !useCache, derived: search?.step, onWait, layout, ahead: read.outputScan, beforeRecord: () => ceiling.makeRoom() });
  } catch (error) {
    // A site's template that failed on a page: said at the template, the output untouched.
    if (error instanceof TemplateFailure) return { ok: false, messages: [...messages, error.toMessage()] };
    // A disk that is full or a path in the way is said in one line (see `writeFailure`).
    // Only a failure while a plain folder's new files went into place leaves part of the new site there.
    const partly = error instanceof PartlyPublished;
    const failure = writeFailure(partly ? error.cause : error, path.relative(cwd, out) || '.', partly);
    if (failure === undefined) throw error;
    return { ok: false, messages, failure };
  } finally {
    await pool?.close();
  }
  for (const line of outputNotices(written, path.relative(cwd, out) || '.')) logger.error(line);
  step(pool ? `render and write (story pages and feeds on ${pool.threads} threads)` : 'render and write');

  const work: BuildWork = {
    assembled: assembly.by,
    storiesModelled: read.modelled.fresh.size,
    storiesReused: read.modelled.reused,
    pagesRendered: rendering.toRender,
    renderThreads: pool?.threads ?? 0,
    bodiesSpilled: spill !== undefined,
    collectionsUnderCeiling: ceiling.collections,
    searchIndex: search ? search.work() : 'none',
    picturesResized: read.pictures.resized,
    siteCardsDrawn: read.siteCard.made,
  };
  const counts = {
    stories: site.articles.length,
    // Pages a reader opens (not feeds, sitemaps, robots.txt or theme files); feeds counted once for their three formats.
    pages: assembly.pages.filter((page) => !nonPageKinds.has(page.kind)).length,
    feeds: assembly.pages.filter((page) => page.kind === 'feed' && page.path.endsWith('feed.xml')).length,
  };
  const manifest = manifestOf(written, work);
  // The site is published: from here on, nothing that fails may fail the build (the next one starts without the cache).
  if (useCache) {
    progress.phase('Writing the cache');
    await keepCache(dir, logger, async () => {
      await keepBuildCache(setup, { read, assembly, reads, search }, { written, counts });
      await read.pictures.keep();
      await writeManifest(dir, manifest);
      rememberTemplatesKey(dir, read.templatesKey);
      step('cache');
    });
  }
  // The tree left behind is far behind the live one: have it linked up in the background, for the next build.
  if (layout === 'swap' && needsCatchUp(written.behind, tuning.catchUpFrom)) startTreeCatchUp(out);
  const stats: BuildStats = {
    ...counts,
    storiesReused: read.modelled.reused,
    written: manifest.added.length + manifest.changed.length,
    unchanged: manifest.unchanged,
    removed: written.removed.length,
    ms: elapsedSince(setup.started),
  };
  return { ok: true, messages, site, stats, work, leftOut: assembly.leftOut, schedule: site.schedule, config, manifest };
}

/** Whole milliseconds since `started` (a `performance.now()`). */
function elapsedSince(started: number): number {
  return Math.round(performance.now() - started);
}

/** What publishing gave that the cache keeps. */
interface PublishedFiles {
  readonly written: WriteResult;
  readonly counts: { readonly stories: number; readonly pages: number; readonly feeds: number };
}

/** Keep what the next build reuses: the stories' stamps and results, each page's reads, the frame, the search shards. */
async function keepBuildCache(setup: BuildSetup, { read, assembly, reads, search }: ToPublish, { written, counts }: PublishedFiles): Promise<void> {
  const { scan, modelled, own, index, cachedStories, shape } = read;
  const { site } = assembly;
  // Built in plain loops, as the columns the index is written in: 10,000 stamps and 13,400 pages on every publish.
  const columns = indexColumns(scan.stories.length, reads.outputs.length);
  for (const story of scan.stories) {
    const digest = modelled.digests.get(story.source);
    if (digest !== undefined) columns.stamp(story.source, story, digest);
  }
  const recorded = reads.recordedReads();
  reads.outputs.forEach((output, position) => {
    columns.page(output.file, recorded.reads[position] ?? output.reads, written.files.digests.get(output.file) ?? '', recorded.listCounts[position] === true);
  });
  const { stamps, pages } = columns.done();
  // The copied pictures, and every picture of the stories folder: one mended or changed is not up to date.
  const assetStamps = new Map(scan.assets.filter((asset) => site.usedAssets.includes(asset.source) || read.pictures.pictures.has(asset.source)).map((asset) => [`media/${asset.source}`, asset.stamp]));
  // A frame is kept of a build without errors or stories left out; one taken from the last build stands as it is.
  // It is written first: the index, written last, vouches for it and for the stories shards.
  const clean = assembly.leftOut.length === 0 && !hasErrors(assembly.messages) && assembly.siteMessages !== undefined && shape !== undefined;
  // A frame extended from the last one (stories published) is packed from it: what the new stories left alone as it was.
  const frameChecksum =
    assembly.by === 'reused'
      ? index?.frameChecksum
      : await writeSiteFrame(setup.dir, clean && assembly.siteMessages ? frameOf(site, shape ?? '', assembly.siteMessages) : undefined, assembly.by === 'extended' ? read.frame : undefined);
  if (search) await search.keep();
  else forgetStoredShards(setup.dir);
  const cache = {
    code: read.code,
    config: setup.configKey,
    out: setup.out,
    published: written.published,
    writtenAt: Date.now(),
    stamps,
    pages,
    assets: assetStamps,
    own: { stamp: own.stamp, print: own.print },
    messages: assembly.siteBuildMessages.map(toPlainMessage),
    counts,
    schedule: site.schedule,
    stories: modelled.entries,
    frameChecksum,
    readFields: recorded.fields,
  };
  await writeBuildCache(setup.dir, cache, index && cachedStories ? { index, stories: cachedStories } : undefined);
}
