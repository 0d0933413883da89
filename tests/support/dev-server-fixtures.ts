import { mkdir, mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises';
import http, { type IncomingHttpHeaders } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { contentTypeOf } from '../../src/dev/content-type.js';
import { startDevServer, type DevServer, type DevServerOptions } from '../../src/dev/server.js';
import type { Served, SiteSource } from '../../src/dev/site-source.js';
import { memoryLogger } from '../../src/report/logger.js';

/** The text of a file just outside the site folder, which no request may ever reveal. */
export const secret = 'TOP-SECRET-OUTSIDE-THE-SITE';
const html = (title: string): string => `<!DOCTYPE html><html lang="en"><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`;
const htmlPage = (title: string): Served => ({ kind: 'bytes', body: html(title), contentType: 'text/html; charset=utf-8' });

let tmp = '';
let siteDir = '';
const servers: DevServer[] = [];

/** Register the hooks that build the temporary site folder (with the secret beside it) and close every server a test started. */
export function useDevServerFixtures(): void {
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-dev-server-'));
    siteDir = path.join(tmp, 'site');
    await mkdir(path.join(siteDir, 'assets'), { recursive: true });
    await writeFile(path.join(tmp, 'secret.txt'), secret);
    await writeFile(path.join(siteDir, 'assets/style.css'), 'body { color: black; }');
    await writeFile(path.join(siteDir, 'assets/page.html'), '<html><body><p>from a file</p></BODY></html>');
    await symlink(path.join(tmp, 'secret.txt'), path.join(siteDir, 'assets/leak.css'));
    await mkdir(path.join(tmp, 'outside'));
    for (const name of ['secret.txt', 'style.css', 'a.md']) await writeFile(path.join(tmp, 'outside', name), secret);
  });

  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
    tmp = '';
    siteDir = '';
  });

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
}

/**
 * Replace the folder `relative` names under the site folder (made afresh with a `style.css`) by a
 * symbolic link to a folder outside holding the secret as `secret.txt`, `style.css` and `a.md`;
 * `swap()` does it, as a hostile `git pull` would while the server runs.
 */
export async function swappableFolder(relative: string): Promise<{ readonly swap: () => Promise<void> }> {
  const folder = path.join(siteFolder(), relative);
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'style.css'), 'p { margin: 0; }');
  return {
    async swap() {
      await rm(folder, { recursive: true });
      await symlink(path.join(tmp, 'outside'), folder);
    },
  };
}

/** The site folder the fake site's files live in. */
export function siteFolder(): string {
  if (siteDir === '') throw new Error('call useDevServerFixtures() in the test file before using the fake site');
  return siteDir;
}

/** A fake site: fixed entries, then — like a careless engine — any regular file under the site folder. */
export function fakeSite(basePath = '/', extra: Record<string, Served> = {}): SiteSource & { readonly lookups: string[] } {
  const siteDir = siteFolder();
  const entries = new Map<string, Served>([
    ['', htmlPage('Home')],
    ['2018/05/25/a/', htmlPage('Story A')],
    ['feed.xml', { kind: 'bytes', body: '<rss><channel></channel></rss>', contentType: 'application/rss+xml; charset=utf-8' }],
    ['assets/style.css', { kind: 'file', absolutePath: path.join(siteDir, 'assets/style.css'), contentType: 'text/css; charset=utf-8' }],
    ['assets/leak.css', { kind: 'file', absolutePath: path.join(siteDir, 'assets/leak.css'), contentType: 'text/css; charset=utf-8' }],
    ['from-file/', { kind: 'file', absolutePath: path.join(siteDir, 'assets/page.html'), contentType: 'text/html; charset=utf-8' }],
    ['no-body/', { kind: 'bytes', body: new TextEncoder().encode('<p>fragment'), contentType: 'text/html' }],
    ['404.html', htmlPage('Not here')],
    ...Object.entries(extra),
  ]);
  const lookups: string[] = [];
  return {
    lookups,
    basePath: () => basePath,
    lookup: async (sitePath) => {
      lookups.push(sitePath);
      if (sitePath === 'boom/') throw new Error('the engine fell over');
      const entry = entries.get(sitePath);
      if (entry) return entry;
      const onDisk = path.join(siteDir, sitePath);
      const stats = await stat(onDisk).catch(() => undefined);
      return stats?.isFile() ? { kind: 'file', absolutePath: onDisk, contentType: contentTypeOf(onDisk) } : undefined;
    },
  };
}

/** Start a dev server on a free port over the fake site (unless `options` say otherwise); it is closed after the test. */
export async function start(options: Partial<DevServerOptions> = {}): Promise<DevServer> {
  const server = await startDevServer({ source: fakeSite(), filesRoot: siteFolder(), port: 0, logger: memoryLogger(), ...options });
  servers.push(server);
  return server;
}

/** What the server answered to `request`: status, headers and the body as text. */
export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** Send a request with the path exactly as written, so `..` and bad encodings reach the server unnormalised. */
export function request(port: number, rawPath: string, method = 'GET', host = '127.0.0.1'): Promise<RawResponse> {
  return requestWith(port, rawPath, {}, method, host);
}

/** `request` with extra headers (`Host` and `Origin` as a hostile page would send them); always to `host`, 127.0.0.1 by default. */
export function requestWith(port: number, rawPath: string, headers: Readonly<Record<string, string>>, method = 'GET', host = '127.0.0.1'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port, path: rawPath, method, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
