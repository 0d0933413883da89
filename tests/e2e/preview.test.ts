import { execFile, spawn } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { preview, type PreviewSession } from '../../src/commands/preview.js';
import { memoryLogger } from '../../src/report/logger.js';
import { request, requestWith } from '../support/dev-server-fixtures.js';
import { fixtureStory, siteMaker, type FixtureSite } from '../support/fixture-site.js';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../bin/wiredesk.js');
const site = siteMaker();
const sessions: PreviewSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.close()));
});

/** Build a two-story site, with `extra` fixture blocks (a `site.yaml`, say). */
async function builtSite(extra = '', baseUrl?: string): Promise<FixtureSite> {
  const made = await site(`${fixtureStory('alpha', 24, 'tags: [Wire]')}${fixtureStory('beta', 25)}${extra}`);
  const built = await made.build(baseUrl === undefined ? {} : { baseUrl });
  expect(built.ok).toBe(true);
  return made;
}

/** Start the preview of `made` in-process on a free port and return that port. */
async function start(made: FixtureSite, options: { baseUrl?: string; allowedHosts?: string[] } = {}): Promise<{ port: number; lines: string[] }> {
  const logger = memoryLogger();
  const outcome = await preview({ cwd: made.dir, port: 0, logger, baseUrl: options.baseUrl, allowedHosts: options.allowedHosts });
  if (!('session' in outcome)) throw new Error(`the preview did not start: ${JSON.stringify(outcome)}`);
  sessions.push(outcome.session);
  return { port: Number(new URL(outcome.session.url).port), lines: logger.lines };
}

/** Start `wiredesk preview --port 0` with `args` through the CLI; its address once it serves, and how to stop it (its exit code). */
async function startPreviewProcess(dir: string, args: readonly string[] = []): Promise<{ port: number; stop(): Promise<number | null> }> {
  const child = spawn(process.execPath, [bin, 'preview', '--port', '0', ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stdout = '';
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        const found = /serving dist at (http:\/\/\S+?),/.exec(stdout);
        if (found?.[1] !== undefined) resolve(found[1]);
      });
      child.once('exit', () => reject(new Error(`exited before serving: ${stdout}`)));
    });
    return { port: Number(new URL(url).port), stop: () => (child.kill('SIGTERM'), exited) };
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
}

