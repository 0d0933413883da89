import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

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
  const lines: string[] = [];
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    lines.push(
      ...chunk
        .toString('utf8')
        .split('\n')
        .filter((line) => line !== ''),
    );
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    lines,
    child,
    waitForLine: (pattern, timeoutMs = 15_000) =>
      new Promise<string>((resolve, reject) => {
        const listener = () => {
          const found = lines.find((line) => pattern.test(line));
          if (found === undefined) return;
          clearTimeout(timer);
          listeners.delete(listener);
          resolve(found);
        };
        const timer = setTimeout(() => {
          listeners.delete(listener);
          reject(new Error(`No line matching ${pattern} within ${timeoutMs} ms; output:\n${lines.join('\n')}`));
        }, timeoutMs);
        listeners.add(listener);
        listener();
      }),
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
