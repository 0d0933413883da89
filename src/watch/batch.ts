import path from 'node:path';
import { terminalText } from '../report/terminal-text.js';

/** What happened to a watched file, as the watcher says. */
export type FileEvent = 'added' | 'changed' | 'removed';

/** Why the watch loop builds: the first build, files that changed, the clock reaching the instant the site changes. */
export interface WatchBatch {
  /** The first build of the session. */
  readonly first: boolean;
  /** The files changed since the last build began (absolute paths), each with its latest event. */
  readonly files: ReadonlyMap<string, FileEvent>;
  /** The clock reached the instant the last good build said the site changes (an embargo lifts, the news window moves). */
  readonly woke: boolean;
}

/** How many changed files a build line names before it counts the rest. */
const namedFiles = 3;

/**
 * What set a build off, for its line: `stories/a.md added`, `site.yaml and 2 other files changed`,
 * `first build`; `woke` is said by the caller, which knows which embargo lifted.
 */
export function describeFiles(files: ReadonlyMap<string, FileEvent>, cwd: string): string {
  const shown = (file: string) => terminalText(path.relative(cwd, file) || file);
  const entries = [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const [only] = entries;
  if (only === undefined) return 'no file changed';
  if (entries.length === 1) return `${shown(only[0])} ${only[1]}`;
  const events = new Set(entries.map(([, event]) => event));
  const verb = events.size === 1 ? (events.values().next().value ?? 'changed') : 'changed';
  const named = entries.slice(0, namedFiles).map(([file]) => shown(file));
  const rest = entries.length - named.length;
  return `${entries.length} files ${verb} (${named.join(', ')}${rest > 0 ? ` and ${rest.toLocaleString('en')} more` : ''})`;
}
