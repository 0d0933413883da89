import { mkdir, mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises';
import http, { type IncomingHttpHeaders } from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clientScriptSource, reloadConcernsPage, sitePathOfLocation } from '../../src/dev/client-script.js';
import { contentTypeOf } from '../../src/dev/content-type.js';
import { startDevServer, type DevServer, type DevServerOptions } from '../../src/dev/server.js';
import type { Served, SiteSource } from '../../src/dev/site-source.js';
import { memoryLogger } from '../../src/report/logger.js';

const secret = 'TOP-SECRET-OUTSIDE-THE-SITE';
const html = (title: string): string => `<!DOCTYPE html><html lang="en"><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`;
const htmlPage = (title: string): Served => ({ kind: 'bytes', body: html(title), contentType: 'text/html; charset=utf-8' });

let tmp = '';
let siteDir = '';
const servers: DevServer[] = [];

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-dev-server-'));
  siteDir = path.join(tmp, 'site');
  await mkdir(path.join(siteDir, 'assets'), { recursive: true });
  await writeFile(path.join(tmp, 'secret.txt'), secret);
  await writeFile(path.join(siteDir, 'assets/style.css'), 'body { color: black; }');
  await writeFile(path.join(siteDir, 'assets/page.html'), '<html><body><p>from a file</p></BODY></html>');
  await symlink(path.join(tmp, 'secret.txt'), path.join(siteDir, 'assets/leak.css'));
});

afterAll(() => rm(tmp, { recursive: true, force: true }));

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A fake site: fixed entries, then — like a careless engine — any regular file under the site folder. */
function fakeSite(basePath = '/', extra: Record<string, Served> = {}): SiteSource & { readonly lookups: string[] } {
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

async function start(options: Partial<DevServerOptions> = {}): Promise<DevServer> {
  const server = await startDevServer({ source: fakeSite(), port: 0, logger: memoryLogger(), ...options });
  servers.push(server);
  return server;
}

interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** Send a request with the path exactly as written, so `..` and bad encodings reach the server unnormalised. */
function request(port: number, rawPath: string, method = 'GET', host = '127.0.0.1'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port, path: rawPath, method, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Write raw bytes to the server and read everything it answers before closing. */
function rawExchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(bytes));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

interface ReceivedEvent {
  readonly event: string;
  readonly data?: unknown;
}

/** Open the event stream and collect parsed events (comments as `event: 'comment'`). */
function openEvents(port: number, eventsPath: string): Promise<{ events: ReceivedEvent[]; waitFor: (name: string) => Promise<ReceivedEvent>; close: () => void; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const events: ReceivedEvent[] = [];
    const waiters: Array<{ name: string; done: (event: ReceivedEvent) => void }> = [];
    let buffer = '';
    const req = http.get({ host: '127.0.0.1', port, path: eventsPath, agent: false }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          const name = lines.find((line) => line.startsWith('event: '))?.slice(7) ?? (block.startsWith(':') ? 'comment' : 'other');
          const data = lines.find((line) => line.startsWith('data: '))?.slice(6);
          const event: ReceivedEvent = data === undefined ? { event: name } : { event: name, data: JSON.parse(data) };
          events.push(event);
          for (const waiter of waiters.filter((candidate) => candidate.name === name)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.done(event);
          }
        }
      });
      const waitFor = (name: string): Promise<ReceivedEvent> => {
        const seen = events.find((event) => event.event === name);
        return seen ? Promise.resolve(seen) : new Promise((done) => waiters.push({ name, done }));
      };
      resolve({ events, waitFor, close: () => req.destroy(), headers: res.headers });
    });
    req.on('error', reject);
  });
}

