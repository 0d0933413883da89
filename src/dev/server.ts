import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { pinFolder, type PinnedFolder } from '../io/open-inside.js';
import { consoleLogger, type Logger } from '../report/logger.js';
import { clientScriptSitePath, clientScriptSource, clientScriptTag, eventsSitePath } from './client-script.js';
import { hostPolicy, isHostAllowed, isLoopbackAddress, isSameOrigin } from './http-host-check.js';
import { listenOnFreePort } from './http-listen.js';
import { createLiveEventHub } from './http-live-events.js';
import { basePathSegments, parseRequestTarget } from './http-request-target.js';
import { sendBody, sendServed, sendText } from './http-respond.js';
import type { DevProblem, LiveEvent, Served, SiteSource } from './site-source.js';

/** How to start the preview server; everything but the site has a default. */
export interface DevServerOptions {
  /** The site to serve, looked up afresh on every request. */
  readonly source: SiteSource;
  /** The folder (the stories folder, pinned now unless already) every `file` the site hands over must lie in, reached without a symbolic link. */
  readonly filesRoot: string | PinnedFolder;
  /** The address to bind to, and only that one; default `127.0.0.1`. */
  readonly host?: string | undefined;
  /** Host names requests may carry besides `localhost`, IP addresses and `host`; `.example.com` allows every name below it. */
  readonly allowedHosts?: readonly string[] | undefined;
  /** The first port to try; default `4321`; `0` lets the system choose. */
  readonly port?: number | undefined;
  /** How many consecutive ports to try when one is in use; default `20`. */
  readonly maxPortTries?: number | undefined;
  /** Where request failures are reported; default the terminal. */
  readonly logger?: Logger | undefined;
  /** How often open event streams get a keep-alive comment; default 15 s. */
  readonly keepAliveMs?: number | undefined;
}

/** A running preview server: where it listens, how to tell open pages about rebuilds, how to stop it. */
export interface DevServer {
  /** The site's address, base path included, e.g. `http://127.0.0.1:4321/news/`. */
  readonly url: string;
  /** The port actually bound, which may be after the one asked for. */
  readonly port: number;
  /** The address bound. */
  readonly host: string;
  /** Tell every open page about a rebuild (`reload`), failed save (`problems`) or recovery (`ok`). */
  broadcast(event: LiveEvent): void;
  /** The problems a newly opened page is shown, until the next `ok` or `reload`. */
  currentProblems(): readonly DevProblem[];
  /** Close every connection and stop listening. */
  close(): Promise<void>;
}

const defaultHost = '127.0.0.1';
const defaultPort = 4321;
const defaultMaxPortTries = 20;
const defaultKeepAliveMs = 15_000;
const indexFile = 'index.html';
const fallbackNotFoundPage: Served = {
  kind: 'bytes',
  contentType: 'text/html; charset=utf-8',
  body: '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>404 Not Found</title></head>\n<body><h1>404 Not Found</h1><p>wiredesk dev: the site has nothing at this address (and no 404.html).</p></body></html>\n',
};

