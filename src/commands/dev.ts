import path from 'node:path';
import { watch } from 'chokidar';
import { isPinnedFolderIntact, pinFolderIfPresent } from '../io/open-inside.js';
import type { SiteInputs } from '../model/config.js';
import { packageRoot } from '../paths.js';
import { consoleLogger, type Logger } from '../report/logger.js';
import { terminalText } from '../report/terminal-text.js';
import { compileCode } from '../dev/compile.js';
import { startEngineHost, type EngineHost } from '../dev/engine-host.js';
import type { RebuildSummary } from '../dev/protocol.js';
import { openBrowser } from '../dev/open-browser.js';
import { createRebuildQueue } from '../dev/rebuild-queue.js';
import { startDevServer, type DevServer } from '../dev/server.js';
import type { DevProblem } from '../dev/site-source.js';
import { pagesFolder, staticFolder } from '../io/own-files.js';
import { sweepNewFolders } from '../watch/new-folders.js';
import { classifyChange, ignoredByWatch, watcherOptions, watchTargets, type WatchPaths } from '../dev/watch.js';

/** What `wiredesk dev` is asked to do: the site's inputs, and where to serve. */
export interface DevOptions extends SiteInputs {
  readonly port?: number | undefined;
  readonly host?: string | undefined;
  /** Host names the server answers to besides `localhost`, IP addresses and `host` (`.example.com`: it and every name below). */
  readonly allowedHosts?: readonly string[] | undefined;
  readonly open?: boolean | undefined;
  /** The instant to preview (epoch milliseconds) for embargoes and the news window (`--now`); the clock when absent. */
  readonly now?: number | undefined;
  /** Also serve embargoed and withheld stories at their URLs, with a banner saying so (`--drafts`). */
  readonly drafts?: boolean | undefined;
  readonly logger?: Logger | undefined;
  /** Print only problems and the address served: not the first build's summary nor a line per rebuild (`--quiet`). */
  readonly quiet?: boolean | undefined;
}

/** Past this many changed pages, open pages are told to reload whatever they show. */
const maxReloadPaths = 500;

/** When to look at a changed story file once more, past chokidar's 50 ms window for repeated changes. */
const trailingCheckMs = 80;

