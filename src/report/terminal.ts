import type { Logger } from './logger.js';
import { noProgress, type Progress } from './progress.js';
import { progressLine } from './progress-line.js';
import { colourLine, colourWanted, progressWanted } from './terminal-colour.js';
import { terminalLines } from './terminal-text.js';

/** A stream the CLI prints to: standard output or standard error. */
export interface TerminalStream {
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
  write(text: string): unknown;
}

/** What the CLI prints to and what it was asked: the two streams, the environment, `--quiet`. */
export interface TerminalOptions {
  readonly stdout: TerminalStream;
  readonly stderr: TerminalStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Print only problems: no progress, no summary or other information lines. */
  readonly quiet?: boolean | undefined;
  /** Milliseconds before the progress line shows (`Tuning.progressAfterMs`; default that of `progressLine`). */
  readonly progressAfterMs?: number | undefined;
}

/** Where a command run from the command line prints its lines and its progress. */
export interface Terminal {
  readonly logger: Logger;
  readonly progress: Progress;
}

/**
 * The logger and progress of a command run from the command line. Information goes to standard
 * output (none with `quiet`), problems to standard error, each line safe to print (`terminalLines`)
 * and coloured where `colourWanted` says so; the progress line (`progressLine`) goes to standard
 * error where `progressWanted` says so and not with `quiet`, and is taken away before any line is
 * printed; it shows after `progressAfterMs`.
 */
export function openTerminal(options: TerminalOptions): Terminal {
  const { stdout, stderr, env } = options;
  const quiet = options.quiet === true;
  const facts = (stream: TerminalStream) => ({ isTTY: stream.isTTY === true, env });
  const progress = !quiet && progressWanted(facts(stderr)) ? progressLine({ write: (text) => stderr.write(text), columns: () => stderr.columns, afterMs: options.progressAfterMs }) : noProgress;
  const printer = (stream: TerminalStream) => {
    const colour = colourWanted(facts(stream));
    return (message: string) => {
      progress.clear();
      const safe = terminalLines(message);
      stream.write(`${colour ? safe.split('\n').map(colourLine).join('\n') : safe}\n`);
    };
  };
  const info = printer(stdout);
  return { logger: { info: quiet ? () => undefined : info, error: printer(stderr) }, progress };
}