/** Start the preview server on the first free port from `port`, serving `source` with live reload injected into its HTML. */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const { source } = options;
  const host = options.host ?? defaultHost;
  const logger = options.logger ?? consoleLogger;
  const hub = createLiveEventHub(options.keepAliveMs ?? defaultKeepAliveMs);
  const filesRoot = pinFilesRoot(options.filesRoot);
  const hosts = hostPolicy(host, options.allowedHosts ?? []);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const head = req.method === 'HEAD';
    if (!isHostAllowed(req.headers.host, hosts)) {
      const name = JSON.stringify(req.headers.host ?? '');
      return sendText(res, 403, `403 Forbidden: this preview does not answer to the host ${name}; to allow a name, start it with --allowed-host NAME`, head);
    }
    if (req.method !== 'GET' && !head) {
      sendText(res, 405, '405 Method Not Allowed', false, { Allow: 'GET, HEAD' });
      return;
    }
    const basePath = source.basePath();
    const target = parseRequestTarget(req.url ?? '', basePathSegments(basePath));
    if (target.kind === 'bad') return sendText(res, 400, `400 Bad Request: ${target.reason}`, head);
    if (target.kind === 'to-base') return redirect(res, new URL(basePath, 'http://localhost').pathname, head);
    if (target.kind === 'outside') return sendNotFound(res, head, basePath);

    const { sitePath } = target;
    if (sitePath === eventsSitePath) {
      if (!isSameOrigin(req.headers.origin, req.headers.host)) return sendText(res, 403, '403 Forbidden: live reload is for pages of this preview only', head);
      if (head) return sendBody(res, 200, { 'Content-Type': 'text/event-stream; charset=utf-8' }, '', true);
      return hub.connect(req, res);
    }
    if (sitePath === clientScriptSitePath) {
      return sendBody(res, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }, clientScriptSource(basePath), head);
    }
    if (sitePath.startsWith('__wiredesk/')) return sendText(res, 404, '404 Not Found', head);

    const isIndexFile = sitePath === indexFile || sitePath.endsWith(`/${indexFile}`);
    const candidates = isIndexFile ? [sitePath.slice(0, -indexFile.length), sitePath] : [sitePath];
    for (const candidate of candidates) {
      if (await serve(res, candidate, 200, head, basePath)) return;
    }
    if (sitePath !== '' && !sitePath.endsWith('/') && (await source.lookup(`${sitePath}/`)) !== undefined) {
      return redirect(res, `${target.rawPath}/${target.query}`, head);
    }
    return sendNotFound(res, head, basePath);
  };

  /** Send what the site has at `sitePath`; false when it has nothing there (or only a file that may not be served). */
  const serve = async (res: ServerResponse, sitePath: string, status: number, head: boolean, basePath: string): Promise<boolean> => {
    const served = await source.lookup(sitePath);
    if (served === undefined) return false;
    const outcome = await sendServed(res, served, { status, head, injectIntoHtml: clientScriptTag(basePath), filesRoot });
    if (!outcome.sent && served.kind === 'file') logger.error(`wiredesk dev: not serving ${served.absolutePath}: ${outcome.reason}`);
    return outcome.sent;
  };

  const sendNotFound = async (res: ServerResponse, head: boolean, basePath: string): Promise<void> => {
    if (await serve(res, '404.html', 404, head, basePath)) return;
    // HTML, not plain text, so the client script still runs: a site whose first build failed shows the overlay here.
    await sendServed(res, fallbackNotFoundPage, { status: 404, head, injectIntoHtml: clientScriptTag(basePath), filesRoot });
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error(`wiredesk dev: ${req.method ?? '?'} ${req.url ?? '?'} failed: ${describe(error)}`);
      if (res.headersSent) res.destroy();
      else sendText(res, 500, '500 Internal Server Error', req.method === 'HEAD');
    });
  });

  let port: number;
  try {
    port = await listenOnFreePort(server, host, options.port ?? defaultPort, options.maxPortTries ?? defaultMaxPortTries, 'wiredesk dev');
  } catch (error) {
    hub.close();
    throw error;
  }
  const bound = server.address();
  if (typeof bound === 'object' && bound !== null && !isLoopbackAddress(bound.address)) {
    logger.error(`wiredesk dev: warning: listening on ${host}, so the preview is reachable from other machines and serves unpublished copy; --host 127.0.0.1 keeps it on this one`);
  }

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}${new URL(source.basePath(), 'http://localhost').pathname}`,
    port,
    host,
    broadcast: (event) => hub.broadcast(event),
    currentProblems: () => hub.currentProblems(),
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        hub.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** Pin the files' folder as it is now; one that cannot be resolved pins nothing, so no file is served from it. */
function pinFilesRoot(folder: string | PinnedFolder): PinnedFolder {
  if (typeof folder !== 'string') return folder;
  try {
    return pinFolder(folder);
  } catch {
    return { given: folder, real: folder, dev: -1, ino: -1 };
  }
}

function redirect(res: ServerResponse, location: string, head: boolean): void {
  sendText(res, 302, `302 Found: ${location}`, head, { Location: location });
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
