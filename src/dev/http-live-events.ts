import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DevProblem, LiveEvent } from './site-source.js';

/** The open Server-Sent Events streams of the pages a dev server serves, and the problems a new page must see. */
export interface LiveEventHub {
  /** Keep `res` open as an event stream: say hello, replay the current problems, then forward every broadcast. */
  connect(req: IncomingMessage, res: ServerResponse): void;
  /** Send an event to every open page; `problems` is remembered until the next `ok` or `reload`. */
  broadcast(event: LiveEvent): void;
  /** The problems of the last `problems` broadcast, or none since an `ok` or `reload`. */
  currentProblems(): readonly DevProblem[];
  /** How many pages are listening, for tests and diagnostics. */
  clientCount(): number;
  /** End every stream and stop the keep-alive timer. */
  close(): void;
}

/** Format one Server-Sent Event: `event: <name>` then its JSON data on one line. */
export function formatServerSentEvent(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Create the hub; each server gets a fresh instance id so reconnecting pages notice a restart and reload. */
export function createLiveEventHub(keepAliveMs: number): LiveEventHub {
  const instance = randomUUID();
  const clients = new Set<ServerResponse>();
  let problems: readonly DevProblem[] = [];

  const send = (res: ServerResponse, chunk: string): void => {
    if (!res.writableEnded && !res.destroyed) res.write(chunk);
  };
  const keepAlive = setInterval(() => {
    for (const res of clients) send(res, ': keep-alive\n\n');
  }, keepAliveMs);
  keepAlive.unref();

  return {
    connect(req, res) {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        Connection: 'keep-alive',
      });
      req.socket.setNoDelay(true);
      clients.add(res);
      const forget = (): void => {
        clients.delete(res);
      };
      req.on('close', forget);
      res.on('close', forget);
      res.on('error', forget);
      send(res, `retry: 1000\n\n${formatServerSentEvent('hello', { instance })}`);
      if (problems.length > 0) send(res, formatServerSentEvent('problems', { problems }));
    },
    broadcast(event) {
      problems = event.type === 'problems' ? event.problems : [];
      const { type, ...data } = event;
      const chunk = formatServerSentEvent(type, data);
      for (const res of clients) send(res, chunk);
    },
    currentProblems: () => problems,
    clientCount: () => clients.size,
    close() {
      clearInterval(keepAlive);
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}
