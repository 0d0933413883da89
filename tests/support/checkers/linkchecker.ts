import { createReadStream } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { normalizeBasePath, type BrokenLink } from './link-crawl.js';
import { runProcess } from './run-process.js';

/** A static file server for a built site folder, on loopback only. */
export interface StaticServer {
  /** The site's root URL, e.g. `http://127.0.0.1:41234/news/`. */
  url: string;
  /** Stop the server. */
  close: () => Promise<void>;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.txt': 'text/plain; charset=utf-8',
};

/** linkchecker only goes past 10 requests a second to a host that answers with this header. */
const LINKCHECKER_OK = { LinkChecker: 'wiredesk' } as const;

/** linkchecker settings: our own file, so no user config applies; fast on loopback. */
const LINKCHECKER_RC = '[checking]\nmaxrequestspersecond=1000\n';

/** Serve `dir` at `basePath` on 127.0.0.1 the way a static host does (`/x/` → `x/index.html`, `/x` → 301 `/x/`). */
export async function serveStatic(dir: string, basePath = '/'): Promise<StaticServer> {
  const root = path.resolve(dir);
  const base = normalizeBasePath(basePath);
  const server: Server = createServer((req, res) => {
    void (async () => {
      const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
      let rel: string;
      try {
        rel = decodeURIComponent(pathname.slice(base.length));
      } catch {
        rel = '\u0000';
      }
      const file = path.join(root, rel);
      const inside = pathname.startsWith(base) && !rel.includes('\u0000') && (file + path.sep).startsWith(root + path.sep);
      const info = inside ? await stat(file).catch(() => undefined) : undefined;
      if (info?.isDirectory() && !pathname.endsWith('/')) {
        res.writeHead(301, { location: `${pathname}/`, ...LINKCHECKER_OK }).end();
        return;
      }
      const target = info?.isDirectory() ? path.join(file, 'index.html') : file;
      const found = inside ? await stat(target).catch(() => undefined) : undefined;
      if (!found?.isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain', ...LINKCHECKER_OK }).end('not found');
        return;
      }
      const type = TYPES[path.extname(target).toLowerCase()] ?? 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, 'content-length': found.size, ...LINKCHECKER_OK });
      if (req.method === 'HEAD') res.end();
      else createReadStream(target).pipe(res);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}${base}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Cross-check a built site with Debian's `linkchecker` over a loopback server (no fragment checks); returns its failures. */
export async function runLinkchecker(dir: string, basePath = '/'): Promise<BrokenLink[]> {
  const server = await serveStatic(dir, basePath);
  // Readable by all: as root, linkchecker drops privileges to `nobody`.
  const rc = path.join(os.tmpdir(), `wiredesk-linkcheckerrc-${randomUUID()}`);
  try {
    await writeFile(rc, LINKCHECKER_RC, { mode: 0o644 });
    const origin = new URL(server.url).origin;
    const escaped = origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const args = ['-f', rc, '--no-status', '--no-warnings', '--no-robots', '-o', 'csv/utf-8'];
    // Anything not on our loopback server is only syntax-checked: no DNS, no traffic.
    args.push('--ignore-url', `^(?!${escaped}/)`, server.url);
    const { code, stdout, stderr } = await runProcess('linkchecker', args, 'runLinkchecker: linkchecker not found; install it with `apt-get install linkchecker` (.ci/run does this).');
    // linkchecker exits 1 when it found broken links; 2 and up are its own failures.
    if (code !== 0 && code !== 1) throw new Error(`runLinkchecker: linkchecker exited ${String(code)}:\n${stderr}`);
    const rows = parseCsv(
      stdout
        .split('\n')
        .filter((line) => !line.startsWith('#'))
        .join('\n'),
    );
    const header = rows.shift() ?? [];
    const col = (name: string): number => header.indexOf(name);
    return rows
      .filter((row) => row[col('valid')] === 'False')
      .map((row) => ({
        page: pageFile(row[col('parentname')] ?? '', server.url),
        href: row[col('urlname')] ?? '',
        reason: row[col('result')] ?? '',
      }));
  } finally {
    await rm(rc, { force: true });
    await server.close();
  }
}

/** Map a served page URL back to its file in the site folder. */
function pageFile(pageUrl: string, siteUrl: string): string {
  if (!pageUrl.startsWith(siteUrl)) return pageUrl;
  const rel = decodeURIComponent(new URL(pageUrl).pathname.slice(new URL(siteUrl).pathname.length));
  return rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel;
}

/** Parse linkchecker's `;`-separated CSV (RFC 4180 quoting) into rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endRow = (): void => {
    row.push(field);
    if (row.some((f) => f !== '')) rows.push(row);
    row = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (quoted) {
      field += ch;
    } else if (ch === ';') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      endRow();
    } else if (ch !== '\r') {
      field += ch;
    }
  }
  endRow();
  return rows;
}
