import http, { type IncomingHttpHeaders } from 'node:http';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { clientScriptSource, reloadConcernsPage, sitePathOfLocation } from '../../src/dev/client-script.js';
import { fakeSite, request, requestWith, start, useDevServerFixtures } from '../support/dev-server-fixtures.js';

useDevServerFixtures();

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

describe('startDevServer: live events', () => {
  it('should refuse the event stream to a page of another origin, and open it to its own pages', async () => {
    const server = await start();
    const own = `http://127.0.0.1:${server.port}`;
    for (const origin of ['http://evil.example', 'null', `http://localhost:${server.port}`, `https://127.0.0.1:${server.port}`, 'http://127.0.0.1:1', 'garbage']) {
      const response = await requestWith(server.port, '/__wiredesk/events', { Origin: origin }, 'HEAD');
      expect(response.status, origin).toBe(403);
      expect(response.headers['content-type'], origin).not.toMatch(/event-stream/);
    }
    for (const headers of [{ Origin: own }, {}, { Origin: `http://localhost:${server.port}`, Host: `localhost:${server.port}` }]) {
      const response = await requestWith(server.port, '/__wiredesk/events', headers, 'HEAD');
      expect(response.status, JSON.stringify(headers)).toBe(200);
      expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    }
  });

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
    expect(texts).toContain('wiredesk: errors — what they break shows its last good version, or is left out until fixed');
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
