import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { printedLines } from './process-lines.js';

const bin = path.resolve(import.meta.dirname, '../../bin/wiredesk.js');

/** A `wiredesk build --watch` process started from the compiled CLI, for end-to-end tests. */
export interface WatchProcess {
  /** Everything it printed so far (stdout and stderr), line by line. */
  readonly lines: string[];
  /** Resolve with the first printed line that matches (already printed lines count), or reject after `timeoutMs`. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Send `signal` (SIGINT, as Ctrl-C does) and resolve with the exit code (SIGKILL after `timeoutMs`: null). */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>;
  readonly child: ChildProcess;
}

/** Start `wiredesk build --watch` with `args` in the site `cwd`. */
export function startWatchProcess(cwd: string, args: readonly string[] = []): WatchProcess {
  const child = spawn(process.execPath, [bin, 'build', '--watch', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const { lines, waitForLine } = printedLines(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    lines,
    child,
    waitForLine,
    async stop(signal = 'SIGINT', timeoutMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
