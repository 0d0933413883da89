/** One flag of a command: its parseArgs type, the placeholder of its value, and its line of help. */
export interface FlagSpec {
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  readonly short?: string;
  /** The value's placeholder in help (`DIR`), for string flags. */
  readonly value?: string;
  /** What the flag does, one or more lines of help. */
  readonly help: string;
}

/** One command of the CLI: what it takes and what it does, shown by `wiredesk <command> --help`. */
export interface CommandSpec {
  /** Its line in the global help. */
  readonly summary: string;
  /** Its positional arguments as shown in usage (`<file|folder|->`), empty for none. */
  readonly args: string;
  readonly flags: Readonly<Record<string, FlagSpec>>;
  /** Lines after the flags in its help (exit codes and the like). */
  readonly notes?: string;
}

const stories: FlagSpec = { type: 'string', value: 'DIR', help: 'Folder of story files (default: stories)' };
const config: FlagSpec = { type: 'string', value: 'FILE', help: 'Settings file (default: site.yaml, optional)' };
const baseUrl: FlagSpec = { type: 'string', value: 'URL', help: 'Absolute URL the site is served from (overrides site.yaml)' };
const quiet: FlagSpec = { type: 'boolean', short: 'q', help: 'Print only problems: no progress, no summary' };
const allowedHost: FlagSpec = {
  type: 'string',
  multiple: true,
  value: 'N',
  help: 'Also answer requests for host name N (repeatable; .example.com\nallows every name below it); localhost and IP addresses always work',
};
const host: FlagSpec = { type: 'string', value: 'H', help: 'Address to listen on (default: 127.0.0.1; others are warned about)' };
const open: FlagSpec = { type: 'boolean', help: 'Open the site in a browser' };
const now: FlagSpec = { type: 'string', value: 'TIME', help: 'The instant to build or preview for (ISO 8601 with offset;\ndefault: the clock), for embargoes and the news sitemap' };

/** The flags every command takes. */
export const globalFlags: Readonly<Record<string, FlagSpec>> = {
  help: { type: 'boolean', short: 'h', help: 'Show this help' },
  version: { type: 'boolean', short: 'v', help: 'Show the version' },
};

/** The exit code of a build that published the site but left broken stories out (`--keep-going`). */
export const leftOutExitCode = 3;

/** The exit code of a build that published the site but whose `deploy` command failed. */
export const deployFailedExitCode = 4;

/** Every command, by name: adding a command is one entry here and one branch in cli.ts. */
export const commands: Readonly<Record<string, CommandSpec>> = {
  build: {
    summary: 'Build the stories folder into a static site',
    args: '',
    flags: {
      stories,
      out: { type: 'string', value: 'DIR', help: 'Output folder (default: dist)' },
      config,
      'base-url': baseUrl,
      threads: { type: 'string', value: 'N', help: 'Threads that parse stories (default: one per core)' },
      'no-cache': { type: 'boolean', help: 'Ignore and keep no cache (.wiredesk-cache/)' },
      'keep-going': { type: 'boolean', help: `Leave out broken stories (listed) and publish the rest;\nexits ${leftOutExitCode} when it left any out` },
      now,
      force: { type: 'boolean', help: 'Replace an output folder that wiredesk did not write' },
      'no-deploy': { type: 'boolean', help: "Do not run site.yaml's deploy command (the next build that does\nhands it this build's changes too)" },
      watch: {
        type: 'boolean',
        short: 'w',
        help: 'Keep building: again when a story, the settings, templates/,\nstatic/ or pages/ change and when an embargo lifts, deploying\nafter each build that published (Ctrl-C stops)',
      },
      quiet,
    },
    notes: `Exit codes: 0 built, 1 errors in stories or a failed write, 2 a wrong command line, a\nrefused output folder or no stories folder, ${leftOutExitCode} built with --keep-going but left broken stories out,\n${deployFailedExitCode} built and published but the deploy command failed.\nWith --watch: 0 stopped with Ctrl-C, 2 refused at the start`,
  },
  dev: {
    summary: 'Preview: build, serve, watch, rebuild what changed, reload open pages',
    args: '',
    flags: {
      stories,
      config,
      'base-url': baseUrl,
      port: { type: 'string', value: 'N', help: 'First port to try (default: 4321; the next free one if taken)' },
      host,
      'allowed-host': allowedHost,
      open,
      now,
      drafts: { type: 'boolean', help: 'Also show embargoed and withheld stories at their URLs, with a banner' },
      quiet: { ...quiet, help: 'Print only problems and the address served (no build or rebuild lines)' },
    },
  },
  preview: {
    summary: 'Serve the built output folder as a static host would',
    args: '',
    flags: {
      out: { type: 'string', value: 'DIR', help: 'Output folder to serve (default: dist)' },
      config,
      'base-url': baseUrl,
      port: { type: 'string', value: 'N', help: 'First port to try (default: 4322; the next free one if taken)' },
      host,
      'allowed-host': allowedHost,
      open,
    },
    notes: 'Exit codes: 0 stopped, 1 settings with errors, 2 a wrong command line or no output folder',
  },
  init: {
    summary: 'Make a new site in DIR (default: .), which must be empty or missing',
    args: '[DIR]',
    flags: {},
  },
  new: {
    summary: 'Write stories/YYYY/MM/<slug>.md for a new story dated now',
    args: '"Headline"',
    flags: { stories, config },
  },
  import: {
    summary: 'Turn wire copy (a file, a folder, or - for standard input) into story files',
    args: '<file|folder|->',
    flags: {
      format: { type: 'string', value: 'F', help: 'text (scraped stories) or ninjs (IPTC JSON); default: by file extension' },
      into: { type: 'string', value: 'DIR', help: 'The stories folder to write into (default: stories)' },
      stories: { type: 'string', value: 'DIR', help: 'Same as --into' },
      force: { type: 'boolean', help: 'Replace story files that exist with other text' },
      timezone: { type: 'string', value: 'ZONE', help: "IANA zone for dates the copy writes without an offset\n(default: site.yaml's timezone)" },
      config,
      quiet: { ...quiet, help: 'Print only problems (no line per story, no summary)' },
    },
  },
};
