import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, symlink } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheControl } from '../../src/pages/headers-page.js';
import { launchBrowser } from '../support/browser.js';
import { cliBuildOutcome } from '../support/cli-build.js';
import { fixtureSite, fixtureStory, type FixtureSite } from '../support/fixture-site.js';
import { parsePage } from '../support/html.js';
import { repoNginxConf, startNginx, type NginxServer } from '../support/nginx.js';

/** A response as it came over the wire: status, headers and the undecoded body. */
interface RawResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

function get(origin: string, urlPath: string, headers: http.OutgoingHttpHeaders = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    http
      .get(`${origin}${urlPath}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

const stories = [1, 2, 3, 4, 5].map((day) => fixtureStory(`s${day}`, day, 'section: Business\ntags: [Japan]')).join('');

describe('the built site served by nginx with the repo config', () => {
  let fixture: FixtureSite;
  let nginx: NginxServer;
  let browser: Browser | undefined;
  const dist = () => path.join(fixture.dir, 'dist');

  beforeAll(async () => {
    fixture = await fixtureSite(`-- site.yaml --\ntitle: Nginx Desk\nbaseUrl: http://localhost/\npageSize: 2\nheaders: true\n${stories}`);
    // nginx started as root serves as `nobody`: the site's folder must be readable by all, as a web root is.
    await chmod(fixture.dir, 0o755);
    const built = await cliBuildOutcome(fixture.dir, []);
    expect(built.code, built.stderr).toBe(0);
    // `dist` as the build leaves it (a link or a folder): nginx is pointed at the output path either way.
    nginx = await startNginx(dist());
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await nginx?.stop();
    await fixture?.remove();
  });

  it('should serve pages as HTML with the front-page and story cache rules', async () => {
    const home = await get(nginx.origin, '/');
    expect(home.status).toBe(200);
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(home.headers['cache-control']).toBe(cacheControl.front);
    expect(home.headers['x-content-type-options']).toBe('nosniff');
    expect(home.body.toString()).toBe(await readFile(path.join(dist(), 'index.html'), 'utf8'));
    const story = await get(nginx.origin, '/2018/05/03/s3/');
    expect(story.status).toBe(200);
    expect(story.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(story.headers['cache-control']).toBe(cacheControl.revalidate);
    expect(parsePage(story.body.toString()).text('h1')).toBe('Story S3');
    const section = await get(nginx.origin, '/sections/business/');
    expect([section.status, section.headers['cache-control']]).toEqual([200, cacheControl.front]);
  });

  it('should keep archive pages for a day', async () => {
    for (const archive of ['/page/1/', '/sections/business/page/2/', '/tags/japan/page/1/']) {
      const response = await get(nginx.origin, archive);
      expect([response.status, response.headers['cache-control']], archive).toEqual([200, cacheControl.archive]);
    }
  });

  it('should redirect a page asked for without its trailing slash to the slash form', async () => {
    for (const target of ['/2018/05/03/s3', '/tags/japan', '/page/1']) {
      const response = await get(nginx.origin, target);
      expect(response.status, target).toBe(301);
      expect(response.headers.location, target).toBe(`${target}/`);
    }
  });

  it('should answer a missing page with 404 and the site’s 404 page', async () => {
    const missing = await get(nginx.origin, '/2018/05/03/nowhere/');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(missing.body.toString()).toBe(await readFile(path.join(dist(), '404.html'), 'utf8'));
    expect((await get(nginx.origin, '/page/99/')).status).toBe(404);
    // The rules for Netlify and Cloudflare Pages are not served.
    expect((await get(nginx.origin, '/_headers')).status).toBe(404);
  });

  it('should keep the fingerprinted stylesheet for good, and feeds for a minute with their media types', async () => {
    const [href] = parsePage((await get(nginx.origin, '/')).body.toString()).attrs('link[rel=stylesheet]', 'href');
    expect(href).toMatch(/^\/assets\/style\.[0-9a-f]{10}\.css$/);
    const stylesheet = await get(nginx.origin, href ?? '');
    expect(stylesheet.status).toBe(200);
    expect(stylesheet.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(stylesheet.headers['cache-control']).toBe(cacheControl.fingerprinted);
    const feeds: readonly [string, string][] = [
      ['/feed.xml', 'application/rss+xml; charset=utf-8'],
      ['/atom.xml', 'application/atom+xml; charset=utf-8'],
      ['/feed.json', 'application/feed+json; charset=utf-8'],
      ['/tags/japan/feed.xml', 'application/rss+xml; charset=utf-8'],
      ['/sections/business/feed.json', 'application/feed+json; charset=utf-8'],
    ];
    for (const [feed, type] of feeds) {
      const response = await get(nginx.origin, feed);
      expect([response.status, response.headers['content-type'], response.headers['cache-control']], feed).toEqual([200, type, cacheControl.front]);
    }
    for (const file of ['/sitemap.xml', '/news-sitemap.xml', '/robots.txt', '/search/']) {
      expect((await get(nginx.origin, file)).headers['cache-control'], file).toBe(cacheControl.front);
    }
  });

  it('should compress text for a client that accepts gzip', async () => {
    for (const target of ['/', '/feed.xml', '/feed.json']) {
      const response = await get(nginx.origin, target, { 'Accept-Encoding': 'gzip' });
      expect(response.headers['content-encoding'], target).toBe('gzip');
      expect(response.headers.vary, target).toContain('Accept-Encoding');
      const file = target === '/' ? 'index.html' : target.slice(1);
      expect(gunzipSync(response.body).toString(), target).toBe(await readFile(path.join(dist(), file), 'utf8'));
    }
  });

  it('should render the home page with its stylesheet in headless Chromium', async () => {
    browser = await launchBrowser();
    const page = await browser.newPage();
    const response = await page.goto(`${nginx.origin}/`);
    expect(response?.status()).toBe(200);
    expect(await page.locator('.site-title').first().textContent()).toBe('Nginx Desk');
    // Only the stylesheet sets these: the browser's own style has an 8px body margin and no header border.
    // (Evaluated in the page, where `document` is; this project's TypeScript has no DOM types.)
    const styled: unknown = await page.evaluate(`({
      bodyMargin: getComputedStyle(document.body).marginTop,
      headerBorder: getComputedStyle(document.querySelector('.site-header')).borderBottomWidth,
      sheets: [...document.styleSheets].filter((sheet) => sheet.href && sheet.href.includes('/assets/style.')).length,
    })`);
    expect(styled).toEqual({ bodyMargin: '0px', headerBorder: '3px', sheets: 1 });
  });
});

