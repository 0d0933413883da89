import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { VFileMessage } from 'vfile-message';
import { resolveConfig } from '../config.js';
import { fingerprintSite } from '../incremental/fingerprints.js';
import { invalidatedPages, type PageSet } from '../incremental/invalidate.js';
import type { SiteConfig, SiteInputs } from '../model/config.js';
import { filePathOf } from '../model/urls.js';
import { themeAssetsDir } from '../paths.js';
import { assembleSite, storyToArticle } from '../pipeline/index.js';
import { isHidden, isStorySource, loadStories, loadStoryFile, type StoryFile } from '../pipeline/load.js';
import { loadTheme } from '../pipeline/load-theme.js';
import type { ModelResult } from '../pipeline/model.js';
import type { Page } from '../render/page.js';
import { contentTypeOf } from './content-type.js';
import type { Served } from './site-source.js';

/** Where the dev engine finds its inputs: the same as a build's, from a known folder. */
export interface DevEngineOptions extends SiteInputs {
  readonly cwd: string;
}

/** What one (re)build did: its problems, the pages it changed or removed, and how long it took. */
export interface RebuildReport {
  /** True when the site was rebuilt; false when problems kept the last good site in place. */
  readonly ok: boolean;
  readonly messages: readonly VFileMessage[];
  /** Site paths whose output changed (new pages included). */
  readonly changed: readonly string[];
  readonly removed: readonly string[];
  /** How many of the changed pages were rendered at once (those already served); the rest render on request. */
  readonly rendered: number;
  readonly pages: number;
  readonly ms: number;
}

/** The incremental site behind the dev server: update it with changed files, look pages up. */
export interface DevEngine {
  readonly config: SiteConfig | undefined;
  /** The absolute path of the stories folder. */
  readonly storiesDir: string;
  /** The first full build. */
  readonly initial: RebuildReport;
  /** Apply changed, added or deleted files below the stories folder (absolute paths). */
  update(files: readonly string[]): Promise<RebuildReport>;
  /** The response for a site path, from the last good build (rendered on first request, then cached). */
  lookup(sitePath: string): Served | undefined;
}

interface GoodSite extends PageSet {
  readonly usedAssets: ReadonlySet<string>;
}

