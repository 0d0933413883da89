import { watch } from 'chokidar';
import type { BuildOptions } from '../build/setup.js';
import { ignoredByWatch } from '../dev/watch.js';
import { missingStoriesFolder } from '../io/stories-folder.js';
import { consoleLogger } from '../report/logger.js';
import type { Tuning } from '../tuning.js';
import type { FileEvent } from './batch.js';
import { systemClock } from './clock.js';
import { defaultTiming, startWatchLoop } from './loop.js';
import { sweepNewFolders } from './new-folders.js';
import { roundPublisher } from './round.js';
import { watchedPaths, watchOptions } from './sources.js';

/** How a watch session ended: stopped (by `stop`), or refused before it built (no stories folder). */
export type WatchEnd = { readonly stopped: true } | { readonly refused: string };

const events: Readonly<Record<string, FileEvent>> = { add: 'added', change: 'changed', unlink: 'removed' };

/**
 * `wiredesk build --watch`: build, then keep the output folder current until `stop` aborts: build
 * again (incrementally, with the cache) when the stories, the settings, the site's templates,
 * `static/` or `pages/` change, and at the instant the site changes by itself (an embargo lifts);
 * deploy after each build that published the site. On `stop`, the build in progress ends first.
 */
export async function watchBuild(options: BuildOptions, tuning: Tuning, stop: AbortSignal): Promise<WatchEnd> {
  const cwd = options.cwd ?? process.cwd();
  const logger = options.logger ?? consoleLogger;
  const refused = missingStoriesFolder(options.stories, cwd);
  if (refused !== undefined) {
    logger.error(refused);
    return { refused };
  }
  const clock = systemClock;
  const timing = defaultTiming;
  const stopped = new Promise<void>((resolve) => {
    if (stop.aborted) resolve();
    else stop.addEventListener('abort', () => resolve(), { once: true });
  });
  // The first build starts once the watcher is ready: a file it did not read (written after it
  // looked) is one the watcher reports, and is built next.
  const watcher = watch(watchedPaths({ cwd, stories: options.stories, config: options.config }), watchOptions(timing));
  watcher.on('error', (error) => logger.error(`Watcher: ${error instanceof Error ? error.message : String(error)}`));
  await Promise.race([new Promise<void>((resolve) => watcher.once('ready', () => resolve())), stopped]);
  if (stop.aborted) {
    await watcher.close();
    return { stopped: true };
  }
  const publish = roundPublisher({ options: { ...options, cwd, logger }, tuning, clock });
  let firstRefused: string | undefined;
  const loop = startWatchLoop(clock, timing, async (batch) => {
    const result = await publish(batch);
    if (batch.first) firstRefused = result.refused;
    return result;
  });
  watcher.on('all', (event, file) => {
    const happened = events[event];
    if (happened !== undefined) loop.changed(file, happened);
  });
  // A file written into a folder as it appears may escape the watcher: looked for again (see `sweepNewFolders`).
  const stopSweeps = sweepNewFolders(watcher, ignoredByWatch, (file) => loop.changed(file, 'added'));
  await Promise.race([loop.idle(), stopped]);
  if (firstRefused !== undefined) {
    stopSweeps();
    await loop.stop();
    await watcher.close();
    return { refused: firstRefused };
  }
  if (!stop.aborted) logger.info(`Watching for changes to the stories, the settings, templates/, static/ and pages/; Ctrl-C stops`);
  await stopped;
  if (loop.busy()) logger.info('Stopping after the build in progress');
  stopSweeps();
  await loop.stop();
  await watcher.close();
  return { stopped: true };
}
