import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const bin = path.resolve(import.meta.dirname, '../../bin/wiredesk.js');

/** A `wiredesk dev` process started from the compiled CLI, for end-to-end tests. */
export interface DevProcess {
  /** The site's address as printed, e.g. `http://127.0.0.1:41234/`. */
  readonly url: string;
  /** Everything the process printed so far (stdout and stderr), line by line. */
  readonly lines: string[];
  /** Resolve when a printed line matches (already printed lines count), or reject after `timeoutMs`. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Stop it with SIGINT, as Ctrl-C does, and resolve with its exit code. */
  stop(): Promise<number | null>;
  readonly child: ChildProcess;
}

/** Start `wiredesk dev --port 0` (a free port) in `cwd` and wait until it serves. */
export async function startDevProcess(cwd: string, args: readonly string[] = []): Promise<DevProcess> {
  const child = spawn(process.execPath, [bin, 'dev', '--port', '0', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter((line) => line !== ''));
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const waitForLine = (pattern: RegExp, timeoutMs = 15_000) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const found = lines.find((line) => pattern.test(line));
        if (found === undefined) return false;
        cleanup();
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`No line matching ${pattern} within ${timeoutMs} ms; output:\n${lines.join('\n')}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        listeners.delete(listener);
      };
      const listener = () => void check();
      listeners.add(listener);
      check();
    });

  const serving = await waitForLine(/serving (http:\/\/\S+?)(,| )/);
  const url = /serving (http:\/\/\S+?)(,| )/.exec(serving)?.[1] ?? '';
  return {
    url,
    lines,
    waitForLine,
    child,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
