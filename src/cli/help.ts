import { commands, globalFlags, type FlagSpec } from './commands.js';

/** The help lines of a table of flags, names padded to one column. */
function flagLines(flags: Readonly<Record<string, FlagSpec>>): string[] {
  const lines: string[] = [];
  for (const [name, flag] of Object.entries(flags)) {
    const label = `${flag.short === undefined ? '' : `-${flag.short}, `}--${name}${flag.value === undefined ? '' : ` ${flag.value}`}`;
    const [first, ...more] = flag.help.split('\n');
    lines.push(`  ${label.padEnd(21)}${first ?? ''}`);
    for (const line of more) lines.push(`  ${''.padEnd(21)}${line}`);
  }
  return lines;
}

/** The global help: every command with its summary, and the flags every command takes. */
export function globalHelp(): string {
  const usages = Object.entries(commands).map(([name, command]) => ({ usage: `${name} ${command.args}`.trimEnd(), summary: command.summary }));
  const width = Math.max(...usages.map(({ usage }) => usage.length)) + 2;
  const names = usages.map(({ usage, summary }) => `  ${usage.padEnd(width)}${summary}`);
  return ['Usage: wiredesk <command> [options]', '', 'Commands:', ...names, '', 'Options:', ...flagLines(globalFlags), '', 'Run `wiredesk <command> --help` for the options of a command.'].join('\n');
}

/** The help of one command: its usage, summary, flags and notes. */
export function commandHelp(name: string): string {
  const command = commands[name];
  if (command === undefined) return globalHelp();
  const usage = `Usage: wiredesk ${name}${command.args === '' ? '' : ` ${command.args}`} [options]`;
  const notes = command.notes === undefined ? [] : ['', command.notes];
  return [usage, '', command.summary, '', 'Options:', ...flagLines({ ...command.flags, ...globalFlags }), ...notes].join('\n');
}
