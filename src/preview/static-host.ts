import { createReadStream } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { openInside, pinFolder, type OpenedFile, type PinnedFolder } from '../io/open-inside.js';
import { consoleLogger, type Logger } from '../report/logger.js';
import { contentTypeOf } from '../dev/content-type.js';
import { hostPolicy, isHostAllowed, isLoopbackAddress } from '../dev/http-host-check.js';
import { errorCode, listenOnFreePort } from '../dev/http-listen.js';
import { basePathSegments, parseRequestTarget } from '../dev/http-request-target.js';
import { baseHeaders, sendText } from '../dev/http-respond.js';

/** How to start the static host; everything but the output folder and base path has a default. */
export interface StaticHostOptions {
  /** The output folder (`dist`, a link a build swaps): resolved afresh on every request. */
  readonly outDir: string;
  /** The path the site lives under, `/` or `/news/`. */
  readonly basePath: string;
  /** The address to bind to, and only that one; default `127.0.0.1`. */
  readonly host?: string | undefined;
  /** Host names answered besides `localhost`, IP addresses and `host` (`.example.com`: it and every name below; see `hostPolicy`). */
  readonly allowedHosts?: readonly string[] | undefined;
  /** The first port to try; default `4322`; `0` lets the system choose. */
  readonly port?: number | undefined;
  /** How many consecutive ports to try when one is in use; default `20`. */
  readonly maxPortTries?: number | undefined;
  /** Where refusals and failures are reported; default the terminal. */
  readonly logger?: Logger | undefined;
}

/** A running static host: where it listens, and how to stop it. */
export interface StaticHost {
  /** The site's address, base path included, e.g. `http://127.0.0.1:4322/news/`. */
  readonly url: string;
  /** The port actually bound, which may be after the one asked for. */
  readonly port: number;
  /** Close every connection and stop listening. */
  close(): Promise<void>;
}

/** The port `wiredesk preview` tries first: next to `wiredesk dev`'s 4321, so both can run. */
export const defaultPreviewPort = 4322;

const who = 'wiredesk preview';
const indexFile = 'index.html';

/** What a path of the output folder holds, as a static host sees it. */
type Found = { readonly kind: 'file'; readonly file: OpenedFile } | { readonly kind: 'folder' } | { readonly kind: 'none' };

/**
 * Serve the built output as GitHub Pages, Netlify or nginx would: `x/` is `x/index.html`, a folder without its slash
 * is redirected (301), anything missing gets the site's `404.html` with status 404. Only regular files inside the
 * output folder are served, never through a symbolic link below it.
 */