describe('wiredesk preview', () => {
  it('should serve the home page, a story page and the stylesheet with their content types', async () => {
    const made = await builtSite();
    const { port } = await start(made);
    const home = await request(port, '/');
    expect(home.status).toBe(200);
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(home.body).toBe(await made.read(''));
    const files = await made.files();
    const story = files.find((file) => file.endsWith(`alpha${path.sep}index.html`));
    expect(story).toBeDefined();
    const storyPath = `/${path
      .dirname(story ?? '')
      .split(path.sep)
      .join('/')}/`;
    const page = await request(port, storyPath);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Story ALPHA');
    const stylesheet = files.find((file) => file.endsWith('.css'));
    expect(stylesheet).toBeDefined();
    const css = await request(port, `/${(stylesheet ?? '').split(path.sep).join('/')}`);
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const headOnly = await request(port, storyPath, 'HEAD');
    expect(headOnly.status).toBe(200);
    expect(headOnly.body).toBe('');
    expect(Number(headOnly.headers['content-length'])).toBe(Buffer.byteLength(page.body));
  });

  it('should redirect a folder without its slash, and answer a missing path with the site 404 page', async () => {
    const made = await builtSite();
    const { port } = await start(made);
    const tags = await request(port, '/tags?x=1');
    expect(tags.status).toBe(301);
    expect(tags.headers.location).toBe('/tags/?x=1');
    const missing = await request(port, '/no/such/page/');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(missing.body).toBe(await made.read('404.html'));
  });

  it('should answer 304 to a request whose ETag still matches, and the file once it changed', async () => {
    const made = await builtSite();
    const { port } = await start(made);
    const first = await request(port, '/');
    const etag = first.headers.etag ?? '';
    expect(etag).not.toBe('');
    expect(first.headers['last-modified']).toBeDefined();
    const again = await requestWith(port, '/', { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    await made.write('stories/gamma.md', fixtureStory('gamma', 26).replace(/^\n-- .* --\n/, ''));
    expect((await made.build()).ok).toBe(true);
    const changed = await requestWith(port, '/', { 'If-None-Match': etag });
    expect(changed.status).toBe(200);
    expect(changed.body).toContain('Story GAMMA');
  });

  it('should serve a build made while it runs at once', async () => {
    const made = await builtSite();
    const { port } = await start(made);
    expect((await request(port, '/')).body).not.toContain('Story GAMMA');
    await made.write('stories/gamma.md', fixtureStory('gamma', 26).replace(/^\n-- .* --\n/, ''));
    expect((await made.build()).ok).toBe(true);
    expect((await request(port, '/')).body).toContain('Story GAMMA');
  });

  it('should serve nothing outside the output folder, whatever the spelling or a link inside it', async () => {
    const made = await builtSite();
    await writeFile(path.join(made.dir, 'secret.txt'), 'SECRET');
    const real = path.join(made.dir, 'dist', 'index.html');
    await mkdir(path.join(real, '..', 'leak'), { recursive: true });
    await symlink(path.join(made.dir, 'secret.txt'), path.join(real, '..', 'leak.txt'));
    await symlink(made.dir, path.join(real, '..', 'leak', 'up'));
    const { port, lines } = await start(made);
    for (const target of ['/../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E%2Fsecret.txt', '/.%2e/secret.txt', '/leak.txt', '/leak/up/secret.txt', '/..%5csecret.txt']) {
      const answer = await request(port, target);
      expect([400, 404], target).toContain(answer.status);
      expect(answer.body, target).not.toContain('SECRET');
    }
    expect(lines.some((line) => line.includes('not serving leak.txt'))).toBe(true);
  });

  it('should refuse a request for a foreign host name', async () => {
    const made = await builtSite();
    const { port } = await start(made);
    const answer = await requestWith(port, '/', { Host: 'attacker.example:4322' });
    expect(answer.status).toBe(403);
    expect(answer.body).not.toContain('Story ALPHA');
    expect((await requestWith(port, '/', { Host: `localhost:${port}` })).status).toBe(200);
  });

  it('should answer the names --allowed-host lists, a domain with its leading dot and every name below it, and name the flag when it refuses', async () => {
    const made = await builtSite();
    const { port } = await start(made, { allowedHosts: ['preview.example', '.example.com'] });
    for (const name of ['preview.example', 'PREVIEW.example', 'example.com', 'news.example.com', 'a.b.example.com', '127.0.0.1', 'localhost', '[::1]']) {
      const answer = await requestWith(port, '/', { Host: `${name}:${port}` });
      expect(answer.status, name).toBe(200);
      expect(answer.body, name).toContain('Story ALPHA');
    }
    for (const name of ['other.example', 'preview.example.net', 'badexample.com', 'example.com.evil']) {
      const answer = await requestWith(port, '/', { Host: `${name}:${port}` });
      expect(answer.status, name).toBe(403);
      expect(answer.body, name).toContain(`does not answer to the host "${name}:${port}"; to allow a name, start it with --allowed-host NAME`);
    }
  });

  it('should take --allowed-host on the command line, and refuse a value that is no host name with exit 2', async () => {
    const made = await builtSite();
    const served = await startPreviewProcess(made.dir, ['--allowed-host', 'desk.example', '--allowed-host', '.newsroom.example']);
    try {
      expect((await requestWith(served.port, '/', { Host: 'desk.example' })).status).toBe(200);
      expect((await requestWith(served.port, '/', { Host: 'wire.newsroom.example' })).status).toBe(200);
      expect((await requestWith(served.port, '/', { Host: 'attacker.example' })).status).toBe(403);
    } finally {
      await served.stop();
    }
    const refused = await run(process.execPath, [bin, 'preview', '--allowed-host', 'http://x/'], { cwd: made.dir }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('Invalid --allowed-host "http://x/", expected a host name such as preview.example or .example.com\n');
  });

  it("should serve the site under its base URL's path, and send / there", async () => {
    const made = await builtSite('\n-- site.yaml --\nbaseUrl: https://example.com/news/\n');
    const { port } = await start(made);
    const root = await request(port, '/');
    expect(root.status).toBe(301);
    expect(root.headers.location).toBe('/news/');
    const home = await request(port, '/news/');
    expect(home.status).toBe(200);
    expect(home.body).toBe(await made.read(''));
    expect((await request(port, '/news/tags')).headers.location).toBe('/news/tags/');
    expect((await request(port, '/tags/')).status).toBe(404);
  });

  it('should take --base-url over site.yaml', async () => {
    const made = await builtSite('', 'https://example.com/wire/');
    const { port } = await start(made, { baseUrl: 'https://example.com/wire/' });
    expect((await request(port, '/wire/')).status).toBe(200);
    expect((await request(port, '/')).headers.location).toBe('/wire/');
  });

  it('should not start, and say why at the setting, when the settings have errors', async () => {
    const made = await builtSite();
    await made.write('site.yaml', 'baseUrl: 42\n');
    const logger = memoryLogger();
    const outcome = await preview({ cwd: made.dir, port: 0, logger });
    expect(outcome).toEqual({ failed: 'the settings have errors' });
    expect(logger.lines.join('\n')).toMatch(/^site\.yaml:1:\d+ +error /m);
  });

  it('should serve through the CLI until SIGTERM, then exit 0', async () => {
    const made = await builtSite();
    const served = await startPreviewProcess(made.dir);
    let status: number | undefined;
    try {
      status = (await request(served.port, '/')).status;
    } finally {
      expect(await served.stop()).toBe(0);
    }
    expect(status).toBe(200);
  });

  it('should refuse in one line with exit 2 when there is no output folder', async () => {
    const made = await site(fixtureStory('alpha', 24));
    const failed = await run(process.execPath, [bin, 'preview'], { cwd: made.dir }).then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failed.code).toBe(2);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toBe('Nothing to preview in "dist": run wiredesk build first\n');
  });
});
