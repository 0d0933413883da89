import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { existingStories, storyIndex, type StoryIndex } from '../import/existing-stories.js';
import { importProblem, type ImportedStory, type Importer } from '../import/imported-story.js';
import { readInputs, type FormattedInput, type ImportFormat } from '../import/read-inputs.js';
import { storyFileText } from '../import/story-file-text.js';
import { idPattern } from '../model/front-matter.js';
import { formatReport } from '../report/format.js';
import { consoleLogger, type Logger } from '../report/logger.js';
import { terminalText } from '../report/terminal-text.js';

/** What `wiredesk import` is asked to do. */
export interface ImportOptions {
  /** A file, a folder, or `-` for standard input. */
  readonly target: string;
  /** The input format; by default `.json` is ninjs and anything else plain text. */
  readonly format?: ImportFormat | undefined;
  /** The stories folder to write into (default `stories`). */
  readonly into?: string | undefined;
  /** Replace a story file that already exists with different text. */
  readonly force?: boolean | undefined;
  /** IANA zone for times and days the input writes without a UTC offset (default: `site.yaml`'s `timezone`). */
  readonly timezone?: string | undefined;
  /** The settings file to read `timezone` from (default: `site.yaml`, optional). */
  readonly config?: string | undefined;
  readonly cwd?: string | undefined;
  readonly logger?: Logger | undefined;
  /** Standard input's text, for `-` (default: read `process.stdin`). */
  readonly stdin?: (() => Promise<string>) | undefined;
}

/** What happened to one imported story's file. */
export type ImportOutcome = 'wrote' | 'updated' | 'replaced' | 'unchanged';

/** How an import went: each file written (or found identical) and every message. */
export interface ImportReport {
  readonly ok: boolean;
  readonly files: readonly { readonly file: string; readonly outcome: ImportOutcome; readonly from: string }[];
  readonly messages: readonly VFileMessage[];
}

/**
 * Turn wire copy into story files: read the inputs, run each through its format's importer
 * (knowing the stories already there, for READ MORE links and updates, and the time zone of
 * `timezone`, else of the site's settings), and write one file per story under `into`. An
 * existing file is kept unless its text is the same, the input is a newer version of the same
 * wire item, or `force` is set. Every problem is reported; any error makes the report not ok,
 * but the stories that imported cleanly are written, the good items of an input included.
 */
export async function importStories(options: ImportOptions): Promise<ImportReport> {
  const cwd = options.cwd ?? process.cwd();
  const logger = options.logger ?? consoleLogger;
  const into = path.resolve(cwd, options.into ?? 'stories');
  const shown = (file: string) => path.relative(cwd, file).split(path.sep).join('/');
  const zone = await importTimezone(options, cwd);
  if ('problems' in zone) {
    logger.error(formatReport(zone.problems));
    return { ok: false, files: [], messages: zone.problems };
  }
  const settings = { timezone: zone.timezone };
  const { inputs, problems } = await readInputs(options.target, options.format, cwd, options.stdin ?? readStdin);
  const messages: VFileMessage[] = [...problems];
  const index = storyIndex(await existingStories(into));
  const files: { file: string; outcome: ImportOutcome; from: string }[] = [];
  const claimed = new Map<string, string>();
  for (const input of inputs) {
    const importer = await importerFor(input.format);
    const result = importer(input, index, settings);
    messages.push(...result.problems);
    // An importer returns only the stories it read cleanly: one bad item does not hold back the others.
    for (const story of result.stories) {
      const placed = await placeStory(story, input, into, index, options.force === true, claimed);
      if ('problem' in placed) {
        messages.push(placed.problem);
        continue;
      }
      files.push({ file: shown(placed.file), outcome: placed.outcome, from: input.name });
      index.add({ id: story.id, source: path.relative(into, placed.file).split(path.sep).join('/'), title: String(story.frontMatter.title ?? ''), ...(story.wire ? { wire: story.wire } : {}) });
    }
  }
  const text = formatReport(messages);
  if (text) logger.error(text);
  for (const { file, outcome, from } of files) logger.info(`${outcome.padEnd(9)} ${terminalText(file)}  (from ${terminalText(from)})`);
  const written = files.filter((file) => file.outcome !== 'unchanged').length;
  logger.info(
    `Imported ${files.length} ${files.length === 1 ? 'story' : 'stories'} from ${inputs.length} ${inputs.length === 1 ? 'input' : 'inputs'}: ${written} written, ${files.length - written} unchanged`,
  );
  return { ok: !messages.some((message) => message.fatal === true), files, messages };
}

