import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../src/report/logger.js';
import { fakeSite, request, requestWith, secret, start, swappableFolder, useDevServerFixtures } from '../support/dev-server-fixtures.js';

useDevServerFixtures();

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

describe('startDevServer: hostile and broken requests', () => {
  it('should never serve a file outside the site, whatever the spelling of ..', async () => {
    const source = fakeSite();
    const server = await start({ source });
    const spellings = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2e%2fsecret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/.%2e/secret.txt',
      '/%2e%2e%5csecret.txt',
      '/\\..\\secret.txt',
      '/assets\\..\\..\\secret.txt',
      '/%5c..%5csecret.txt',
      '/%c0%ae%c0%ae/secret.txt',
      '/%252e%252e/secret.txt',
      '/assets/./style.css',
      '//../secret.txt',
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

  it('should serve nothing from a folder swapped for a symbolic link while it runs, at any depth', async () => {
    const logger = memoryLogger();
    const server = await start({ logger });
    const shallow = await swappableFolder('media');
    const deep = await swappableFolder('media2/2018/05');
    expect((await request(server.port, '/media/style.css')).status).toBe(200);
    expect((await request(server.port, '/media2/2018/05/style.css')).status).toBe(200);
    await shallow.swap();
    await deep.swap();
    const tried = ['/media/style.css', '/media/secret.txt', '/media/a.md', '/media2/2018/05/style.css', '/media2/2018/05/secret.txt', '/media2/2018/05/a.md'];
    for (const target of tried) {
      const response = await request(server.port, target);
      expect(response.status, target).toBe(404);
      expect(response.body, target).not.toContain(secret);
    }
    expect(logger.lines.join('\n')).toMatch(/symbolic link/);
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

describe('startDevServer: the host names it answers to', () => {
  it('should answer 403, naming --allowed-host, to a host name it was not started for (DNS rebinding)', async () => {
    const server = await start();
    const foreign = ['evil.example', `evil.example:${server.port}`, 'localhost.evil.example', '127.0.0.1.evil.example', 'EVIL.example', 'localhost.', 'a b', 'x@127.0.0.1'];
    for (const host of foreign) {
      for (const target of ['/', '/2018/05/25/a/', '/assets/style.css', '/__wiredesk/events', '/nowhere/']) {
        const response = await requestWith(server.port, target, { Host: host });
        expect(response.status, `${host} ${target}`).toBe(403);
        expect(response.body, `${host} ${target}`).toMatch(/--allowed-host/);
        expect(response.body, `${host} ${target}`).not.toMatch(/Story A|color: black/);
      }
    }
  });

  it('should answer to localhost and IP addresses on any port, and to its own bound name', async () => {
    const server = await start();
    for (const host of ['localhost', `localhost:${server.port}`, `127.0.0.1:${server.port}`, '127.0.0.1', `[::1]:${server.port}`, '192.168.1.20:80', 'LOCALHOST']) {
      expect((await requestWith(server.port, '/2018/05/25/a/', { Host: host })).status, host).toBe(200);
    }
    const named = await start({ host: 'localhost' });
    expect((await requestWith(named.port, '/', { Host: `localhost:${named.port}` })).status).toBe(200);
  });

  it('should answer to the allowed hosts, an entry with a leading dot covering the names below it', async () => {
    const server = await start({ allowedHosts: ['preview.example', '.corp.example'] });
    for (const host of ['preview.example', `preview.example:${server.port}`, 'corp.example', 'desk.corp.example', 'a.b.corp.example']) {
      expect((await requestWith(server.port, '/2018/05/25/a/', { Host: host })).status, host).toBe(200);
    }
    for (const host of ['evilcorp.example', 'preview.example.evil', 'sub.preview.example']) {
      expect((await requestWith(server.port, '/2018/05/25/a/', { Host: host })).status, host).toBe(403);
    }
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

  it('should warn, once, that the preview is reachable from other machines when bound beyond loopback', async () => {
    const quiet = memoryLogger();
    await start({ logger: quiet });
    expect(quiet.lines.join('\n')).not.toMatch(/reachable/);
    const logger = memoryLogger();
    const server = await start({ host: '0.0.0.0', logger });
    const warnings = logger.lines.filter((line) => /reachable from other machines/.test(line));
    expect(warnings).toEqual([expect.stringMatching(/0\.0\.0\.0.*unpublished/)]);
    expect((await request(server.port, '/')).status).toBe(200);
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
