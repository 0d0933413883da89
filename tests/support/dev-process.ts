import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import { fixtureSite, type FixtureSite } from './fixture-site.js';

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
    lines.push(
      ...chunk
        .toString('utf8')
        .split('\n')
        .filter((line) => line !== ''),
    );
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

/** Sites and their `wiredesk dev` processes made by the tests of one file, each stopped and removed after its test. */
export interface DevSessions {
  /** Write an inline site (see `fixtureSite`), removed after the test. */
  site(text: string): Promise<FixtureSite>;
  /** Start `wiredesk dev` in `site` (see `startDevProcess`); after the test it must stop with exit code 0. */
  serve(site: FixtureSite, args?: readonly string[]): Promise<DevProcess>;
}

/** Sites and dev processes for the tests of one file: call once at its top; it cleans up after each test. */
export function devSessions(): DevSessions {
  const sites: FixtureSite[] = [];
  const servers: DevProcess[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) expect(await server.stop()).toBe(0);
    for (const site of sites.splice(0)) await site.remove();
  });
  return {
    async site(text) {
      const site = await fixtureSite(text);
      sites.push(site);
      return site;
    },
    async serve(site, args = []) {
      const server = await startDevProcess(site.dir, args);
      servers.push(server);
      return server;
    },
  };
}