/** The edits docs/deploying.md gives for a site under `/news/` ("A site under a path"), as `sed` arguments. */
const subPathEdits = ['-e', 's|"\\^/|"^/news/|', '-e', 's|location = /_headers|location = /news/_headers|', '-e', 's|error_page 404 /404.html|error_page 404 /news/404.html|'];

describe('a site under a path served by nginx with the repo config edited as documented', () => {
  let fixture: FixtureSite;
  let nginx: NginxServer;

  beforeAll(async () => {
    fixture = await fixtureSite(`-- site.yaml --\nbaseUrl: http://localhost/news/\npageSize: 2\n${stories}`);
    await chmod(fixture.dir, 0o755);
    const built = await cliBuildOutcome(fixture.dir, []);
    expect(built.code, built.stderr).toBe(0);
    // root is a folder whose `news` is a link to the output folder, as the docs say.
    const root = path.join(fixture.dir, 'www');
    await mkdir(root);
    await symlink(path.join(fixture.dir, 'dist'), path.join(root, 'news'));
    const { stdout: edited } = await promisify(execFile)('sed', [...subPathEdits, repoNginxConf]);
    nginx = await startNginx(root, edited);
  }, 60_000);

  afterAll(async () => {
    await nginx?.stop();
    await fixture?.remove();
  });

  it('should give the docs the same edits as this test', async () => {
    const docs = await readFile(path.resolve(import.meta.dirname, '../../docs/deploying.md'), 'utf8');
    const documented = /^sed (-e '[^']+'[ \\\n]*)+/m.exec(docs)?.[0] ?? '';
    expect([...documented.matchAll(/-e '([^']+)'/g)].map((match) => ['-e', match[1]]).flat()).toEqual(subPathEdits);
  });

  it('should serve pages, archive pages and the stylesheet under the path with their cache rules', async () => {
    const home = await get(nginx.origin, '/news/');
    expect([home.status, home.headers['cache-control']]).toEqual([200, cacheControl.front]);
    const [href = ''] = parsePage(home.body.toString()).attrs('link[rel=stylesheet]', 'href');
    expect(href).toMatch(/^\/news\/assets\/style\.[0-9a-f]{10}\.css$/);
    expect((await get(nginx.origin, href)).headers['cache-control']).toBe(cacheControl.fingerprinted);
    expect((await get(nginx.origin, '/news/tags/japan/page/1/')).headers['cache-control']).toBe(cacheControl.archive);
    expect((await get(nginx.origin, '/news/feed.xml')).headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    const story = await get(nginx.origin, '/news/2018/05/03/s3/');
    expect([story.status, story.headers['cache-control']]).toEqual([200, cacheControl.revalidate]);
  });

  it('should redirect to the slash form and answer a missing page with the site’s 404 page', async () => {
    const redirect = await get(nginx.origin, '/news/2018/05/03/s3');
    expect([redirect.status, redirect.headers.location]).toEqual([301, '/news/2018/05/03/s3/']);
    const missing = await get(nginx.origin, '/news/nowhere/');
    expect(missing.status).toBe(404);
    expect(missing.body.toString()).toBe(await readFile(path.join(fixture.dir, 'dist/404.html'), 'utf8'));
    expect((await get(nginx.origin, '/news/_headers')).status).toBe(404);
  });
});
