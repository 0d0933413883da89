import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { VFileMessage } from 'vfile-message';
import { resolveConfig } from '../config.js';
import { articlePrintsFor, fingerprintSite } from '../incremental/fingerprints.js';
import { fieldsOfAnyGroup } from '../incremental/read-fields.js';
import { readRecorder, type ReadRecorder } from '../incremental/read-tracking.js';
import { invalidatedPages } from '../incremental/invalidate.js';
import { positionsOf, replaceArticles, structureKey } from '../incremental/light-edit.js';
import { indexReaders, type Readers } from '../incremental/readers.js';
import type { Article } from '../model/article.js';
import type { SiteConfig, SiteInputs } from '../model/config.js';
import { feedFormatOfPath } from '../model/feed-formats.js';
import type { LinkedArticle, Site } from '../model/site.js';
import { filePathOf } from '../model/urls.js';
import { themeAssetsDir } from '../paths.js';
import { prepareBodies } from '../model/body.js';
import { cacheDir } from '../store/build-cache.js';
import { openCacheFolder } from '../store/cache-folder.js';
import { TemplateFailure } from '../overrides/failure.js';
import { siteTemplates } from '../overrides/site-templates.js';
import { templateFailurePage } from './template-failure-page.js';
import { hasErrors } from '../report/problem.js';
import { storyToArticle } from '../pipeline/index.js';
import { isHidden, isStorySource, loadStories, loadStoryFile } from '../io/load.js';
import { loadTheme } from '../io/load-theme.js';
import { assembleForDev, withDrafts, type StoryEntry } from './assemble.js';
import type { Page } from '../pages/page.js';
import { pinFolderIfPresent } from '../io/open-inside.js';
import { openOwnFolders } from './own-folders.js';
import { expandFolders, isRegularFile, isRegularFileInside } from './changed-files.js';
import { contentTypeOf } from './content-type.js';
import { skippedFiles } from './skipped-files.js';
import type { Served } from './site-source.js';

/** Where the dev engine finds its inputs: the same as a build's, from a known folder. */
export interface DevEngineOptions extends SiteInputs {
  readonly cwd: string;
  /** `false` resolves and plans the whole site on every change (the reference the light path is tested against). */
  readonly incremental?: boolean | undefined;
  /** The instant to preview (epoch milliseconds) for embargoes and the news window; the clock at each rebuild when absent. */
  readonly now?: number | undefined;
  /** Also serve embargoed and withheld stories at their URLs, with a banner saying so (`dev --drafts`). */
  readonly drafts?: boolean | undefined;
}

/** What one (re)build did: its problems, the pages it changed or removed, and how long it took. */
export interface RebuildReport {
  /**
   * True when the site was rebuilt, broken stories left out or shown at their last good version;
   * false when problems no story can be left out for (the settings') kept the last good site in place.
   */
  readonly ok: boolean;
  readonly messages: readonly VFileMessage[];
  /** Story files on no page because they are broken and have no good version yet (display paths, sorted). */
  readonly leftOut: readonly string[];
  /** Site paths whose output changed (new pages included). */
  readonly changed: readonly string[];
  readonly removed: readonly string[];
  /** How many of the changed pages were rendered at once (those already served); the rest render on request. */
  readonly rendered: number;
  readonly pages: number;
  readonly ms: number;
  /**
   * `light` when only articles were swapped or only `skipped-file` warnings changed (no resolving,
   * no page planning), `full` when the site was resolved again, `unchanged` when no file's content
   * had changed (nothing was done).
   */
  readonly path: 'light' | 'full' | 'unchanged';
}

/** The incremental site behind the dev server: update it with changed files, look pages up. */
export interface DevEngine {
  readonly config: SiteConfig | undefined;
  /** The absolute path of the stories folder. */
  readonly storiesDir: string;
  /** The settings file as messages name it (relative to the working folder, e.g. `site.yaml`). */
  readonly settingsFile: string;
  /** The first full build. */
  readonly initial: RebuildReport;
  /** Apply changed, added or deleted files below the stories folder (absolute paths). */
  update(files: readonly string[]): Promise<RebuildReport>;
  /** The response for a site path, from the last good build (rendered on first request, then cached). */
  lookup(sitePath: string): Served | undefined;
  /** Every story page of the last good build, each rendered as it is read and not cached (for the search index). */
  storyPages(): Iterable<{ readonly sitePath: string; readonly html: string }>;
}

/**
 * The last good build and what an edit needs to update it without resolving again. The maps are
 * the engine's own and a light edit updates them in place, so that it costs the same at any size.
 */