/** Build the site once and keep everything needed to rebuild only what a change touches. */
export async function createDevEngine(options: DevEngineOptions): Promise<DevEngine> {
  const started = performance.now();
  const { cwd } = options;
  const storiesDir = path.resolve(cwd, options.stories ?? 'stories');
  const resolved = await resolveConfig(options.config, { baseUrl: options.baseUrl }, cwd);
  const config = resolved.config;
  const [loaded, theme] = await Promise.all([loadStories(storiesDir, cwd), loadTheme(themeAssetsDir)]);
  const stories = new Map<string, { file: StoryFile; result: ModelResult }>();
  const unreadable = new Map<string, VFileMessage>();
  const assets = new Set(loaded.assets.map((asset) => asset.source));
  for (const message of loaded.messages) unreadable.set(message.file ?? '', message);
  if (config) for (const file of loaded.stories) stories.set(file.source, { file, result: storyToArticle(file, config, assets) });

  let good: GoodSite | undefined;
  const cache = new Map<string, string | Uint8Array>();

  const rebuild = (since: number): RebuildReport => {
    if (!config) return { ok: false, messages: resolved.messages, changed: [], removed: [], rendered: 0, pages: 0, ms: elapsed(since) };
    const results = [...stories.values()].map((entry) => entry.result);
    const outcome = assembleSite(results, [...resolved.messages, ...unreadable.values()], config, theme);
    if (!outcome.site || !outcome.pages || outcome.messages.some((message) => message.fatal === true)) {
      return { ok: false, messages: outcome.messages, changed: [], removed: [], rendered: 0, pages: good?.pages.size ?? 0, ms: elapsed(since) };
    }
    const next: GoodSite = {
      pages: new Map(outcome.pages.map((page) => [page.path, page])),
      fingerprints: fingerprintSite(outcome.site),
      usedAssets: new Set(outcome.site.usedAssets),
    };
    const { changed, removed } = good ? invalidatedPages(good, next) : { changed: [...next.pages.keys()], removed: [] };
    let rendered = 0;
    for (const sitePath of removed) cache.delete(sitePath);
    for (const sitePath of changed) {
      if (!cache.delete(sitePath)) continue;
      const page = next.pages.get(sitePath);
      if (page) {
        cache.set(sitePath, page.render());
        rendered++;
      }
    }
    good = next;
    return { ok: true, messages: outcome.messages, changed, removed, rendered, pages: next.pages.size, ms: elapsed(since) };
  };

  const initial = rebuild(started);

  return {
    config,
    storiesDir,
    initial,
    async update(files) {
      const since = performance.now();
      if (!config) return rebuild(since);
      let assetsChanged = false;
      for (const file of await expandFolders(files, storiesDir, [...stories.keys(), ...assets])) {
        const source = path.relative(storiesDir, file).split(path.sep).join('/');
        if (source.startsWith('../') || source === '..' || path.isAbsolute(source) || isHidden(source)) continue;
        const exists = await isRegularFile(file);
        if (!isStorySource(source)) {
          assetsChanged = true;
          if (exists) assets.add(source);
          else assets.delete(source);
          continue;
        }
        const displayPath = path.relative(cwd, file).split(path.sep).join('/');
        unreadable.delete(displayPath);
        if (!exists) {
          stories.delete(source);
          continue;
        }
        const loadedFile = await loadStoryFile(storiesDir, source, cwd);
        if ('message' in loadedFile) {
          stories.delete(source);
          unreadable.set(displayPath, loadedFile.message);
        } else if (stories.get(source)?.file.digest !== loadedFile.digest) {
          stories.set(source, { file: loadedFile, result: storyToArticle(loadedFile, config, assets) });
        }
      }
      if (assetsChanged) {
        // Only stories with a lead image read the asset list: model them again.
        for (const [source, entry] of stories) {
          if (entry.result.article?.image || entry.result.messages.some((message) => message.ruleId === 'missing-image')) {
            stories.set(source, { file: entry.file, result: storyToArticle(entry.file, config, assets) });
          }
        }
      }
      return rebuild(since);
    },
    lookup(sitePath) {
      if (!good) return undefined;
      const page = good.pages.get(sitePath);
      if (page) {
        let body = cache.get(sitePath);
        if (body === undefined) {
          body = page.render();
          cache.set(sitePath, body);
        }
        return { kind: 'bytes', body, contentType: contentTypeOfPage(page) };
      }
      const media = sitePath.startsWith('media/') ? sitePath.slice('media/'.length) : undefined;
      if (media !== undefined && good.usedAssets.has(media)) {
        return { kind: 'file', absolutePath: path.join(storiesDir, media), contentType: contentTypeOf(media) };
      }
      return undefined;
    },
  };
}

function contentTypeOfPage(page: Page): string {
  if (page.kind === 'feed') return 'application/rss+xml; charset=utf-8';
  if (page.kind === 'asset') return contentTypeOf(page.path);
  return contentTypeOf(filePathOf(page.path));
}

/**
 * Replace each changed folder by the files it now holds, and a deleted folder by the known files
 * that were in it, so that moving or deleting a whole folder of stories is seen file by file.
 */
async function expandFolders(files: readonly string[], storiesDir: string, known: readonly string[]): Promise<string[]> {
  const expanded: string[] = [];
  for (const file of files) {
    const kind = await kindOf(file);
    if (kind === 'file') {
      expanded.push(file);
    } else if (kind === 'folder') {
      const entries = await readdir(file, { recursive: true, withFileTypes: true });
      expanded.push(...entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name)));
    } else {
      const prefix = `${path.relative(storiesDir, file).split(path.sep).join('/')}/`;
      const gone = known.filter((source) => source.startsWith(prefix) || prefix === '/');
      expanded.push(file, ...gone.map((source) => path.join(storiesDir, source)));
    }
  }
  return [...new Set(expanded)];
}

async function kindOf(file: string): Promise<'file' | 'folder' | 'other' | 'missing'> {
  try {
    const stat = await lstat(file);
    return stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : 'other';
  } catch {
    return 'missing';
  }
}

async function isRegularFile(file: string): Promise<boolean> {
  try {
    return (await lstat(file)).isFile();
  } catch {
    return false;
  }
}

function elapsed(since: number): number {
  return Math.round((performance.now() - since) * 10) / 10;
}
