import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { scanStories, type ScannedFolder } from '../io/load.js';
import { loadTheme } from '../io/load-theme.js';
import { loadOwnFiles, type OwnFiles } from '../io/own-files.js';
import { isLargeOutput, scanOutputAhead, type ScanAhead } from '../output/output-scan-ahead.js';
import type { SiteFrame } from '../incremental/site-frame.js';
import { prepareBodies } from '../model/body.js';
import { templateReadsByKind } from '../overrides/page-kinds.js';
import { lastTemplatesKey, templatesKey } from '../overrides/templates-key.js';
import type { ModelResult } from '../pipeline/model.js';
import { modelPages } from '../pipeline/page-model.js';
import type { SiteFiles } from '../pipeline/site-files.js';
import { themeAssetsDir } from '../paths.js';
import { hasErrors } from '../report/problem.js';
import { openBodySpill, type BodySpill } from '../store/body-spill.js';
import { readCacheIndex, readCachedStories, readSiteFrame, type CacheIndex, type CachedStory } from '../store/build-cache.js';
import { codeDigest, rememberedCodeDigest } from '../store/code-digest.js';
import { fromPlainMessage } from '../store/serialize.js';
import { modelWithCache, storyShapes, type CachedModelResults } from '../store/story-cache.js';
import { isUpToDate, reusableDigest } from '../store/up-to-date.js';
import { renderThreadsAhead, type RenderThreads } from '../threads/render-pool.js';
import { memoryCeiling, type MemoryCeiling } from './memory-ceiling.js';
import { preparePictures, type PicturesStep } from '../media/pictures.js';
import { prepareSiteCard, type SiteCardStep } from '../media/site-card.js';
import type { BuildSetup } from './setup.js';

// Read, the first phase of a build: scan the stories folder and the site's own files, tell
// whether the output already is this build, read the cache, and model the stories (on threads)
// that it does not vouch for.

/** A story file as messages name it, and its path relative to `stories/`. */
export interface StoryName {
  readonly source: string;
  readonly displayPath: string;
}

/** The output folder already is this build: nothing to read, render or write. */
export interface UpToDate {
  readonly kind: 'up-to-date';
  readonly index: CacheIndex;
  /** The last build's warnings, reported again. */
  readonly lastMessages: readonly VFileMessage[];
}

/** The stories read and modelled, with what the cache held of the last build. */
export interface StoriesRead {
  readonly kind: 'read';
  readonly scan: ScannedFolder;
  readonly own: OwnFiles;
  /** The digest of wiredesk's code: a cache of other code is not read. */
  readonly code: string;
  /** The key of the site's templates, and whether the last build used the same (then pages read what they read then). */
  readonly templatesKey: string;
  readonly templatesKept: boolean;
  /** The digest of the site's templates a page of a kind is rendered with, if any. */
  readonly templateReads: ReturnType<typeof templateReadsByKind>;
  /** The last build's cache index, when it is of this code and these settings. */
  readonly index: CacheIndex | undefined;
  /** The cached stories of the last build (lazy articles, or bodies in the spill file). */
  readonly cachedStories: ReadonlyMap<string, CachedStory> | undefined;
  readonly modelled: CachedModelResults;
  /** Whether the output folder is there: without it (CI with the cache restored) every page is rendered. */
  readonly outputThere: boolean;
  /** The stories' shape (see `siteShape`) when every one was read, and the last build's frame when it is still valid. */
  readonly shape: string | undefined;
  readonly frame: SiteFrame | undefined;
  /** The theme and the site's own pages, static files and stylesheet. */
  readonly files: SiteFiles;
  /** The warnings of files the scan skipped, the errors of unreadable stories and the site's own files'. */
  readonly messages: readonly VFileMessage[];
  /** Every story file, as messages name it. */
  readonly stories: readonly StoryName[];
  readonly ceiling: MemoryCeiling;
  /** The spill file holding the bodies of a huge archive. */
  readonly spill: BodySpill | undefined;
  /** Render threads started ahead, loading while the site is resolved. */
  readonly ahead: RenderThreads | undefined;
  /** The plain output folder's scan, started on another thread while the site is assembled (see `scanOutputAhead`). */
  readonly outputScan: ScanAhead | undefined;
  /** The pictures of the stories folder, sized (see `preparePictures`). */
  readonly pictures: PicturesStep;
  /** The site card, when the site needs one (see `prepareSiteCard`): published with the theme's files. */
  readonly siteCard: SiteCardStep;
  /** Stop the threads started ahead and close the spill file. */
  release(): Promise<void>;
}

