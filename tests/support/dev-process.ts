import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import { fixtureSite, type FixtureSite } from './fixture-site.js';
import { printedLines } from './process-lines.js';

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
  const { lines, waitForLine } = printedLines(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

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
