// Colour is added to a line only once it is safe to print (see `terminalLines`): the controls of a
// story's own text are escaped before, so the only escape sequences on the terminal are these.

/** The environment variables and stream facts that decide colour and the progress line. */
export interface TerminalFacts {
  readonly isTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Whether an environment variable is set to something other than empty, `0` or `false`. */
function isOn(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/**
 * Whether wiredesk colours what it prints to a stream: never with `NO_COLOR` set (to anything
 * but empty, as no-color.org says); else always with `FORCE_COLOR` (not `0`); else on a terminal
 * that is not `TERM=dumb`.
 */
export function colourWanted({ isTTY, env }: TerminalFacts): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return isOn(env.FORCE_COLOR) || env.FORCE_COLOR === '';
  return isTTY && env.TERM !== 'dumb';
}

/**
 * Whether a build draws its progress line on a stream: only on a terminal that can erase a line
 * (not `TERM=dumb`), and not in CI (`CI` set, but not to `0` or `false`), whose logs keep every
 * redraw; `--quiet` is the caller's to add.
 */
export function progressWanted({ isTTY, env }: TerminalFacts): boolean {
  return isTTY && env.TERM !== 'dumb' && !isOn(env.CI);
}

/** SGR colours: set, and the code that resets only the foreground. */
const red = ['\u001b[31m', '\u001b[39m'] as const;
const yellow = ['\u001b[33m', '\u001b[39m'] as const;

/** A problem line's severity (`stories/x.md:7:3  error  …`): the first one, after the place. */
const severityColumn = /^(.*?) {2}(error|warning) {2}(?=\S)/;
/** The count line that ends a report: `2 errors, 1 warning`. */
const countLine = /^(\d+ errors?)(, )(\d+ warnings?)$/;

function paint([on, off]: readonly [string, string], text: string): string {
  return `${on}${text}${off}`;
}

/**
 * One printed line with colour: a problem's severity red for errors and yellow for warnings, and
 * the same for the non-zero counts of the count line; any other line unchanged.
 */
export function colourLine(line: string): string {
  const problem = severityColumn.exec(line);
  if (problem) {
    const [whole, where = '', severity = ''] = problem;
    return `${where}  ${paint(severity === 'error' ? red : yellow, severity)}  ${line.slice(whole.length)}`;
  }
  const count = countLine.exec(line);
  if (count) {
    const [, errors = '', comma = '', warnings = ''] = count;
    return `${errors.startsWith('0 ') ? errors : paint(red, errors)}${comma}${warnings.startsWith('0 ') ? warnings : paint(yellow, warnings)}`;
  }
  return line;
}