/** Read a build's stories, or find the output up to date (see `UpToDate`). */
export async function readStories(setup: BuildSetup, step: (name: string) => void): Promise<UpToDate | StoriesRead> {
  const { now, cwd, progress, out, dir, useCache, config, configKey, overrides, layout, tuning } = setup;
  progress.phase('Reading the stories folder');
  // The cache index is read while the thread pool lists the stories folder: it needs only the code's digest.
  const codeAndIndex = async () => {
    const code = useCache ? await rememberedCodeDigest(path.join(dir, 'code.json')) : await codeDigest();
    return { code, index: useCache ? await readCacheIndex(dir, code, configKey) : undefined };
  };
  // A page is kept without rendering only in an output folder that is there: on a fresh checkout with the cache
  // restored (CI) there is none, and every page is rendered, as in a cold build (on the render threads, with many).
  const outputThere = existsSync(out);
  // A large output folder (see `Tuning.outputScanAloneFrom`) takes longer to scan than the stories folder: on a thread of its own, from now on.
  const scansOutput = layout === 'folder' && outputThere && useCache;
  const largeOutputScan = scansOutput && isLargeOutput(out, tuning.outputScanAloneFrom) ? scanOutputAhead(out) : undefined;
  const { scan, own, theme, code, index } = await readFolders(setup, codeAndIndex).catch(async (error: unknown) => {
    await largeOutputScan?.stop();
    throw error;
  });
  // A change to the site's templates re-renders the kinds of page that read them (see `templateReadsByKind`), and nothing is up to date.
  const templates = templatesKey(overrides.compiled);
  const templatesKept = useCache && lastTemplatesKey(dir) === templates;
  step(largeOutputScan ? 'scan (and the output folder’s, started on a thread of its own)' : 'scan');
  // A build that reported errors (with `--keep-going`) is never taken as up to date: they must be reported, and fail without the flag.
  const lastMessages = index?.messages.map(fromPlainMessage) ?? [];
  const inWindow = index !== undefined && index.schedule.window.from <= now && now < index.schedule.window.until;
  if (index && inWindow && templatesKept && isUpToDate(index, scan, out, layout, own) && !hasErrors(lastMessages)) {
    await setup.scanAhead?.close();
    await largeOutputScan?.stop();
    return { kind: 'up-to-date', index, lastMessages };
  }

  // A huge archive's bodies wait in a file rather than in memory while pages are rendered: those
  // read from the cache as well as those modelled now (an edit renders a dozen pages, not all).
  const spilling = scan.stories.length >= tuning.bodySpillFrom;
  if (spilling && useCache) await mkdir(dir, { recursive: true });
  const spill = spilling ? openBodySpill(path.join(useCache ? dir : os.tmpdir(), `bodies-${process.pid}.spill`)) : undefined;
  let ahead: RenderThreads | undefined;
  let pictures: PicturesStep | undefined;
  // This build writes: the output folder (plain, with a cache, so a record to scan against) is scanned meanwhile. A small
  // one on the thread that scanned the stories ahead, if there is one: no second thread to start.
  const outputScan = scansOutput ? (largeOutputScan ?? setup.scanAhead?.scanOutput(out) ?? scanOutputAhead(out)) : undefined;
  const release = async () => {
    await outputScan?.stop();
    await setup.scanAhead?.close();
    await ahead?.close();
    spill?.close();
    await pictures?.release();
  };
  // The picture of link previews for a site without one, drawn (sharp works on its own threads) or taken from the cache
  // while the stories are read; published as a theme file. Awaited below, or on the way out when reading fails.
  const logoFile = config.logo === undefined ? undefined : own.statics.find((file) => file.source === config.logo?.src)?.absolutePath;
  const drawing = prepareSiteCard({ config, logoFile, cacheDir: useCache ? dir : undefined, code });
  drawing.catch(() => undefined);
  try {
    // A huge archive is held near a memory ceiling (see `memoryCeiling`); a small one never reaches it.
    const ceiling = memoryCeiling(tuning.memoryCeiling);
    // Cached articles are lazy when few pages will render (an output folder there, the site's templates, pages and
    // stylesheet as they were): most are only resolved and planned, never shown, and a huge archive reads only the
    // shards' heads. Otherwise every page renders (CI with the cache restored, a changed stylesheet): every story is
    // read whole, shard by shard, its body into the spill file when the archive is huge.
    const fewRenders = outputThere && templatesKept && index?.own.print === own.print;
    if (index) progress.phase('Reading the cache');
    const cachedStories = index ? await readCachedStories(dir, index, spill && !fewRenders ? { keep: (story) => spillCached(story, spill) } : { lazy: outputThere }) : undefined;
    ceiling.checkNow();
    if (cachedStories) step(`stories cache (${cachedStories.size} heads)`);
    const assets = new Set(scan.assets.map((asset) => asset.source));
    // The pictures first: a story takes its picture's sizes, and is modelled again when they change.
    pictures = await preparePictures(scan.assets, useCache ? dir : undefined);
    step(`pictures (${pictures.resized} of ${pictures.pictures.size} resized)`);
    const sized = pictures.pictures;
    const known = new Map(
      scan.stories.flatMap((story) => {
        const digest = reusableDigest(index, cachedStories, story, assets, sized);
        return digest === undefined ? [] : [[story.source, digest] as const];
      }),
    );
    step('cache');
    const keep = (result: ModelResult): ModelResult => {
      ceiling.check();
      return spill && result.article ? { article: spill.spill(result.article), messages: result.messages } : result;
    };
    if (known.size < scan.stories.length) progress.phase('Reading stories', scan.stories.length - known.size);
    const modelled = await modelWithCache(
      scan.stories,
      known,
      cachedStories,
      { root: scan.root, cwd, config, assets, pictures: sized },
      { threads: setup.threads, keep, settled: (count) => progress.advance(count) },
    );
    ceiling.checkNow();
    step(`model (${modelled.reused} of ${scan.stories.length} stories from the cache)`);
    // Most stories new (a cold build, a template change) or no output folder: start the render threads now, to load while the site is resolved.
    const fresh = outputThere ? modelled.results.length - modelled.reused : modelled.results.length;
    ahead = spill ? undefined : renderThreadsAhead(fresh, { threads: setup.threads, renderPoolFrom: tuning.renderPoolFrom });
    const storiesFolder = displayFolderOf(scan.root, cwd);
    const stories = scan.stories.map((story) => ({ source: story.source, displayPath: storiesFolder === '' ? story.source : `${storiesFolder}/${story.source}` }));
    // Stories that all keep the shape of the last build's (a new headline or body, say) resolve as they did: its frame.
    // Pages and the site's stylesheet as they were, too: a change to them is rare, and resolves the site again (see `OwnFiles.print`).
    const shape = storyShapes(modelled.entries.values(), modelled.messages.length);
    const lastFrame = shape !== undefined && index && inWindow && index.own.print === own.print ? await readSiteFrame(dir, index) : undefined;
    const frame = lastFrame && lastFrame.schedule.window.from <= now && now < lastFrame.schedule.window.until ? lastFrame : undefined;
    // Its own step: reading the frame (every story's links and every collection) is most of what is left to read, and is not the card's.
    step(lastFrame ? 'frame' : 'shape');
    // The pages of `pages/`: few and small, modelled on every build that is not up to date.
    await prepareBodies(config);
    const ownPages = modelPages(own.pages, config);
    const siteCard = await drawing;
    if (siteCard.file) step(siteCard.made > 0 ? 'site card (drawn)' : 'site card (from the cache)');
    const files: SiteFiles = { theme: siteCard.file ? [...theme, siteCard.file] : theme, pages: ownPages.pages, statics: own.statics, stylesheetHash: own.stylesheetHash };
    // The warnings of files skipped by the scan, then one error per story file that could not be read, then the site's own files'.
    const messages = [...scan.messages, ...modelled.messages, ...own.messages, ...ownPages.messages];
    const templateReads = templateReadsByKind(overrides.compiled);
    return {
      kind: 'read',
      scan,
      own,
      code,
      templatesKey: templates,
      templatesKept,
      templateReads,
      index,
      cachedStories,
      modelled,
      outputThere,
      shape,
      frame,
      files,
      messages,
      stories,
      ceiling,
      spill,
      ahead,
      outputScan,
      pictures,
      siteCard,
      release,
    };
  } catch (error) {
    await release();
    throw error;
  }
}

