import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { resolveConfig } from '../config.js';
import type { SiteConfig, SiteInputs } from '../model/config.js';
import type { Article } from '../model/article.js';
import { themeAssetsDir } from '../paths.js';
import { prepareBodies } from '../model/body.js';
import { cacheDir } from '../store/build-cache.js';
import { openCacheFolder } from '../store/cache-folder.js';
import { rememberedCodeDigest } from '../store/code-digest.js';
import { siteTemplates } from '../overrides/site-templates.js';
import { hasErrors } from '../report/problem.js';
import { loadTheme } from '../io/load-theme.js';
import { pinFolderIfPresent } from '../io/open-inside.js';
import { readStoriesFolder } from './first-read.js';
import { openOwnFolders } from './own-folders.js';
import { applyChanges, rebuildAll } from './rebuild.js';
import type { RebuildReport } from './rebuild-report.js';
import { servedPages } from './served-pages.js';
import type { DevSession } from './session.js';
import { skippedFiles } from './skipped-files.js';
import type { Served } from './site-source.js';
import { storySet } from './story-set.js';

export type { RebuildReport } from './rebuild-report.js';

/** Where the dev engine finds its inputs: the same as a build's, from a known folder. */
export interface DevEngineOptions extends SiteInputs {
  readonly cwd: string;
  /** `false` resolves and plans the whole site on every change (the reference the incremental paths are tested against). */
  readonly incremental?: boolean | undefined;
  /** The instant to preview (epoch milliseconds) for embargoes and the news window; the clock at each rebuild when absent. */
  readonly now?: number | undefined;
  /** Also serve embargoed and withheld stories at their URLs, with a banner saying so (`dev --drafts`). */
  readonly drafts?: boolean | undefined;
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
  /** The live stories of the last good build (for the search index). */
  liveArticles(): readonly Article[];
}

/** Build the site once and keep everything needed to rebuild only what a change touches (see `applyChanges`). */
export async function createDevEngine(options: DevEngineOptions): Promise<DevEngine> {
  const started = performance.now();
  const session = await openSession(options);
  const { setup, state, served, own } = session;
  const initial = rebuildAll(session, started, false);
  return {
    config: setup.config,
    storiesDir: setup.storiesDir,
    settingsFile: path
      .relative(setup.cwd, path.resolve(setup.cwd, options.config ?? 'site.yaml'))
      .split(path.sep)
      .join('/'),
    initial,
    update: (files) => applyChanges(session, files),
    liveArticles: () => state.kept?.resolution.site.articles ?? [],
    lookup(sitePath) {
      if (!state.kept) return undefined;
      return served.lookup(state.kept, sitePath, setup.storiesDir) ?? own.lookup(sitePath);
    },
  };
}

/** Read the settings, the site's templates, its own folders and every story: a session with nothing built yet. */
async function openSession(options: DevEngineOptions): Promise<DevSession> {
  const { cwd } = options;
  const storiesDir = path.resolve(cwd, options.stories ?? 'stories');
  // Read below the folder as it is now: one swapped for a link later (a hostile `git pull`) is never read through.
  const storiesRoot = pinFolderIfPresent(storiesDir);
  const settings = await resolveConfig(options.config, { baseUrl: options.baseUrl }, cwd);
  const config = settings.config;
  // The site's templates, compiled once for the engine's life: a change to them starts a fresh engine.
  const cacheFolder = openCacheFolder(cacheDir(cwd));
  const overrides = await siteTemplates({ cwd, cacheDir: cacheFolder.usable ? cacheFolder.dir : undefined });
  // The stories read and modelled as a build's read phase does (on the model threads, from 200 stories); later edits are read one by one.
  const [first, theme] = await Promise.all([readStoriesFolder(storiesDir, cwd, config), loadTheme(themeAssetsDir), config && prepareBodies(config)]);
  // The site's pages and static files, read again whole when a file in them changes (they are few): the site is then resolved again.
  // The site card is kept in the cache as a build keeps it, under the same key (the code's digest, remembered as a build remembers it).
  const cardCache = cacheFolder.usable ? cacheFolder.dir : undefined;
  const code = cardCache === undefined ? '' : await rememberedCodeDigest(path.join(cardCache, 'code.json'));
  const own = await openOwnFolders(cwd, config, theme, { cacheDir: cardCache, code });
  const setup = {
    config,
    cwd,
    storiesDir,
    storiesRoot,
    settingsMessages: [...settings.messages, ...overrides.messages],
    templates: overrides.templates,
    templatesFailed: hasErrors(overrides.messages),
    incremental: options.incremental !== false,
    now: options.now,
    drafts: options.drafts === true,
  };
  const stories = storySet(first, { root: storiesRoot, cwd }, config);
  // Warnings of files named like stories but not read (a named pipe, `LOUD.MD`): never a reason to resolve again.
  const skipped = skippedFiles(first.skipped, storiesDir, cwd);
  return { setup, stories, skipped, own, served: servedPages(), state: { kept: undefined, lastOk: false, lastGood: new Map() } };
}