export async function startStaticHost(options: StaticHostOptions): Promise<StaticHost> {
  const host = options.host ?? '127.0.0.1';
  const logger = options.logger ?? consoleLogger;
  const hosts = hostPolicy(host, options.allowedHosts ?? []);
  const base = basePathSegments(options.basePath);
  const basePathname = new URL(options.basePath, 'http://localhost').pathname;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const head = req.method === 'HEAD';
    if (!isHostAllowed(req.headers.host, hosts)) {
      return sendText(res, 403, `403 Forbidden: this preview does not answer to the host ${JSON.stringify(req.headers.host ?? '')}; to allow a name, start it with --allowed-host NAME`, head);
    }
    if (req.method !== 'GET' && !head) return sendText(res, 405, '405 Method Not Allowed', false, { Allow: 'GET, HEAD' });
    const target = parseRequestTarget(req.url ?? '', base);
    if (target.kind === 'bad') return sendText(res, 400, `400 Bad Request: ${target.reason}`, head);
    if (target.kind === 'to-base') return redirect(res, basePathname, head);
    const root = pinOutput(options.outDir);
    if (root === undefined) return sendText(res, 404, `404 Not Found: nothing is built in ${options.outDir}`, head);
    if (target.kind === 'outside') return sendNotFound(req, res, root, head);

    const { sitePath } = target;
    const found = await find(root, sitePath === '' || sitePath.endsWith('/') ? `${sitePath}${indexFile}` : sitePath);
    if (found.kind === 'file') return sendFile(req, res, found.file, 200, contentTypeOf(sitePath === '' || sitePath.endsWith('/') ? indexFile : sitePath), head);
    if (found.kind === 'folder') {
      const index = await find(root, `${sitePath}/${indexFile}`);
      if (index.kind === 'file') {
        await index.file.handle.close();
        return redirect(res, `${target.rawPath}/${target.query}`, head);
      }
    }
    return sendNotFound(req, res, root, head);
  };

  /** Open `relative` as a regular file inside the output, or say it is a folder or nothing servable. */
  const find = async (root: PinnedFolder, relative: string): Promise<Found> => {
    try {
      return { kind: 'file', file: await openInside(root, relative) };
    } catch (error) {
      const code = errorCode(error);
      if (code === 'EISDIR') return { kind: 'folder' };
      if (code !== 'ENOENT' && code !== 'ENOTDIR') logger.error(`${who}: not serving ${relative}: ${error instanceof Error ? error.message : String(error)}`);
      return { kind: 'none' };
    }
  };

  const sendNotFound = async (req: IncomingMessage, res: ServerResponse, root: PinnedFolder, head: boolean): Promise<void> => {
    const page = await find(root, '404.html');
    if (page.kind === 'file') return sendFile(req, res, page.file, 404, contentTypeOf('404.html'), head);
    return sendText(res, 404, '404 Not Found', head);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error(`${who}: ${req.method ?? '?'} ${req.url ?? '?'} failed: ${error instanceof Error ? error.message : String(error)}`);
      if (res.headersSent) res.destroy();
      else sendText(res, 500, '500 Internal Server Error', req.method === 'HEAD');
    });
  });
  const port = await listenOnFreePort(server, host, options.port ?? defaultPreviewPort, options.maxPortTries ?? 20, who);
  const bound = server.address();
  if (typeof bound === 'object' && bound !== null && !isLoopbackAddress(bound.address)) {
    logger.error(`${who}: warning: listening on ${host}, so the site is reachable from other machines; --host 127.0.0.1 keeps it on this one`);
  }

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}${basePathname}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** The output folder as it is now (the link a build swaps, followed), or undefined while there is none. */
function pinOutput(outDir: string): PinnedFolder | undefined {
  try {
    return pinFolder(outDir);
  } catch {
    return undefined;
  }
}

/**
 * Send an opened file with its type, length and validators (`ETag`, `Last-Modified`), to be revalidated on every use
 * as a build may replace it; a HEAD request gets the headers only, and a 200 whose `If-None-Match` still matches a 304.
 */
async function sendFile(req: IncomingMessage, res: ServerResponse, file: OpenedFile, status: number, contentType: string, head: boolean): Promise<void> {
  const stats = await file.handle.stat();
  const etag = `W/"${stats.ino.toString(16)}-${stats.size.toString(16)}-${Math.trunc(stats.mtimeMs).toString(16)}"`;
  const validators = { 'Cache-Control': 'no-cache', ETag: etag, 'Last-Modified': stats.mtime.toUTCString() };
  if (status === 200 && matchesTag(req.headers['if-none-match'], etag)) {
    await file.handle.close();
    res.writeHead(304, { ...baseHeaders, ...validators });
    res.end();
    return;
  }
  res.writeHead(status, { ...baseHeaders, ...validators, 'Content-Type': contentType, 'Content-Length': String(file.size) });
  if (head) {
    res.end();
    await file.handle.close();
    return;
  }
  await pipeline(createReadStream('', { fd: file.handle }), res).catch(() => {
    // The browser went away mid-file: the response is already cut off, nothing to answer.
  });
}

/** Whether an `If-None-Match` header names `etag` (compared weakly, as RFC 9110 says for it) or is `*`. */
function matchesTag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const bare = (tag: string): string => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

function redirect(res: ServerResponse, location: string, head: boolean): void {
  sendText(res, 301, `301 Moved Permanently: ${location}`, head, { Location: location });
}
