import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

// The client side of the dev-edit benchmark: the real CLI in a child process, its output and its
// Server-Sent Events stamped as they arrive, and plain GETs.

const cli = fileURLToPath(new URL('../../bin/wiredesk.js', import.meta.url));

/** How long one GET may take. */
export const requestTimeoutMs = 30_000;

/** An append-only record of arrivals (server output lines, SSE events), each stamped with `performance.now()`. */
export class Timeline<T> {
  readonly items: { readonly at: number; readonly value: T }[] = [];
  private readonly wakers = new Set<() => void>();

  push(value: T): void {
    this.items.push({ at: performance.now(), value });
    for (const wake of [...this.wakers]) wake();
  }

  /** The first item at or after index `from` that matches, or undefined after `timeoutMs`. */
  waitFor(match: (value: T) => boolean, from: number, timeoutMs: number): Promise<{ at: number; value: T } | undefined> {
    return new Promise((resolve) => {
      let next = from;
      const finish = (item: { at: number; value: T } | undefined): void => {
        clearTimeout(timer);
        this.wakers.delete(check);
        resolve(item);
      };
      const check = (): void => {
        for (; next < this.items.length; next++) {
          const item = this.items[next];
          if (item && match(item.value)) return finish(item);
        }
      };
      const timer = setTimeout(() => finish(undefined), timeoutMs);
      this.wakers.add(check);
      check();
    });
  }
}

/** A running `wiredesk dev` child process. */
export interface DevProcess {
  readonly url: string;
  readonly pid: number;
  readonly started: number;
  readonly servingAt: number;
  readonly lines: Timeline<string>;
  stop(): Promise<void>;
}

/** Start `wiredesk dev --port 0` in `cwd` and wait for its serving line (stdout and stderr lines both go to `lines`). */
export async function startDev(cwd: string, timeoutMs: number): Promise<DevProcess> {
  const started = performance.now();
  const child = spawn(process.execPath, [cli, 'dev', '--port', '0'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = new Timeline<string>();
  for (const [stream, prefix] of [
    [child.stdout, ''],
    [child.stderr, 'stderr: '],
  ] as const) {
    let partial = '';
    stream.setEncoding('utf8').on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) lines.push(prefix + line);
    });
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    if (await Promise.race([exited.then(() => true), sleep(5_000, false)])) return;
    child.kill('SIGKILL');
    await Promise.race([exited, sleep(2_000)]);
  };
  const serving = /^wiredesk dev: serving (http:\/\/[^\s,]+)/;
  const line = await Promise.race([lines.waitFor((text) => serving.test(text), 0, timeoutMs), exited.then(() => undefined)]);
  const url = line && serving.exec(line.value)?.[1];
  if (!line || !url || child.pid === undefined) {
    await stop();
    throw new Error(`wiredesk dev did not serve within ${timeoutMs} ms:\n${lines.items.map((item) => item.value).join('\n')}`);
  }
  return { url, pid: child.pid, started, servingAt: line.at, lines, stop };
}

/** The peak resident memory of a process in MiB (Linux `VmHWM`), or undefined where it cannot be read. */
export function peakRssMb(pid: number): number | undefined {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined; // not Linux, or the process is gone
  }
}

/** Open a Server-Sent Events stream (parsed here: Node 20 has no EventSource) and resolve once it has said hello. */
export function openEvents(url: string, timeoutMs: number): Promise<{ events: Timeline<{ name: string; data: string }>; close(): void }> {
  return new Promise((resolve, reject) => {
    const events = new Timeline<{ name: string; data: string }>();
    const req = http.get(url, { headers: { Accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`GET ${url}: ${res.statusCode}`));
      let buffer = '';
      res.setEncoding('utf8').on('data', (chunk: string) => {
        buffer += chunk.replace(/\r\n?/g, '\n');
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          const name =
            block
              .find((line) => line.startsWith('event:'))
              ?.slice(6)
              .trim() ?? 'message';
          const data = block.filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trimStart());
          if (data.length > 0) events.push({ name, data: data.join('\n') });
        }
      });
      void events
        .waitFor((event) => event.name === 'hello', 0, timeoutMs)
        .then((hello) => {
          if (hello) resolve({ events, close: () => req.destroy() });
          else reject(new Error(`No hello event from ${url} within ${timeoutMs} ms`));
        });
    });
    req.on('error', reject);
  });
}

/** Whether a `reload` event's JSON data names `sitePath` (or every page). */
export function reloads(data: string, sitePath: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return false;
  }
  if (typeof parsed !== 'object' || parsed === null || !('paths' in parsed)) return false;
  return parsed.paths === 'all' || (Array.isArray(parsed.paths) && parsed.paths.includes(sitePath));
}

/** GET a URL and read the whole body as text. */
export function get(url: string, agent: http.Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, timeout: requestTimeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
  });
}

/** Poll `url` every 5 ms until its body contains `text`: the `performance.now()` it was first seen, or undefined. */
export async function pollFor(url: string, text: string, agent: http.Agent, deadline: number): Promise<number | undefined> {
  for (let poll = 0; poll < 4_000 && performance.now() < deadline; poll++) {
    const { status, body } = await get(url, agent);
    if (status === 200 && body.includes(text)) return performance.now();
    await sleep(5);
  }
  return undefined;
}
