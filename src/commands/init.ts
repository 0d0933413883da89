import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { consoleLogger, type Logger } from '../report/logger.js';
import { siteFiles } from '../init/site-files.js';
import { isKnownTimeZone } from '../text/datetime.js';
import { version } from '../version.js';

/** What `wiredesk init` is asked to do. */
export interface InitOptions {
  /** The site's folder (default `.`), created when missing. */
  readonly dir?: string | undefined;
  /** The zone written as `timezone` (default: the machine's, else UTC). */
  readonly timezone?: string | undefined;
  /** The instant the sample story is dated (default: the clock), in epoch milliseconds. */
  readonly now?: number | undefined;
  readonly cwd?: string | undefined;
  readonly logger?: Logger | undefined;
}

/** How `init` went: the files written (relative to the site's folder), or why nothing was. */
export interface InitOutcome {
  readonly files: readonly string[];
  readonly refused?: string;
}

/**
 * Make a new site in `dir`: settings, a sample story dated now, an About page, a favicon,
 * package.json, .gitignore and a GitHub Pages workflow; then say what was written and what to do next. A folder that holds
 * anything but a `.git` folder is refused, and nothing is written.
 */
export async function init(options: InitOptions = {}): Promise<InitOutcome> {
  const cwd = options.cwd ?? process.cwd();
  const logger = options.logger ?? consoleLogger;
  const given = options.dir ?? '.';
  const dir = path.resolve(cwd, given);
  const refused = await refusal(dir, given);
  if (refused !== undefined) {
    logger.error(refused);
    return { files: [], refused };
  }
  const files = siteFiles({ timezone: options.timezone ?? machineZone(), now: options.now ?? Date.now(), version });
  for (const file of files) {
    const target = path.join(dir, ...file.path.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.text, { flag: 'wx' });
  }
  const steps = [...(dir === cwd ? [] : [`cd ${/^[\w./-]+$/.test(given) ? given : `'${given.replaceAll("'", "'\\''")}'`}`]), 'npm install', 'npm run dev'];
  logger.info(
    [
      `Made a new site in ${given}:`,
      ...files.map((file) => `  ${file.path}`),
      '',
      'Next:',
      ...steps.map((step) => `  ${step}`),
      '',
      'Write a story with `npx wiredesk new "Headline"`; push to GitHub and turn on Pages (Source: GitHub Actions) to publish.',
    ].join('\n'),
  );
  return { files: files.map((file) => file.path) };
}

/** Why `dir` cannot take a new site, or undefined when it is missing or empty (a `.git` folder alone is fine). */
async function refusal(dir: string, given: string): Promise<string | undefined> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') return `Cannot make a site in "${given}": it is a file, expected an empty folder or a new name`;
    return `Cannot make a site in "${given}": ${(error as Error).message}`;
  }
  const others = entries.filter((name) => name !== '.git');
  if (others.length === 0) return undefined;
  return `Cannot make a site in "${given}": it is not empty (${others.sort()[0]}${others.length > 1 ? ` and ${others.length - 1} more` : ''}), expected an empty folder or a new name`;
}

/** The machine's IANA time zone, or UTC when it has none this Node.js knows. */
function machineZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone !== undefined && isKnownTimeZone(zone) ? zone : 'UTC';
}
