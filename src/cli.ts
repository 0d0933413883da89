import { parseArgs } from 'node:util';

/** Show control characters escaped in a text for the terminal: bin/wiredesk.js prints its last-resort error line with it. */
export { terminalLines } from './report/terminal-text.js';

const usage = `Usage: wiredesk <command> [options]

Commands:
  build              Build the stories folder into a static site
  dev                Preview: build, serve, watch, rebuild what changed, reload open pages
  init [DIR]         Make a new site in DIR (default: .), which must be empty or missing
  new "HEADLINE"     Write stories/YYYY/MM/<slug>.md for a new story dated now
  import SOURCE      Turn wire copy (a file, a folder, or - for standard input) into story files

Options:
  --stories DIR      Folder of story files (default: stories)
  --out DIR          Output folder of build (default: dist; dev serves from memory)
  --config FILE      Settings file (default: site.yaml, optional)
  --base-url URL     Absolute URL the site is served from (overrides site.yaml)
  --threads N        build: threads that parse stories (default: one per core)
  --no-cache         build: ignore and keep no cache (.wiredesk-cache/)
  --keep-going       build: leave out broken stories (listed) and publish the rest
  --now TIME         build, dev: the instant to build or preview for (ISO 8601 with offset;
                     default: the clock), for embargoes and the news sitemap
  --format F         import: text (scraped stories) or ninjs (IPTC JSON); default: by file extension
  --into DIR         import: the stories folder to write into (default: stories)
  --force            import: replace story files that exist with other text;
                     build: replace an output folder that wiredesk did not write
  --timezone ZONE    import: IANA zone for dates the copy writes without an offset
                     (default: site.yaml's timezone)
  --port N           dev: first port to try (default: 4321; the next free one if taken)
  --host H           dev: address to listen on (default: 127.0.0.1; others are warned about)
  --allowed-host N   dev: also answer requests for host name N (repeatable; .example.com
                     allows every name below it); localhost and IP addresses always work
  --open             dev: open the site in a browser
  --drafts           dev: also show embargoed and withheld stories at their URLs, with a banner
  -h, --help         Show this help
  -v, --version      Show the version`;

/** Parse the command line, lazily import the command and return the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        stories: { type: 'string' },
        out: { type: 'string' },
        config: { type: 'string' },
        'base-url': { type: 'string' },
        threads: { type: 'string' },
        'no-cache': { type: 'boolean' },
        'keep-going': { type: 'boolean' },
        now: { type: 'string' },
        format: { type: 'string' },
        into: { type: 'string' },
        force: { type: 'boolean' },
        timezone: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'allowed-host': { type: 'string', multiple: true },
        open: { type: 'boolean' },
        drafts: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    const { version } = await import('./version.js');
    process.stdout.write(`wiredesk ${version}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(`${usage}\n`);
    return values.help || command === 'help' ? 0 : 2;
  }
  if (command === 'import') {
    const [target, ...extra] = rest;
    if (target === undefined || extra.length > 0) {
      process.stderr.write(`${target === undefined ? 'Missing what to import' : `Unexpected argument "${extra[0]}"`}, expected \`wiredesk import <file|folder|->\`\n\n${usage}\n`);
      return 2;
    }
    if (values.format !== undefined && values.format !== 'text' && values.format !== 'ninjs') {
      process.stderr.write(`Invalid --format "${values.format}", expected text or ninjs\n`);
      return 2;
    }
    if (values.timezone !== undefined) {
      const { isKnownTimeZone } = await import('./text/datetime.js');
      if (!isKnownTimeZone(values.timezone)) {
        process.stderr.write(`Unknown --timezone "${values.timezone}", expected an IANA time zone such as Europe/Moscow\n`);
        return 2;
      }
    }
    const { importStories } = await import('./commands/import.js');
    const report = await importStories({ target, format: values.format, into: values.into ?? values.stories, force: values.force, timezone: values.timezone, config: values.config });
    return report.ok ? 0 : 1;
  }
  if (command === 'init' || command === 'new') {
    const [first, ...extra] = rest;
    if ((command === 'new' && first === undefined) || extra.length > 0) {
      process.stderr.write(`${first === undefined ? 'Missing the headline' : `Unexpected argument "${extra[0]}"`}, expected \`wiredesk ${command === 'new' ? 'new "Headline"' : 'init [DIR]'}\`\n\n${usage}\n`);
      return 2;
    }
    const outcome = command === 'init'
      ? await (await import('./commands/init.js')).init({ dir: first })
      : await (await import('./commands/new.js')).newStory({ headline: first ?? '', stories: values.stories, config: values.config });
    return 'refused' in outcome && outcome.refused !== undefined ? 2 : 'failed' in outcome ? 1 : 0;
  }
  if (rest.length > 0) {
    process.stderr.write(`Unexpected argument "${rest[0]}"\n\n${usage}\n`);
    return 2;
  }
  if (command === 'build') {
    const { build } = await import('./commands/build.js');
    const threads = values.threads === undefined ? undefined : Number(values.threads);
    if (threads !== undefined && (!Number.isInteger(threads) || threads < 1 || threads > 64)) {
      process.stderr.write(`Invalid --threads "${values.threads}", expected a whole number from 1 to 64\n`);
      return 2;
    }
    if (values.drafts) {
      process.stderr.write('--drafts is for `wiredesk dev` only: a build never publishes embargoed or withheld stories\n');
      return 2;
    }
    const now = await parseNow(values.now);
    if (now === 'invalid') return 2;
    const outcome = await build({ stories: values.stories, out: values.out, config: values.config, baseUrl: values['base-url'], threads, cache: !values['no-cache'], keepGoing: values['keep-going'], now, force: values.force });
    return outcome.refused !== undefined ? 2 : outcome.ok ? 0 : 1;
  }
  if (command === 'dev') {
    const port = values.port === undefined ? undefined : Number(values.port);
    if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
      process.stderr.write(`Invalid --port "${values.port}", expected a whole number from 0 to 65535\n`);
      return 2;
    }
    const now = await parseNow(values.now);
    if (now === 'invalid') return 2;
    const allowedHosts = values['allowed-host'] ?? [];
    const badHost = allowedHosts.find((name) => !/^\.?(?=.{1,253}$)[a-z0-9-]+(\.[a-z0-9-]+)*$/i.test(name));
    if (badHost !== undefined) {
      process.stderr.write(`Invalid --allowed-host "${badHost}", expected a host name such as preview.example or .example.com\n`);
      return 2;
    }
    const { dev } = await import('./commands/dev.js');
    const session = await dev({ stories: values.stories, config: values.config, baseUrl: values['base-url'], port, host: values.host, allowedHosts, open: values.open, now, drafts: values.drafts });
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.stdout.write('\nStopping the preview\n');
        void session.close().then(resolve);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  }
  process.stderr.write(`Unknown command "${command}"\n\n${usage}\n`);
  return 2;
}

/** The `--now` flag as epoch milliseconds (undefined when absent), or 'invalid' once the reason is printed. */
async function parseNow(text: string | undefined): Promise<number | undefined | 'invalid'> {
  if (text === undefined) return undefined;
  const { parseDateTime } = await import('./text/datetime.js');
  const parsed = /(?:Z|[+-]\d\d:?\d\d)$/i.test(text.trim()) ? parseDateTime(text) : undefined;
  if (!parsed?.ok) {
    process.stderr.write(`Invalid --now "${text}", expected ISO 8601 with offset such as 2018-05-25T14:03:00+03:00\n`);
    return 'invalid';
  }
  return parsed.value.epochMs;
}
