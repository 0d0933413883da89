import path from 'node:path';
import type { ChokidarOptions } from 'chokidar';
import { watcherOptions } from '../dev/watch.js';
import { pagesFolder, staticFolder } from '../io/own-files.js';
import type { WatchTiming } from './loop.js';

/** The site's folder and the inputs a watching build names (as `wiredesk build` takes them). */
export interface SiteSources {
  readonly cwd: string;
  readonly stories?: string | undefined;
  readonly config?: string | undefined;
}

/** Everything a build reads from the site, to watch: the stories, the settings, the site's templates, `static/` and `pages/` (each watched even before it exists). */
export function watchedPaths({ cwd, stories, config }: SiteSources): string[] {
  return [path.resolve(cwd, stories ?? 'stories'), path.resolve(cwd, config ?? 'site.yaml'), path.resolve(cwd, 'templates'), path.resolve(cwd, staticFolder), path.resolve(cwd, pagesFolder)];
}

/**
 * The watcher's options: those of `wiredesk dev` (no events for the files there at the start,
 * links not followed, dot-files and editors' temporary files ignored, atomic saves followed),
 * and a file's change counted only once its size held for `settleMs`: a wire feed or a CMS
 * export writing a story in pieces sets off one build, of the whole story.
 */
export function watchOptions(timing: Pick<WatchTiming, 'settleMs' | 'settlePollMs'>): ChokidarOptions {
  return { ...watcherOptions(), awaitWriteFinish: { stabilityThreshold: timing.settleMs, pollInterval: timing.settlePollMs } };
}