/** A running preview: its address, and a way to stop it. */
export interface DevSession {
  readonly url: string;
  /** Resolves once every pending rebuild has finished. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Build, serve over HTTP, watch the stories, pages, static files, settings and templates, rebuild what changed and reload open pages. */
export async function dev(options: DevOptions = {}): Promise<DevSession> {
  const cwd = options.cwd ?? process.cwd();
  const logger = options.logger ?? consoleLogger;
  const chatter = (message: string) => (options.quiet === true ? undefined : logger.info(message));
  const paths: WatchPaths = {
    storiesDir: path.resolve(cwd, options.stories ?? 'stories'),
    ownDirs: [path.resolve(cwd, pagesFolder), path.resolve(cwd, staticFolder)],
    configFile: path.resolve(cwd, options.config ?? 'site.yaml'),
    codeDirs: [path.join(packageRoot, 'templates'), path.join(packageRoot, 'src')],
    templatesDir: path.resolve(cwd, 'templates'),
  };

  // The watcher starts first, while the first build runs, so that no save made during start-up is
  // lost: its changes wait in the queue until the engine and the server are ready.
  let markReady: (running: { host: EngineHost; server: DevServer }) => void = () => undefined;
  const ready = new Promise<{ host: EngineHost; server: DevServer }>((resolve) => (markReady = resolve));
  const storiesRoot = pinFolderIfPresent(paths.storiesDir);
  const queue = createRebuildQueue(async (files) => {
    const running = await ready;
    if (typeof storiesRoot !== 'string' && !isPinnedFolderIntact(storiesRoot)) {
      // Replaced by a link (a hostile `git pull`, say): reading through it could reach any file on the machine.
      const shown = path.relative(cwd, paths.storiesDir) || paths.storiesDir;
      logger.error(`wiredesk dev: ${shown} is no longer the folder the preview started with (a symbolic link now, say): not reading it, serving the last build; restart wiredesk dev`);
      return;
    }
    try {
      await rebuild(running, files);
    } catch (error) {
      // Every watcher callback catches its own errors: report, then start the engine afresh.
      logger.error(`Rebuild failed: ${error instanceof Error ? error.message : String(error)}; restarting the engine`);
      afterRebuild(running.server, 'engine restarted', await running.host.restart(), true);
    }
  });
  const watcher = watch(watchTargets(paths), watcherOptions());
  const onChange = (file: string): void => {
    if (classifyChange(file, paths) === 'ignored') return;
    const changed = path.resolve(file);
    queue.push(changed);
    // chokidar drops a second change to the same file within 50 ms (a save written as truncate,
    // then write, say): look again once that window has passed. An unchanged file costs a read.
    if (['stories', 'own'].includes(classifyChange(changed, paths))) setTimeout(() => queue.push(changed), trailingCheckMs).unref();
  };
  watcher.on('all', (_event, file) => onChange(file));
  // A file written into a folder as it appears may escape the watcher: looked for again (see `sweepNewFolders`).
  const stopSweeps = sweepNewFolders(watcher, ignoredByWatch, onChange);
  watcher.on('error', (error) => logger.error(`Watcher: ${error instanceof Error ? error.message : String(error)}`));
  const watching = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  const host = await startEngineHost({ cwd, stories: options.stories, config: options.config, baseUrl: options.baseUrl, now: options.now, drafts: options.drafts });
  let problemsShown = hasErrors(host.initial);
  printProblems(logger, host.initial.problems);
  if (host.initial.ok) chatter(`Built ${host.initial.pages} pages in ${host.initial.ms} ms${leftOutNote(host.initial)}`);
  else logger.info('The first build has problems: fix them and the preview fills in');
  const server = await startDevServer({ source: host.source, filesRoot: storiesRoot, host: options.host, allowedHosts: options.allowedHosts, port: options.port, logger });
  if (problemsShown) server.broadcast({ type: 'problems', problems: host.initial.problems });
  await watching;
  markReady({ host, server });
  const asked = options.port ?? 4321;
  logger.info(`wiredesk dev: serving ${server.url}${server.port !== asked && asked !== 0 ? ` (port ${asked} was taken)` : ''}, press Ctrl-C to stop`);

  function afterRebuild(target: DevServer, what: string, summary: RebuildSummary, all: boolean): void {
    if (summary.path === 'unchanged') return;
    printProblems(logger, summary.problems);
    if (!summary.ok) {
      logger.info(`${what} · problems: serving the last good build`);
      target.broadcast({ type: 'problems', problems: summary.problems });
      problemsShown = true;
      return;
    }
    const touched = [...summary.changed, ...summary.removed];
    const updated = all ? `${summary.pages} pages rebuilt` : `${touched.length} pages updated (${summary.rendered} re-rendered now)`;
    chatter(`${what} · ${updated}${leftOutNote(summary)} · ${summary.ms} ms`);
    const errors = hasErrors(summary);
    if (problemsShown && !errors) target.broadcast({ type: 'ok' });
    else if (all || touched.length > maxReloadPaths) target.broadcast({ type: 'reload', paths: 'all' });
    else if (touched.length > 0) target.broadcast({ type: 'reload', paths: touched });
    // After the reload, which the server remembers as clearing them: reloaded pages are shown the problems again.
    if (errors) target.broadcast({ type: 'problems', problems: summary.problems });
    problemsShown = errors;
  }

  async function rebuild(running: { host: EngineHost; server: DevServer }, files: readonly string[]): Promise<void> {
    const kinds = new Set(files.map((file) => classifyChange(file, paths)));
    const what = `${files.map((file) => terminalText(path.relative(cwd, file) || file)).join(', ')} changed`;
    if (kinds.has('code')) {
      const compiled = await compileCode();
      if (!compiled.ok) {
        const problems: DevProblem[] = compiled.lines.map((line) => ({ text: line, file: 'templates', severity: 'error', ruleId: 'compile' }));
        afterRebuild(running.server, what, { ok: false, problems, leftOut: [], changed: [], removed: [], rendered: 0, pages: 0, ms: 0, path: 'full' }, true);
        return;
      }
    }
    // A fresh engine compiles the site's templates again, and renders every page with them.
    if (kinds.has('code') || kinds.has('config') || kinds.has('templates')) {
      afterRebuild(running.server, what, await running.host.restart(), true);
      return;
    }
    const stories = files.filter((file) => ['stories', 'own'].includes(classifyChange(file, paths)));
    if (stories.length > 0) afterRebuild(running.server, what, await running.host.update(stories), false);
  }

  if (options.open) openBrowser(server.url);

  let closing: Promise<void> | undefined;
  return {
    url: server.url,
    idle: () => queue.idle(),
    close() {
      closing ??= (async () => {
        queue.stop();
        stopSweeps();
        await watcher.close();
        await server.close();
        await host.close();
      })();
      return closing;
    },
  };
}

/** Whether a rebuild has errors to keep on screen: stories left out, or shown at their last good version. */
function hasErrors(summary: RebuildSummary): boolean {
  return summary.problems.some((problem) => problem.severity === 'error');
}

function leftOutNote(summary: RebuildSummary): string {
  const count = summary.leftOut.length;
  return count === 0 ? '' : `, leaving out ${count} broken stor${count === 1 ? 'y' : 'ies'}: ${summary.leftOut.join(', ')}`;
}

function printProblems(logger: Logger, problems: readonly DevProblem[]): void {
  if (problems.length === 0) return;
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const warnings = problems.length - errors;
  logger.error([...problems.map((problem) => problem.text), `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`].join('\n'));
}