interface GoodSite {
  readonly site: Site;
  readonly pages: ReadonlyMap<string, Page>;
  readonly byId: Map<string, LinkedArticle>;
  readonly positions: ReadonlyMap<string, number>;
  readonly fingerprints: {
    readonly articles: Map<string, string>;
    readonly teasers: Map<string, string>;
    readonly stamps: Map<string, string>;
    readonly collections: ReadonlyMap<string, string>;
  };
  readonly readers: Readers;
  /** Messages of the resolve and render stages (errors only for stories left out). */
  readonly siteMessages: readonly VFileMessage[];
  readonly leftOut: readonly string[];
  /** With `drafts`: preview pages of embargoed and withheld stories, rendered on each request. */
  readonly drafts: ReadonlyMap<string, Page>;
}

/** Build the site once and keep everything needed to rebuild only what a change touches. */
export async function createDevEngine(options: DevEngineOptions): Promise<DevEngine> {
  const started = performance.now();
  const { cwd } = options;
  const storiesDir = path.resolve(cwd, options.stories ?? 'stories');
  // Read below the folder as it is now: one swapped for a link later (a hostile `git pull`) is never read through.
  const storiesRoot = pinFolderIfPresent(storiesDir);
  const settings = await resolveConfig(options.config, { baseUrl: options.baseUrl }, cwd);
  const config = settings.config;
  // The site's templates, compiled once for the engine's life: a change to them starts a fresh engine.
  const cacheFolder = openCacheFolder(cacheDir(cwd));
  const overrides = await siteTemplates({ cwd, cacheDir: cacheFolder.usable ? cacheFolder.dir : undefined });
  const resolved = { ...settings, messages: [...settings.messages, ...overrides.messages] };
  const templatesFailed = hasErrors(overrides.messages);
  const [loaded, theme] = await Promise.all([loadStories(storiesDir, cwd), loadTheme(themeAssetsDir), resolved.config && prepareBodies(resolved.config)]);
  // The site's pages and static files, read again whole when a file in them changes (they are few): the site is then resolved again.
  const own = await openOwnFolders(cwd, config, theme);
  const stories = new Map<string, StoryEntry>();
  /** Stories whose results carry messages: the only ones a report has to look at. */
  const withMessages = new Set<string>();
  const setStory = (source: string, entry: StoryEntry) => {
    stories.set(source, entry);
    if (entry.result.messages.length > 0) withMessages.add(source);
    else withMessages.delete(source);
  };
  const deleteStory = (source: string) => {
    withMessages.delete(source);
    return stories.delete(source);
  };
  const unreadable = new Map<string, VFileMessage>();
  const assets = new Set(loaded.assets.map((asset) => asset.source));
  for (const message of loaded.messages) unreadable.set(message.file ?? '', message);
  // Warnings of files named like stories but not read (a named pipe, `LOUD.MD`): never a reason to resolve again.
  const skipped = skippedFiles(loaded.skipped, storiesDir, cwd);
  if (config) for (const file of loaded.stories) setStory(file.source, { file, result: storyToArticle(file, config, assets) });

  let good: GoodSite | undefined;
  let lastOk = false;
  /** Each story as the last good site has it, shown in its place while a save of it is broken. */
  let lastGood = new Map<string, Article>();
  const cache = new Map<string, string | Uint8Array>();
  /** What the session's renders read of teasers and stamps: fingerprints compare those fields. */
  const recorder = readRecorder();
  const storyMessages = () => [...resolved.messages, ...unreadable.values(), ...skipped.messages(), ...own.messages(), ...[...withMessages].flatMap((source) => stories.get(source)?.result.messages ?? [])];

  /** Drop changed pages from the cache, rendering again at once those that had been served. */
  const refresh = (next: GoodSite, changed: readonly string[], removed: readonly string[]): number => {
    let rendered = 0;
    for (const sitePath of removed) cache.delete(sitePath);
    for (const sitePath of changed) {
      const page = next.pages.get(sitePath);
      if (!cache.delete(sitePath) || !page) continue;
      const { body, failed } = renderPage(page, next.site, recorder);
      // A page a site's template fails on is rendered again on request, not kept.
      if (failed) continue;
      cache.set(sitePath, body);
      rendered++;
    }
    return rendered;
  };

  const fullRebuild = (since: number): RebuildReport => {
    const failed = (messages: readonly VFileMessage[]): RebuildReport => {
      lastOk = false;
      return { ok: false, messages, leftOut: [], changed: [], removed: [], rendered: 0, pages: good?.pages.size ?? 0, ms: elapsed(since), path: 'full' };
    };
    if (!config || templatesFailed) return failed(resolved.messages);
    const inputs = { config, files: own.siteFiles(), templates: overrides.templates, extra: [...resolved.messages, ...unreadable.values(), ...skipped.messages(), ...own.messages()], unreadable: unreadable.keys(), storiesDir, cwd };
    const assembly = assembleForDev(stories, lastGood, { ...inputs, now: options.now ?? Date.now(), drafts: options.drafts === true });
    const { outcome } = assembly;
    if (!outcome.site || !outcome.pages) return failed(assembly.messages);
    const pages = new Map(outcome.pages.map((page) => [page.path, page]));
    const fromStories = new Set(storyMessages());
    const fingerprints = fingerprintSite(outcome.site, fieldsOfAnyGroup(recorder.fields()));
    const next: GoodSite = {
      site: outcome.site,
      pages,
      byId: new Map(outcome.site.byId),
      positions: positionsOf(outcome.site),
      fingerprints: { articles: new Map(fingerprints.articles), teasers: new Map(fingerprints.teasers), stamps: new Map(fingerprints.stamps), collections: fingerprints.collections },
      readers: indexReaders(pages.values()),
      siteMessages: outcome.messages.filter((message) => !fromStories.has(message)),
      leftOut: outcome.leftOut,
      drafts: assembly.drafts,
    };
    const { changed, removed } = withDrafts(good ? invalidatedPages(good, next) : { changed: [...pages.keys()], removed: [] }, good?.drafts, next);
    const rendered = refresh(next, changed, removed);
    good = next;
    lastOk = true;
    lastGood = assembly.lastGood;
    return { ok: true, messages: assembly.messages, leftOut: outcome.leftOut, changed, removed, rendered, pages: pages.size, ms: elapsed(since), path: 'full' };
  };

  /** Swap edited articles into the last good site when they keep its shape; undefined when a full rebuild is needed. */
  const lightRebuild = (since: number, edited: ReadonlyMap<string, Article>): RebuildReport | undefined => {
    if (options.incremental === false || !good || !lastOk || edited.size === 0 || unreadable.size > 0) return undefined;
    const before = new Map<string, LinkedArticle>();
    for (const [id, article] of edited) {
      const old = good.site.byId.get(id);
      if (!old || structureKey(old) !== structureKey(article)) return undefined;
      before.set(id, old);
    }
    const { site, replaced } = replaceArticles(good.site, edited, good.positions, good.byId);
    for (const article of edited.values()) lastGood.set(article.source, article);
    const changed = new Set<string>();
    // Each changed fingerprint (in full, as a teaser, place and time) sends its readers to be rendered again:
    // both versions printed by the fields read so far (renders since the last print may have read more).
    const articlePrints = articlePrintsFor(fieldsOfAnyGroup(recorder.fields()));
    for (const article of replaced) {
      const old = before.get(article.id);
      for (const [kind, fingerprint] of articlePrints) {
        const print = fingerprint(article);
        if (!old || fingerprint(old) !== print) for (const sitePath of good.readers[kind].get(article.id) ?? []) changed.add(sitePath);
        good.fingerprints[kind].set(article.id, print);
      }
    }
    const next: GoodSite = { ...good, site };
    const rendered = refresh(next, [...changed], []);
    good = next;
    // Draft pages are rendered on each request: only which of them show an edited story matters.
    for (const [sitePath, page] of next.drafts) if (page.deps.teasers.some((id) => edited.has(id))) changed.add(sitePath);
    return { ok: true, messages: [...storyMessages(), ...next.siteMessages], leftOut: next.leftOut, changed: [...changed], removed: [], rendered, pages: next.pages.size, ms: elapsed(since), path: 'light' };
  };

  const initial = fullRebuild(started);

  return {
    config,
    storiesDir,
    settingsFile: path.relative(cwd, path.resolve(cwd, options.config ?? 'site.yaml')).split(path.sep).join('/'),
    initial,
    async update(files) {
      const since = performance.now();
      if (!config) return fullRebuild(since);
      // A page or static file changed: the folders are read again and the site resolved again; only
      // the pages whose reads changed (see `invalidatedPages`) are sent to reload, and the static files served anew.
      const ownChange = files.some((file) => own.contains(file)) ? await own.reread() : { changed: false, statics: [] };
      let shapeChanged = ownChange.changed;
      let assetsChanged = false;
      let warningsChanged = false;
      const edited = new Map<string, Article>();
      const knownUnder = (prefix: string) => [...stories.keys(), ...assets, ...skipped.sources()].filter((source) => source.startsWith(prefix));
      for (const file of await expandFolders(files.filter((file) => !own.contains(file)), storiesDir, knownUnder)) {
        const source = path.relative(storiesDir, file).split(path.sep).join('/');
        if (source.startsWith('../') || source === '..' || path.isAbsolute(source) || isHidden(source)) continue;
        const displayPath = path.relative(cwd, file).split(path.sep).join('/');
        warningsChanged = (await skipped.recheck(file, source, displayPath)) || warningsChanged;
        // A story behind a link is read (and refused, with its message); a picture there is not served.
        const exists = isStorySource(source) ? await isRegularFile(file) : await isRegularFileInside(storiesRoot, file);
        if (!isStorySource(source)) {
          shapeChanged = assetsChanged = true;
          if (exists) assets.add(source);
          else assets.delete(source);
          continue;
        }
        unreadable.delete(displayPath);
        const before = stories.get(source);
        const loadedFile = exists ? await loadStoryFile(storiesRoot, source, cwd) : undefined;
        if (!loadedFile || 'message' in loadedFile) {
          if (loadedFile) unreadable.set(displayPath, loadedFile.message);
          shapeChanged ||= deleteStory(source) || loadedFile !== undefined;
          continue;
        }
        if (before?.file.digest === loadedFile.digest) continue;
        const result = storyToArticle(loadedFile, config, assets);
        setStory(source, { file: loadedFile, result });
        if (before?.result.article && result.article && before.result.article.id === result.article.id && !result.messages.some((m) => m.fatal === true)) {
          edited.set(result.article.id, result.article);
        } else {
          shapeChanged = true;
        }
      }
      if (assetsChanged) remodelStoriesWithImages(stories, config, assets, setStory);
      if (!shapeChanged && edited.size === 0) {
        // Only a skipped file's warning changed: reported as it is, with nothing to resolve or render.
        if (warningsChanged && (!good || !lastOk)) return fullRebuild(since);
        const messages = warningsChanged && good ? [...storyMessages(), ...good.siteMessages] : storyMessages();
        return { ok: lastOk, messages, leftOut: good?.leftOut ?? [], changed: [], removed: [], rendered: 0, pages: good?.pages.size ?? 0, ms: elapsed(since), path: warningsChanged ? 'light' : 'unchanged' };
      }
      const report = (!shapeChanged && lightRebuild(since, edited)) || fullRebuild(since);
      return ownChange.statics.length === 0 ? report : { ...report, changed: [...report.changed, ...ownChange.statics] };
    },
    *storyPages() {
      if (!good) return;
      for (const page of good.pages.values()) {
        if (page.kind !== 'article') continue;
        const body = cache.get(page.path) ?? renderPage(page, good.site, recorder).body;
        yield { sitePath: page.path, html: typeof body === 'string' ? body : new TextDecoder().decode(body) };
      }
    },
    lookup(sitePath) {
      if (!good) return undefined;
      const page = good.pages.get(sitePath);
      if (page) {
        let body = cache.get(sitePath);
        if (body === undefined) {
          const rendered = renderPage(page, good.site, recorder);
          // A site's template that fails on this page: the message in its place, not kept, until the template is fixed.
          if (rendered.failed) return { kind: 'bytes', body: rendered.body, contentType: 'text/html; charset=utf-8' };
          body = rendered.body;
          cache.set(sitePath, body);
        }
        return { kind: 'bytes', body, contentType: contentTypeOfPage(page) };
      }
      const draft = good.drafts.get(sitePath);
      if (draft) return { kind: 'bytes', body: draft.render(recorder.view(good.site, draft)), contentType: contentTypeOfPage(draft) };
      const media = sitePath.startsWith('media/') ? sitePath.slice('media/'.length) : undefined;
      if (media !== undefined && good.site.usedAssets.includes(media)) {
        return { kind: 'file', absolutePath: path.join(storiesDir, media), contentType: contentTypeOf(media) };
      }
      return own.lookup(sitePath);
    },
  };
}

