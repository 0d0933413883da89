import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../src/report/logger.js';
import { fakeSite, request, secret, start, useDevServerFixtures } from '../support/dev-server-fixtures.js';

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
