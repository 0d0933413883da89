import { parseArgs } from 'node:util';
import leven from 'leven';
import { commands, globalFlags, type FlagSpec } from './commands.js';

/** The values of a command's flags as parseArgs gives them. */
export type FlagValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** A command line read against its command's flags, or the one line saying what is wrong with it. */
export type CommandLine =
  { readonly ok: true; readonly command: string | undefined; readonly positionals: readonly string[]; readonly values: FlagValues } | { readonly ok: false; readonly error: string };

type ParseOptions = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;

/** parseArgs options from a table of flags. */
function parseOptions(flags: Readonly<Record<string, FlagSpec>>): ParseOptions {
  const options: ParseOptions = {};
  for (const [name, flag] of Object.entries(flags)) {
    options[name] = { type: flag.type, ...(flag.multiple === true ? { multiple: true } : {}), ...(flag.short === undefined ? {} : { short: flag.short }) };
  }
  return options;
}

/** The closest of some names to a mistyped one, when it is close enough to be what was meant. */
export function closest(typed: string, names: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = leven(typed, name);
    if (distance <= Math.max(2, Math.floor(name.length / 3)) && distance < typed.length && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** Every flag of every command and the global ones, so that a value after a string flag is never taken for the command. */
function allFlags(): Record<string, FlagSpec> {
  const all: Record<string, FlagSpec> = { ...globalFlags };
  for (const command of Object.values(commands)) Object.assign(all, command.flags);
  return all;
}

/** Read a command line: find the command, refuse flags it does not take (with a suggestion) and parse the rest. */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  const loose = parseArgs({ args: [...argv], allowPositionals: true, strict: false, tokens: true, options: parseOptions(allFlags()) });
  const command = loose.tokens.find((token) => token.kind === 'positional')?.value;
  const spec = command === undefined ? undefined : commands[command];
  if (command !== undefined && command !== 'help' && spec === undefined) {
    const guess = closest(command, Object.keys(commands));
    return { ok: false, error: `Unknown command "${command}"; ${guess === undefined ? 'see `wiredesk --help` for the commands' : `did you mean \`wiredesk ${guess}\`?`}` };
  }
  const flags = { ...spec?.flags, ...globalFlags };
  const helpHint = command === undefined ? '`wiredesk --help`' : `\`wiredesk ${command} --help\``;
  for (const token of loose.tokens) {
    if (token.kind !== 'option' || token.name in flags) continue;
    const owners = Object.entries(commands)
      .filter(([, other]) => token.name in other.flags)
      .map(([name]) => `\`wiredesk ${name}\``);
    if (owners.length > 0) {
      return { ok: false, error: `${token.rawName} is for ${owners.join(' and ')} only${command === undefined ? '' : `, not \`wiredesk ${command}\``}; see ${helpHint}` };
    }
    const guess = closest(token.name, Object.keys(flags));
    return {
      ok: false,
      error: `Unknown option ${token.rawName}${command === undefined ? '' : ` for \`wiredesk ${command}\``}; ${guess === undefined ? `see ${helpHint}` : `did you mean --${guess}?`}`,
    };
  }
  try {
    const strict = parseArgs({ args: [...argv], allowPositionals: true, options: parseOptions(flags) });
    return { ok: true, command, positionals: strict.positionals.slice(command === undefined ? 0 : 1), values: strict.values };
  } catch (error) {
    return { ok: false, error: `${(error as Error).message.split('\n')[0] ?? ''}; see ${helpHint}` };
  }
}

/** A string flag's value, undefined when absent. */
export function text(values: FlagValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** Whether a boolean flag was given. */
export function flag(values: FlagValues, name: string): boolean {
  return values[name] === true;
}

/** Every value of a repeatable string flag. */
export function texts(values: FlagValues, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
