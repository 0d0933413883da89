import { commands, deployFailedExitCode, leftOutExitCode } from './cli/commands.js';
import { commandHelp, globalHelp } from './cli/help.js';
import { flag, parseCommandLine, text, texts } from './cli/parse.js';
import { missingStoriesFolder } from './io/stories-folder.js';
import { openTerminal, type Terminal } from './report/terminal.js';
import { resolveTuning } from './tuning.js';

/** Show control characters escaped in a text for the terminal: bin/wiredesk.js prints its last-resort error line with it. */
export { terminalLines } from './report/terminal-text.js';

/** Parse the command line, lazily import the command and return the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandLine(argv);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.error}\n`);
    return 2;
  }
  const { command, positionals: rest, values } = parsed;
  const tuning = resolveTuning(process.env);
  const terminal = (): Terminal => openTerminal({ stdout: process.stdout, stderr: process.stderr, env: process.env, quiet: flag(values, 'quiet'), progressAfterMs: tuning.progressAfterMs });
  if (flag(values, 'version')) {
    const { version } = await import('./version.js');
    process.stdout.write(`wiredesk ${version}\n`);
    return 0;
  }
  if (command === 'help') {
    process.stdout.write(`${rest[0] !== undefined && rest[0] in commands ? commandHelp(rest[0]) : globalHelp()}\n`);
    return 0;
  }
  if (flag(values, 'help') || command === undefined) {
    process.stdout.write(`${command === undefined ? globalHelp() : commandHelp(command)}\n`);
    return flag(values, 'help') ? 0 : 2;
  }
  if (command === 'import') {
    const [target, ...extra] = rest;
    if (target === undefined || extra.length > 0) {
      process.stderr.write(`${target === undefined ? 'Missing what to import' : `Unexpected argument "${extra[0]}"`}, expected \`wiredesk import <file|folder|->\`\n`);
      return 2;
    }
    const format = text(values, 'format');
    if (format !== undefined && format !== 'text' && format !== 'ninjs') {
      process.stderr.write(`Invalid --format "${format}", expected text or ninjs\n`);
      return 2;
    }
    const timezone = text(values, 'timezone');
    if (timezone !== undefined) {
      const { isKnownTimeZone } = await import('./text/datetime.js');
      if (!isKnownTimeZone(timezone)) {
        process.stderr.write(`Unknown --timezone "${timezone}", expected an IANA time zone such as Europe/Moscow\n`);
        return 2;
      }
    }
    const { importStories } = await import('./commands/import.js');
    const report = await importStories({
      target,
      format,
      into: text(values, 'into') ?? text(values, 'stories'),
      force: flag(values, 'force'),
      timezone,
      config: text(values, 'config'),
      logger: terminal().logger,
    });
    return report.ok ? 0 : 1;
  }
  if (command === 'init' || command === 'new') {
    const [first, ...extra] = rest;
    if ((command === 'new' && first === undefined) || extra.length > 0) {
      process.stderr.write(`${first === undefined ? 'Missing the headline' : `Unexpected argument "${extra[0]}"`}, expected \`wiredesk ${command} ${commands[command]?.args ?? ''}\`\n`);
      return 2;
    }
    const outcome =
      command === 'init'
        ? await (await import('./commands/init.js')).init({ dir: first, logger: terminal().logger })
        : await (await import('./commands/new.js')).newStory({ headline: first ?? '', stories: text(values, 'stories'), config: text(values, 'config'), logger: terminal().logger });
    return 'refused' in outcome && outcome.refused !== undefined ? 2 : 'failed' in outcome ? 1 : 0;
  }
  if (rest.length > 0) {
    process.stderr.write(`Unexpected argument "${rest[0]}"\n`);
    return 2;
  }
  if (command === 'build') {
    const given = text(values, 'threads');
    const threads = given === undefined ? undefined : Number(given);
    if (threads !== undefined && (!Number.isInteger(threads) || threads < 1 || threads > 64)) {
      process.stderr.write(`Invalid --threads "${given}", expected a whole number from 1 to 64\n`);
      return 2;
    }
    const now = await parseNow(text(values, 'now'));
    if (now === 'invalid') return 2;
    const watching = flag(values, 'watch');
    if (watching && now !== undefined) {
      process.stderr.write('--now cannot be used with --watch: a watching build follows the clock, to publish each embargo as it lifts\n');
      return 2;
    }
    // A build lists and stamps the stories folder on another thread while its modules load (see `scanStoriesAhead`).
    const scanAhead = watching ? undefined : (await import('./io/scan-ahead.js')).scanStoriesAhead(text(values, 'stories') ?? 'stories', process.cwd());
    const { build, buildWatching } = await import('./commands/build.js');
    const { logger, progress } = terminal();
    const options = {
      stories: text(values, 'stories'),
      out: text(values, 'out'),
      config: text(values, 'config'),
      baseUrl: text(values, 'base-url'),
      threads,
      cache: !flag(values, 'no-cache'),
      keepGoing: flag(values, 'keep-going'),
      now,
      force: flag(values, 'force'),
      deploy: !flag(values, 'no-deploy'),
      logger,
      progress,
    };
    if (watching) {
      const ended = await buildWatching(options, tuning, stopSignal()).finally(() => progress.clear());
      return 'refused' in ended ? 2 : 0;
    }
    const outcome = await build({ ...options, scanAhead }, tuning).finally(() => progress.clear());
    if (outcome.refused !== undefined) return 2;
    if (!outcome.ok) return 1;
    if (outcome.deployFailure !== undefined) return deployFailedExitCode;
    return outcome.leftOut !== undefined && outcome.leftOut.length > 0 ? leftOutExitCode : 0;
  }
  if (command === 'dev') {
    const port = parsePort(text(values, 'port'));
    if (port === 'invalid') return 2;
    const now = await parseNow(text(values, 'now'));
    if (now === 'invalid') return 2;
    const allowedHosts = parseAllowedHosts(texts(values, 'allowed-host'));
    if (allowedHosts === 'invalid') return 2;
    if (!hasStoriesFolder(text(values, 'stories'))) return 2;
    const { dev } = await import('./commands/dev.js');
    // The address served is printed even with --quiet: it is what the command is run for.
    const logger = openTerminal({ stdout: process.stdout, stderr: process.stderr, env: process.env }).logger;
    const session = await dev({
      stories: text(values, 'stories'),
      config: text(values, 'config'),
      baseUrl: text(values, 'base-url'),
      port,
      host: text(values, 'host'),
      allowedHosts,
      open: flag(values, 'open'),
      now,
      drafts: flag(values, 'drafts'),
      quiet: flag(values, 'quiet'),
      logger,
    });
    await untilStopped(() => session.close());
    return 0;
  }
  if (command === 'preview') {
    const port = parsePort(text(values, 'port'));
    if (port === 'invalid') return 2;
    const allowedHosts = parseAllowedHosts(texts(values, 'allowed-host'));
    if (allowedHosts === 'invalid') return 2;
    const { preview } = await import('./commands/preview.js');
    const outcome = await preview({
      out: text(values, 'out'),
      config: text(values, 'config'),
      baseUrl: text(values, 'base-url'),
      port,
      host: text(values, 'host'),
      allowedHosts,
      open: flag(values, 'open'),
      logger: terminal().logger,
    });
    if ('refused' in outcome) return 2;
    if ('failed' in outcome) return 1;
    await untilStopped(() => outcome.session.close());
    return 0;
  }
  process.stderr.write(`Unknown command "${command}"\n`);
  return 2;
}

/** The `--port` flag as a number (undefined when absent), or 'invalid' once the reason is printed. */
function parsePort(given: string | undefined): number | undefined | 'invalid' {
  if (given === undefined) return undefined;
  const port = Number(given);
  if (Number.isInteger(port) && port >= 0 && port <= 65535) return port;
  process.stderr.write(`Invalid --port "${given}", expected a whole number from 0 to 65535\n`);
  return 'invalid';
}