/** A page's contents, or (`failed`) the page saying which of the site's templates failed on it. */
function renderPage(page: Page, site: Site, recorder: ReadRecorder): { readonly body: string | Uint8Array; readonly failed: boolean } {
  try {
    return { body: page.render(recorder.view(site, page)), failed: false };
  } catch (error) {
    if (error instanceof TemplateFailure) return { body: templateFailurePage(error.onPage(page.path)), failed: true };
    throw error;
  }
}

/** Stories with a lead image read the asset list: model them again when it may have changed. */
function remodelStoriesWithImages(
  stories: ReadonlyMap<string, StoryEntry>,
  config: SiteConfig,
  assets: ReadonlySet<string>,
  setStory: (source: string, entry: StoryEntry) => void,
): void {
  for (const [source, entry] of [...stories]) {
    if (entry.result.article?.image?.source || entry.result.messages.some((message) => message.ruleId === 'missing-image')) {
      setStory(source, { file: entry.file, result: storyToArticle(entry.file, config, assets) });
    }
  }
}

function contentTypeOfPage(page: Page): string {
  if (page.kind === 'feed') return `${feedFormatOfPath(page.path)?.mediaType ?? 'application/xml'}; charset=utf-8`;
  if (page.kind === 'asset') return contentTypeOf(page.path);
  return contentTypeOf(filePathOf(page.path));
}

function elapsed(since: number): number {
  return Math.round((performance.now() - since) * 10) / 10;
}
