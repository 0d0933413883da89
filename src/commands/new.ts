import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveConfig } from '../config.js';
import { newStoryFile } from '../init/story-file.js';
import { formatReport } from '../report/format.js';
import { consoleLogger, type Logger } from '../report/logger.js';

/** What `wiredesk new` is asked to do. */
export interface NewStoryOptions {
  readonly headline: string;
  /** The stories folder (default `stories`). */
  readonly stories?: string | undefined;
  /** The settings file to read `timezone` from (default `site.yaml`, optional). */
  readonly config?: string | undefined;
  /** The instant the story is dated (default: the clock), in epoch milliseconds. */
  readonly now?: number | undefined;
  readonly cwd?: string | undefined;
  readonly logger?: Logger | undefined;
}

/** How `new` went: the file written (as shown), or why none was (`refused`: exit 2; `failed`: exit 1). */
export type NewStoryOutcome = { readonly file: string } | { readonly refused: string } | { readonly failed: true };

/**
 * Write `stories/YYYY/MM/<slug>.md` for a new story titled `headline`, dated now in `site.yaml`'s
 * `timezone` (UTC when none), and print its path; an existing file is never replaced.
 */
export async function newStory(options: NewStoryOptions): Promise<NewStoryOutcome> {
  const cwd = options.cwd ?? process.cwd();
  const logger = options.logger ?? consoleLogger;
  if (options.headline.trim() === '') return refuse(logger, 'The headline is empty, expected `wiredesk new "Headline"`');
  const resolved = await resolveConfig(options.config, {}, cwd);
  if (resolved.config === undefined) {
    logger.error(formatReport(resolved.messages));
    return { failed: true };
  }
  const story = newStoryFile(options.headline.trim(), options.now ?? Date.now(), resolved.config.timezone, 'Write the story here.');
  const target = path.resolve(cwd, options.stories ?? 'stories', ...story.path.split('/'));
  const shown = path.relative(cwd, target).split(path.sep).join('/');
  await mkdir(path.dirname(target), { recursive: true });
  try {
    await writeFile(target, story.text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return refuse(logger, `${shown} exists, expected a new file: edit it, or choose another headline`);
  }
  logger.info(`wrote ${shown}`);
  return { file: shown };
}

function refuse(logger: Logger, reason: string): NewStoryOutcome {
  logger.error(reason);
  return { refused: reason };
}