describe('startDevServer: pages, files and content types', () => {
  it('should serve an HTML page with its content type, no-store, nosniff and the client script before </body>', async () => {
    const server = await start();
    const response = await request(server.port, '/2018/05/25/a/');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.body).toContain('<h1>Story A</h1><script type="module" src="/__wiredesk/client.js"></script></body>');
    expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(response.body));
  });

  it('should inject the script into HTML without a body element and into HTML served from a file', async () => {
    const server = await start();
    expect((await request(server.port, '/no-body/')).body).toBe('<p>fragment<script type="module" src="/__wiredesk/client.js"></script>');
    expect((await request(server.port, '/from-file/')).body).toBe('<html><body><p>from a file</p><script type="module" src="/__wiredesk/client.js"></script></BODY></html>');
  });

  it('should stream CSS files and pass the feed content type through, without injecting anything', async () => {
    const server = await start();
    const css = await request(server.port, '/assets/style.css');
    expect(css).toMatchObject({ status: 200, body: 'body { color: black; }' });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['content-length']).toBe('22');
    const feed = await request(server.port, '/feed.xml');
    expect(feed.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(feed.body).toBe('<rss><channel></channel></rss>');
  });

  it('should redirect a pretty URL without its slash to the slash form, keeping the query', async () => {
    const server = await start();
    const response = await request(server.port, '/2018/05/25/a?utm=x');
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/2018/05/25/a/?utm=x');
  });

  it('should serve …/index.html as the pretty path it belongs to', async () => {
    const server = await start();
    expect((await request(server.port, '/2018/05/25/a/index.html')).body).toContain('Story A');
    expect((await request(server.port, '/index.html')).body).toContain('<h1>Home</h1>');
  });

  it("should answer an unknown path with the site's 404 page and status 404, or a minimal page with the script when there is none", async () => {
    const server = await start();
    const response = await request(server.port, '/no/such/page/');
    expect(response.status).toBe(404);
    expect(response.body).toContain('<h1>Not here</h1><script type="module" src="/__wiredesk/client.js"></script>');
    const bare = await start({ source: { basePath: () => '/', lookup: async () => undefined } });
    const fallback = await request(bare.port, '/x');
    expect(fallback.status).toBe(404);
    expect(fallback.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(fallback.body).toContain('<h1>404 Not Found</h1>');
    expect(fallback.body).toContain('<script type="module" src="/__wiredesk/client.js"></script></body>');
    expect(await request(bare.port, '/__wiredesk/nothing')).toMatchObject({ status: 404, body: '404 Not Found\n' });
  });

  it('should answer HEAD with the headers of GET and no body', async () => {
    const server = await start();
    for (const target of ['/2018/05/25/a/', '/assets/style.css', '/from-file/', '/missing']) {
      const get = await request(server.port, target);
      const head = await request(server.port, target, 'HEAD');
      expect(head.status).toBe(get.status);
      expect(head.body).toBe('');
      expect(head.headers['content-length']).toBe(get.headers['content-length']);
    }
  });

  it('should give every known extension its content type and unknown ones application/octet-stream', () => {
    expect(contentTypeOf('a/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('style.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('photo.jpeg')).toBe('image/jpeg');
    expect(contentTypeOf('font.woff2')).toBe('font/woff2');
    expect(contentTypeOf('logo.svg')).toBe('image/svg+xml');
    expect(contentTypeOf('archive.tar.gz')).toBe('application/octet-stream');
    expect(contentTypeOf('README')).toBe('application/octet-stream');
  });
});

