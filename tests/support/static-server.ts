import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { contentTypeOf } from '../../src/dev/content-type.js';

/** A plain static host for a built site, as a deploy would serve `dist/`: files only, no rendering. */
export interface StaticServer {
  /** The site's address, base path included (`http://127.0.0.1:PORT/news/`). */
  readonly url: string;
  /** Every path asked for, in order (to check what a page fetched). */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

/**
 * Serve `folder` at `basePath` on 127.0.0.1 (a free port): `…/` is `…/index.html`, a folder without
 * its slash redirects, anything else is 404. For tests of the built site in a real browser.
 */
export async function serveFolder(folder: string, basePath = '/'): Promise<StaticServer> {
  const root = path.resolve(folder);
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    requests.push(pathname);
    const notFound = () => res.writeHead(404, { 'Content-Type': 'text/plain' }).end('404 Not Found');
    if (!pathname.startsWith(basePath)) return notFound();
    const relative = pathname.slice(basePath.length);
    const file = path.resolve(root, relative.endsWith('/') || relative === '' ? `${relative}index.html` : relative);
    if (!file.startsWith(root + path.sep)) return notFound();
    stat(file)
      .then(async (info) => {
        if (info.isDirectory()) return void res.writeHead(301, { Location: `${pathname}/` }).end();
        res.writeHead(200, { 'Content-Type': contentTypeOf(file) }).end(await readFile(file));
      })
      .catch(notFound);
  });
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
