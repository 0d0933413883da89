import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { skippedFileAt } from '../io/load.js';

/**
 * The `skipped-file` warnings of the stories folder as the preview knows them, by path in the
 * folder: those of the first scan, then kept up to date file by file as changes come in. They
 * are warnings only: no story comes or goes with them, so they never make the site resolve again.
 */
export interface SkippedFiles {
  /** Every warning, by path in the stories folder. */
  messages(): Iterable<VFileMessage>;
  /** The paths (in the stories folder) of the files warned of. */
  sources(): Iterable<string>;
  /** Look at `file` (`source` in the stories folder, shown as `displayPath`) again; true when its warning changed. */
  recheck(file: string, source: string, displayPath: string): Promise<boolean>;
}

/** Keep the warnings of the first scan (`initial`, naming files relative to `cwd`) for a stories folder `storiesDir`. */
export function skippedFiles(initial: readonly VFileMessage[], storiesDir: string, cwd: string): SkippedFiles {
  const bySource = new Map<string, VFileMessage>();
  for (const message of initial)
    bySource.set(
      path
        .relative(storiesDir, path.resolve(cwd, message.file ?? ''))
        .split(path.sep)
        .join('/'),
      message,
    );
  return {
    messages: () => bySource.values(),
    sources: () => bySource.keys(),
    async recheck(file, source, displayPath) {
      const before = bySource.get(source);
      const now = await skippedFileAt(file, displayPath);
      if (now) bySource.set(source, now);
      else bySource.delete(source);
      return before?.reason !== now?.reason;
    },
  };
}