/** Decide what to do with one story's file, and do it: never outside `into`, never over another story without leave. */
async function placeStory(
  story: ImportedStory,
  input: FormattedInput,
  into: string,
  index: StoryIndex,
  force: boolean,
  claimed: Map<string, string>,
): Promise<{ file: string; outcome: ImportOutcome } | { problem: VFileMessage }> {
  const folderOk = story.folder === '' || /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/.test(story.folder);
  if (!idPattern.test(story.id) || !folderOk) {
    return { problem: importProblem('import-invalid-field', `The story id "${story.id}" or folder "${story.folder}" is not usable, expected lower-case letters, digits and hyphens`, input.name) };
  }
  // A newer version of a wire item updates the story it made, wherever it is.
  const earlier = story.wire ? index.byWireUri(story.wire.uri) : undefined;
  const source = earlier ? earlier.source : path.posix.join(story.folder, `${story.id}.md`);
  const file = path.join(into, ...source.split('/'));
  if (!file.startsWith(into + path.sep)) return { problem: importProblem('import-invalid-field', `Refusing to write "${source}": it is outside the stories folder`, input.name) };
  const other = claimed.get(file);
  if (other !== undefined) return { problem: importProblem('import-story-exists', `Story "${source}" was already imported from ${other} in this run, expected one input per story`, input.name) };
  claimed.set(file, input.name);
  const text = storyFileText(story);
  const before = existsSync(file) ? await readFile(file, 'utf8') : undefined;
  if (before === text) return { file, outcome: 'unchanged' };
  let outcome: ImportOutcome = 'wrote';
  if (before !== undefined) {
    const newer = earlier?.wire?.version !== undefined && story.wire?.version !== undefined && story.wire.version > earlier.wire.version;
    if (newer) outcome = 'updated';
    else if (force) outcome = 'replaced';
    else {
      const why = earlier && story.wire ? `holds version ${earlier.wire?.version ?? 'unknown'} of this item and the input is not newer` : 'already exists with other text';
      return { problem: importProblem('import-story-exists', `Story "${source}" ${why}, expected a new story (use --force to replace it)`, input.name) };
    }
  }
  await mkdir(path.dirname(file), { recursive: true });
  // Written aside and renamed: a story file is never seen half written.
  const aside = `${file}.${process.pid}.tmp`;
  await writeFile(aside, text);
  await rename(aside, file);
  return { file, outcome };
}

/** The zone for dates without offset: `timezone` when given, else `site.yaml`'s (none when unset); a broken settings file is reported. */
async function importTimezone(options: ImportOptions, cwd: string): Promise<{ timezone: string | undefined } | { problems: VFileMessage[] }> {
  if (options.timezone !== undefined) {
    const { isKnownTimeZone } = await import('../text/datetime.js');
    if (isKnownTimeZone(options.timezone)) return { timezone: options.timezone };
    const { problem } = await import('../report/problem.js');
    return { problems: [problem('invalid-config', `Unknown time zone "${options.timezone}", expected an IANA time zone such as Europe/Moscow`, 'command line', { line: 1, column: 1 })] };
  }
  const { resolveConfig } = await import('../config.js');
  const resolved = await resolveConfig(options.config, {}, cwd);
  if (!resolved.config) return { problems: resolved.messages.filter((message) => message.fatal === true) };
  return { timezone: resolved.config.timezone };
}

async function importerFor(format: ImportFormat): Promise<Importer> {
  if (format === 'ninjs') return (await import('../import/ninjs-format.js')).importNinjs;
  return (await import('../import/text-format.js')).importText;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