describe('startDevServer: hostile and broken requests', () => {
  it('should never serve a file outside the site, whatever the spelling of ..', async () => {
    const source = fakeSite();
    const server = await start({ source });
    const spellings = [
      '/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/%2E%2e%2fsecret.txt', '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt', '/.%2e/secret.txt', '/%2e%2e%5csecret.txt', '/\\..\\secret.txt',
      '/assets\\..\\..\\secret.txt', '/%5c..%5csecret.txt', '/%c0%ae%c0%ae/secret.txt', '/%252e%252e/secret.txt',
      '/assets/./style.css', '//../secret.txt',
    ];
    for (const spelling of spellings) {
      const response = await request(server.port, spelling);
      expect([400, 404], spelling).toContain(response.status);
      expect(response.body, spelling).not.toContain(secret);
    }
    expect((await request(server.port, '/%252e%252e/secret.txt')).status).toBe(404);
    expect(source.lookups.filter((sitePath) => sitePath.split(/[\\/]/).some((segment) => segment === '..' || segment === '.'))).toEqual([]);
  });

  it('should refuse to follow a symbolic link the site hands it, answering 404', async () => {
    const logger = memoryLogger();
    const server = await start({ logger });
    const response = await request(server.port, '/assets/leak.css');
    expect(response.status).toBe(404);
    expect(response.body).not.toContain(secret);
    expect(logger.lines.join('\n')).toContain('leak.css');
  });

  it('should answer 400 to malformed percent-encoding, NUL bytes and control characters', async () => {
    const server = await start();
    for (const target of ['/%E0%A4%A', '/%zz', '/a%00.html', '/assets/style.css%00.html', '/%0a', '/%7f']) {
      expect((await request(server.port, target)).status, target).toBe(400);
    }
  });

  it('should answer 400 to a request target that is not a path, and survive a garbage request line', async () => {
    const server = await start();
    for (const target of ['http://evil.example/secret.txt', '*']) {
      expect((await request(server.port, target)).status, target).toBe(400);
    }
    expect(await rawExchange(server.port, 'NONSENSE\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect((await request(server.port, '/')).status).toBe(200);
  });

  it('should answer 405 with Allow to methods other than GET and HEAD', async () => {
    const server = await start();
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const response = await request(server.port, '/', method);
      expect(response.status, method).toBe(405);
      expect(response.headers.allow).toBe('GET, HEAD');
    }
  });

  it('should answer 500 when the site throws, log it, and keep answering', async () => {
    const logger = memoryLogger();
    const server = await start({ logger });
    expect((await request(server.port, '/boom/')).status).toBe(500);
    expect(logger.lines.join('\n')).toContain('the engine fell over');
    expect((await request(server.port, '/2018/05/25/a/')).status).toBe(200);
  });
});

describe('startDevServer: base path', () => {
  it('should serve the site under /news/ and send / and /news to /news/', async () => {
    const source = fakeSite('/news/');
    const server = await start({ source });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/news/`);
    const home = await request(server.port, '/news/');
    expect(home.body).toContain('<h1>Home</h1><script type="module" src="/news/__wiredesk/client.js"></script>');
    expect((await request(server.port, '/news/2018/05/25/a/')).body).toContain('Story A');
    for (const target of ['/', '/news']) {
      const response = await request(server.port, target);
      expect(response.status, target).toBe(302);
      expect(response.headers.location, target).toBe('/news/');
    }
    expect((await request(server.port, '/news/2018/05/25/a')).headers.location).toBe('/news/2018/05/25/a/');
    const outside = await request(server.port, '/2018/05/25/a/');
    expect(outside.status).toBe(404);
    expect(outside.body).toContain('Not here');
    const script = await request(server.port, '/news/__wiredesk/client.js');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toContain('const basePath = "/news/"');
    expect(source.lookups).not.toContain('news/');
  });
});

describe('startDevServer: listening', () => {
  it('should bind to 127.0.0.1 only by default', async () => {
    const server = await start();
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    if (process.platform === 'linux') {
      // All of 127/8 is loopback on Linux: a server bound to every address would answer on 127.0.0.2 too.
      await expect(request(server.port, '/', 'GET', '127.0.0.2')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    }
  });

  it('should take the next port when the one asked for is in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const taken = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const server = await start({ port: taken });
      expect(server.port).toBeGreaterThan(taken);
      expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
      expect((await request(server.port, '/')).status).toBe(200);
      await expect(start({ port: taken, maxPortTries: 1 })).rejects.toThrow(/in use/);
    } finally {
      blocker.close();
    }
  });
});

describe('startDevServer: live events', () => {
  it('should stream a broadcast reload to a connected page', async () => {
    const server = await start();
    const stream = await openEvents(server.port, '/__wiredesk/events');
    expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect((await stream.waitFor('hello')).data).toMatchObject({ instance: expect.any(String) });
    server.broadcast({ type: 'reload', paths: ['2018/05/25/a/'] });
    expect((await stream.waitFor('reload')).data).toEqual({ paths: ['2018/05/25/a/'] });
    stream.close();
  });

  it('should show a late page the current problems, until an ok', async () => {
    const server = await start({ source: fakeSite('/news/') });
    const problem = { text: 'stories/a.md:3:7  error  Unexpected date  invalid-date', file: 'stories/a.md', severity: 'error', ruleId: 'invalid-date' } as const;
    server.broadcast({ type: 'problems', problems: [problem] });
    expect(server.currentProblems()).toEqual([problem]);
    const late = await openEvents(server.port, '/news/__wiredesk/events');
    expect((await late.waitFor('problems')).data).toEqual({ problems: [problem] });
    server.broadcast({ type: 'ok' });
    await late.waitFor('ok');
    expect(server.currentProblems()).toEqual([]);
    const later = await openEvents(server.port, '/news/__wiredesk/events');
    await later.waitFor('hello');
    server.broadcast({ type: 'reload', paths: 'all' });
    await later.waitFor('reload');
    expect(later.events.map((event) => event.event)).toEqual(['other', 'hello', 'reload']);
    late.close();
    later.close();
  });

  it('should keep streams alive with comments and forget pages that went away', async () => {
    const server = await start({ keepAliveMs: 10 });
    const stream = await openEvents(server.port, '/__wiredesk/events');
    await stream.waitFor('comment');
    stream.close();
    await new Promise((resolve) => setTimeout(resolve, 30));
    server.broadcast({ type: 'reload', paths: 'all' });
    expect((await request(server.port, '/')).status).toBe(200);
  });
});

describe('client script: which page a reload concerns', () => {
  it('should turn a location into its decoded site path, without index.html', () => {
    expect(sitePathOfLocation('/', '/')).toBe('');
    expect(sitePathOfLocation('/index.html', '/')).toBe('');
    expect(sitePathOfLocation('/2018/05/25/a/', '/')).toBe('2018/05/25/a/');
    expect(sitePathOfLocation('/2018/05/25/a/index.html', '/')).toBe('2018/05/25/a/');
    expect(sitePathOfLocation('/tags/%D0%BF%D1%83%D1%82%D0%B8%D0%BD/', '/')).toBe('tags/путин/');
    expect(sitePathOfLocation('/news/', '/news/')).toBe('');
    expect(sitePathOfLocation('/news', '/news/')).toBe('');
    expect(sitePathOfLocation('/news/feed.xml', '/news/')).toBe('feed.xml');
    expect(sitePathOfLocation('/other/', '/news/')).toBeUndefined();
    expect(sitePathOfLocation('/%E0%A4%A/', '/')).toBe('%E0%A4%A/');
  });

  it('should reload for all, or for a path naming this page with or without its slash', () => {
    expect(reloadConcernsPage('all', undefined)).toBe(true);
    expect(reloadConcernsPage(['2018/05/25/a/'], '2018/05/25/a/')).toBe(true);
    expect(reloadConcernsPage(['2018/05/25/a'], '2018/05/25/a/')).toBe(true);
    expect(reloadConcernsPage(['2018/05/25/a/'], '2018/05/25/a')).toBe(true);
    expect(reloadConcernsPage([''], '')).toBe(true);
    expect(reloadConcernsPage(['2018/05/25/ab/', ''], '2018/05/25/a/')).toBe(false);
    expect(reloadConcernsPage(['2018/05/25/a/'], undefined)).toBe(false);
    expect(reloadConcernsPage([], '')).toBe(false);
  });
});

/** Just enough of a DOM element for the overlay; `innerHTML` throws so the test fails if the script uses it. */
class FakeElement {
  id = '';
  textContent = '';
  type = '';
  readonly style = { cssText: '' };
  readonly attributes = new Map<string, string>();
  readonly children: FakeElement[] = [];
  readonly listeners = new Map<string, () => void>();
  parent: FakeElement | undefined;
  constructor(readonly tagName: string) {}
  get innerHTML(): string {
    throw new Error('the client script must not use innerHTML');
  }
  set innerHTML(_value: string) {
    throw new Error('the client script must not use innerHTML');
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  append(...nodes: FakeElement[]): void {
    for (const node of nodes) {
      node.parent = this;
      this.children.push(node);
    }
  }
  remove(): void {
    this.parent?.children.splice(this.parent.children.indexOf(this), 1);
    this.parent = undefined;
  }
  addEventListener(name: string, listener: () => void): void {
    this.listeners.set(name, listener);
  }
  find(id: string): FakeElement | undefined {
    if (this.id === id) return this;
    for (const child of this.children) {
      const found = child.find(id);
      if (found) return found;
    }
    return undefined;
  }
}

/** Run the real client script in a sandbox with a fake EventSource, location and document. */
function runClientScript(basePath: string, pathname: string) {
  const body = new FakeElement('body');
  const document = { body, documentElement: body, createElement: (tag: string) => new FakeElement(tag), getElementById: (id: string) => body.find(id) ?? null };
  const location = { pathname, reloads: 0, reload: () => (location.reloads += 1) };
  const sources: FakeEventSource[] = [];
  class FakeEventSource {
    static readonly CLOSED = 2;
    readyState = 1;
    readonly listeners = new Map<string, (event: { data: string }) => void>();
    constructor(readonly url: string) {
      sources.push(this);
    }
    addEventListener(name: string, listener: (event: { data: string }) => void): void {
      this.listeners.set(name, listener);
    }
    emit(name: string, data: unknown): void {
      this.listeners.get(name)?.({ data: JSON.stringify(data) });
    }
  }
  vm.runInNewContext(clientScriptSource(basePath), { document, location, EventSource: FakeEventSource, setTimeout });
  const source = sources[0];
  if (!source) throw new Error('the client script opened no event stream');
  return { body, location, source };
}

describe('client script: in a page', () => {
  it('should listen at the events URL and reload only for its own page', () => {
    const page = runClientScript('/news/', '/news/2018/05/25/a/index.html');
    expect(page.source.url).toBe('/news/__wiredesk/events');
    page.source.emit('reload', { paths: ['2018/05/25/b/'] });
    expect(page.location.reloads).toBe(0);
    page.source.emit('reload', { paths: ['2018/05/25/a/'] });
    expect(page.location.reloads).toBe(1);
    page.source.emit('reload', { paths: 'all' });
    expect(page.location.reloads).toBe(2);
  });

  it('should show problems as text in an overlay, and remove it and reload on ok', () => {
    const page = runClientScript('/', '/');
    const text = '<img src=x onerror=alert(1)> stories/a.md:3:7  error  Unexpected date';
    page.source.emit('problems', { problems: [{ text, severity: 'error' }] });
    const overlay = page.body.find('wiredesk-overlay');
    expect(overlay?.attributes.get('role')).toBe('alert');
    const texts = (overlay?.children ?? []).flatMap((child) => [child.textContent, ...child.children.map((item) => item.textContent)]);
    expect(texts).toContain('wiredesk: the last save has problems — the page shows the last good build');
    expect(texts).toContain(text);
    overlay?.children.find((child) => child.tagName === 'button')?.listeners.get('click')?.();
    expect(page.body.find('wiredesk-overlay')).toBeUndefined();
    page.source.emit('problems', { problems: [{ text, severity: 'error' }] });
    page.source.emit('ok', {});
    expect(page.body.find('wiredesk-overlay')).toBeUndefined();
    expect(page.location.reloads).toBe(1);
  });

  it('should reload when it reconnects to a restarted server, not on its first hello', () => {
    const page = runClientScript('/', '/');
    page.source.emit('hello', { instance: 'first' });
    page.source.emit('hello', { instance: 'first' });
    expect(page.location.reloads).toBe(0);
    page.source.emit('hello', { instance: 'second' });
    expect(page.location.reloads).toBe(1);
  });
});