/** The `--allowed-host` names, or 'invalid' once the reason is printed (a name, or a name after a dot for a domain and its subdomains). */
function parseAllowedHosts(given: readonly string[]): readonly string[] | 'invalid' {
  const bad = given.find((name) => !/^\.?(?=.{1,253}$)[a-z0-9-]+(\.[a-z0-9-]+)*$/i.test(name));
  if (bad === undefined) return given;
  process.stderr.write(`Invalid --allowed-host "${bad}", expected a host name such as preview.example or .example.com\n`);
  return 'invalid';
}

/** Keep the process alive until SIGINT or SIGTERM, then stop the server with `close`. */
function untilStopped(close: () => Promise<void>): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.stdout.write('\nStopping the preview\n');
      void close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/**
 * A signal aborted at the first SIGINT or SIGTERM (a watching build stops after the build in
 * progress); a second one stops the process at once, as the signal does by default.
 */
function stopSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals) => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    process.once('SIGINT', () => process.kill(process.pid, 'SIGINT'));
    process.once('SIGTERM', () => process.kill(process.pid, 'SIGTERM'));
    controller.abort(signal);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return controller.signal;
}

/** The `--now` flag as epoch milliseconds (undefined when absent), or 'invalid' once the reason is printed. */
async function parseNow(given: string | undefined): Promise<number | undefined | 'invalid'> {
  if (given === undefined) return undefined;
  const { parseDateTime } = await import('./text/datetime.js');
  const parsed = /(?:Z|[+-]\d\d:?\d\d)$/i.test(given.trim()) ? parseDateTime(given) : undefined;
  if (!parsed?.ok) {
    process.stderr.write(`Invalid --now "${given}", expected ISO 8601 with offset such as 2018-05-25T14:03:00+03:00\n`);
    return 'invalid';
  }
  return parsed.value.epochMs;
}

/** Whether the stories folder is there to build or preview; when not, the one line saying so is printed. */
function hasStoriesFolder(stories: string | undefined): boolean {
  const missing = missingStoriesFolder(stories, process.cwd());
  if (missing !== undefined) process.stderr.write(`${missing}\n`);
  return missing === undefined;
}
