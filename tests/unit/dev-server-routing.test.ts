import { describe, expect, it } from 'vitest';
import { contentTypeOf } from '../../src/dev/content-type.js';
import { fakeSite, request, start, useDevServerFixtures } from '../support/dev-server-fixtures.js';

useDevServerFixtures();

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
