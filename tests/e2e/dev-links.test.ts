import { execFile } from 'node:child_process';
import { mkdir, rename, symlink } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { requestWith } from '../support/dev-server-fixtures.js';
import { devSessions } from '../support/dev-process.js';

const secret = 'SECRET-OUTSIDE-THE-STORIES';
const story = (title: string, day: number, frontMatter = '') => `---\ntitle: ${title}\ndate: 2018-05-0${day}T10:00:00Z\n${frontMatter}---\n\nBody of ${title}.\n`;
const bin = path.resolve(import.meta.dirname, '../../bin/wiredesk.js');

const dev = devSessions();

const portOf = (url: string) => Number(new URL(url).port);

describe('wiredesk dev and symbolic links', () => {
  it('should neither serve nor read what a stories folder swapped for a link leads to, while it runs', async () => {
    const fixture = await dev.site(
      [
        '-- stories/desk/a.md --',
        story('Story A', 1, 'image:\n  src: pics/photo.png\n  alt: A photo\n'),
        '-- stories/desk/pics/photo.png --',
        'PNG-INSIDE',
        '-- stories/c.md --',
        story('Story C', 2),
        '-- outside/a.md --',
        story(secret, 1, 'image:\n  src: pics/photo.png\n  alt: A photo\n'),
        '-- outside/pics/photo.png --',
        secret,
        '-- outside/passwd --',
        secret,
      ].join('\n'),
    );
    const server = await dev.serve(fixture);
    const port = portOf(server.url);
    const get = (sitePath: string) => requestWith(port, `/${sitePath}`, {});
    expect((await get('media/desk/pics/photo.png')).body).toBe('PNG-INSIDE\n');

    await mkdir(path.join(fixture.dir, 'old'));
    await rename(path.join(fixture.dir, 'stories/desk'), path.join(fixture.dir, 'old/desk'));
    await symlink(path.join(fixture.dir, 'outside'), path.join(fixture.dir, 'stories/desk'));
    await server.waitForLine(/stories\/desk\S* changed/);

    const tried = ['media/desk/pics/photo.png', 'media/desk/passwd', 'desk/passwd', '', '2018/05/01/a/', 'feed.xml', 'search/', 'pagefind/pagefind-entry.json'];
    for (const sitePath of tried) expect((await get(sitePath)).body, sitePath).not.toContain(secret);
    expect((await get('media/desk/pics/photo.png')).status).toBe(404);
    expect(server.lines.join('\n')).not.toContain(secret);
  });

  it('should read nothing more once the stories folder itself was swapped for a link, and say so', async () => {
    const fixture = await dev.site(
      [
        '-- stories/a.md --',
        story('Story A', 1, 'image:\n  src: photo.png\n  alt: A photo\n'),
        '-- stories/photo.png --',
        'PNG-INSIDE',
        '-- outside/a.md --',
        story(secret, 1, 'image:\n  src: photo.png\n  alt: A photo\n'),
        '-- outside/photo.png --',
        secret,
      ].join('\n'),
    );
    const server = await dev.serve(fixture);
    const port = portOf(server.url);
    const get = (sitePath: string) => requestWith(port, `/${sitePath}`, {});
    expect((await get('media/photo.png')).body).toBe('PNG-INSIDE\n');

    await rename(path.join(fixture.dir, 'stories'), path.join(fixture.dir, 'old-stories'));
    await symlink(path.join(fixture.dir, 'outside'), path.join(fixture.dir, 'stories'));
    await server.waitForLine(/stories is no longer the folder the preview started with/);
    // A settings change would read every story afresh: it is refused too.
    const refusals = () => server.lines.filter((line) => /no longer the folder/.test(line)).length ?? 0;
    const before = refusals();
    await fixture.write('site.yaml', 'title: Changed settings\n');
    await expect.poll(refusals, { timeout: 10_000 }).toBeGreaterThan(before);

    for (const sitePath of ['media/photo.png', '', '2018/05/01/a/', 'feed.xml']) expect((await get(sitePath)).body, sitePath).not.toContain(secret);
    expect((await get('media/photo.png')).status).toBe(404);
    expect(server.lines.join('\n')).not.toContain(secret);
  });

  it('should answer only its own host names and the --allowed-host ones', async () => {
    const fixture = await dev.site(['-- stories/a.md --', story('Story A', 1)].join('\n'));
    const server = await dev.serve(fixture, ['--allowed-host', 'preview.example', '--allowed-host', '.corp.example']);
    const port = portOf(server.url);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'preview.example', 'desk.corp.example']) {
      expect((await requestWith(port, '/2018/05/01/a/', { Host: host })).status, host).toBe(200);
    }
    const refused = await requestWith(port, '/2018/05/01/a/', { Host: 'evil.example' });
    expect(refused.status).toBe(403);
    expect(refused.body).not.toContain('Story A');
    expect(server.lines.join('\n')).not.toMatch(/reachable from other machines/);
  });

  it('should warn when it listens beyond this machine', async () => {
    const fixture = await dev.site(['-- stories/a.md --', story('Story A', 1)].join('\n'));
    const server = await dev.serve(fixture, ['--host', '0.0.0.0']);
    // The warning goes to stderr, the address to stdout: they may arrive in either order.
    await server.waitForLine(/listening on 0\.0\.0\.0, so the preview is reachable from other machines and serves unpublished copy/);
    expect((await requestWith(portOf(server.url), '/', {})).status).toBe(200);
  });

  it('should refuse an --allowed-host that is not a host name', async () => {
    const fixture = await dev.site(['-- stories/a.md --', story('Story A', 1)].join('\n'));
    const outcome = await promisify(execFile)(process.execPath, [bin, 'dev', '--port', '0', '--allowed-host', 'evil.example/x'], { cwd: fixture.dir }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/Invalid --allowed-host "evil\.example\/x"/);
  });
});