/** The stories folder scanned, the site's own files and the theme loaded, and the cache index read (`codeAndIndex`), at once. */
async function readFolders(setup: BuildSetup, codeAndIndex: () => Promise<{ code: string; index: CacheIndex | undefined }>) {
  const [scan, own, theme, { code, index }] = await Promise.all([storiesScan(setup), loadOwnFiles(setup.cwd), loadTheme(themeAssetsDir), codeAndIndex()]);
  return { scan, own, theme, code, index };
}

/** The scan of the stories folder: the one started ahead on another thread when it is of this folder and worked, else one made now. */
async function storiesScan(setup: BuildSetup): Promise<ScannedFolder> {
  const ahead = setup.scanAhead?.storiesDir === setup.storiesDir ? await setup.scanAhead.take() : undefined;
  return ahead ?? scanStories(setup.storiesDir, setup.cwd);
}

/** The stories folder as messages name it: relative to `cwd`, with forward slashes (`''` when it is `cwd`). */
function displayFolderOf(root: string, cwd: string): string {
  return path.relative(cwd, root).split(path.sep).join('/');
}

/** A cached story whose body now waits in the spill file. */
function spillCached(story: CachedStory, spill: BodySpill): CachedStory {
  const article = story.result.article;
  return article ? { ...story, result: { ...story.result, article: spill.spill(article) } } : story;
}
