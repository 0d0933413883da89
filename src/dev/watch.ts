import path from 'node:path';
import type { ChokidarOptions } from 'chokidar';

/** The folders and files the dev command watches. */
export interface WatchPaths {
  readonly storiesDir: string;
  /** The site's own folders, `pages/` and `static/` (watched even before they exist). */
  readonly ownDirs?: readonly string[];
  /** The settings file (watched even before it exists). */
  readonly configFile: string;
  /** wiredesk's own `templates/` and `src/` folders: a change there needs fresh modules. */
  readonly codeDirs: readonly string[];
  /** The site's `templates/` folder, whose files override wiredesk's templates (watched even before it exists). */
  readonly templatesDir?: string | undefined;
}

/**
 * What a changed file means: a story-folder change (incremental), a page or static file (`own`), a
 * settings change, a code change (recompile wiredesk), or a change to the site's template overrides
 * (compiled by a fresh engine).
 */
export type ChangeKind = 'stories' | 'own' | 'config' | 'code' | 'templates' | 'ignored';

/** Classify a changed path. */
export function classifyChange(file: string, paths: WatchPaths): ChangeKind {
  const resolved = path.resolve(file);
  if (resolved === path.resolve(paths.configFile)) return 'config';
  if (isInside(resolved, paths.storiesDir)) return 'stories';
  if ((paths.ownDirs ?? []).some((dir) => isInside(resolved, dir))) return 'own';
  if (paths.codeDirs.some((dir) => isInside(resolved, dir))) return /\.(tsx?|css|js)$/.test(resolved) || !path.extname(resolved) ? 'code' : 'ignored';
  if (paths.templatesDir !== undefined && isInside(resolved, paths.templatesDir)) return 'templates';
  return 'ignored';
}

/** The chokidar options: no initial scan events, dot-files (but `.well-known/`) and editors' temporary files ignored, atomic saves followed. */
export function watcherOptions(): ChokidarOptions {
  return {
    ignoreInitial: true,
    followSymlinks: false,
    atomic: true,
    ignored: ignoredByWatch,
  };
}

/** Whether the watch leaves `file` alone: dot-files (but `.well-known/`), editors' backup, swap and probe files, `node_modules/`. */
export function ignoredByWatch(file: string): boolean {
  const name = path.basename(file);
  // `.well-known/` is the one dot-folder a site publishes (from `static/`).
  return (name.startsWith('.') && name !== '.well-known') || name.endsWith('~') || name.endsWith('.swp') || name === 'node_modules' || name === '4913';
}

/** Everything to hand to chokidar: the stories folder, the site's own folders, the settings file, the code folders and the site's templates. */
export function watchTargets(paths: WatchPaths): string[] {
  return [paths.storiesDir, ...(paths.ownDirs ?? []), paths.configFile, ...paths.codeDirs, ...(paths.templatesDir === undefined ? [] : [paths.templatesDir])];
}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(path.resolve(dir), file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
