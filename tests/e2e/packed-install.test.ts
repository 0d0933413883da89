import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../..');

/** Run `command` in `cwd`, quietly, with npm's output kept short. */
function inFolder(cwd: string, command: string, args: readonly string[]) {
  return run(command, [...args], { cwd, env: { ...process.env, npm_config_loglevel: 'error', npm_config_fund: 'false', npm_config_audit: 'false' }, maxBuffer: 16 * 1024 * 1024 });
}

describe('the packed package, installed into an empty folder', () => {
  let dir: string;
  let tarball: string;
  let listed: string[];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-packed-'));
    // `npm test` compiled lib/ already; `prepack` would compile again under the feet of the other tests.
    const packed = await inFolder(repo, 'npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir]);
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    if (!info) throw new Error('npm pack printed no package');
    tarball = path.join(dir, info.filename);
    listed = info.files.map((file) => file.path);
    const site = path.join(dir, 'site');
    await mkdir(path.join(site, 'stories'), { recursive: true });
    await writeFile(path.join(site, 'package.json'), '{ "private": true }\n');
    await writeFile(path.join(site, 'stories/hello.md'), '---\ntitle: Hello from the package\ndate: 2026-12-06T10:00:00Z\ntags: [Desk]\n---\n\nThe first paragraph.\n');
    await inFolder(site, 'npm', ['install', '--prefer-offline', tarball]);
  }, 300_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('should ship what runs, the stylesheet, the nginx config and the license, and no tests, benchmarks or sources', () => {
    expect(listed).toEqual(expect.arrayContaining(['bin/wiredesk.js', 'lib/src/bundle/cli.js', 'lib/src/bundle/model-worker.js', 'templates/assets/style.css', 'deploy/nginx.conf', 'LICENSE', 'README.md', 'package.json']));
    expect(listed.filter((file) => /^(tests|bench|src)\//.test(file) || file.endsWith('.ts') || file.endsWith('.tsx'))).toEqual([]);
  });

  it('should print its version and build a site with the installed command', async () => {
    const site = path.join(dir, 'site');
    const version = await inFolder(site, 'npx', ['--no-install', 'wiredesk', '--version']);
    const { version: expected } = JSON.parse(await readFile(path.join(repo, 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout.trim()).toBe(`wiredesk ${expected}`);
    const built = await inFolder(site, 'npx', ['--no-install', 'wiredesk', 'build']);
    expect(built.stdout).toMatch(/^Built 1 story into \d+ pages/);
    const page = await readFile(path.join(site, 'dist/2026/12/06/hello/index.html'), 'utf8');
    expect(page).toContain('<h1>Hello from the package</h1>');
    expect((await readdir(path.join(site, 'dist/assets'))).filter((file) => /^style\.[0-9a-f]{10}\.css$/.test(file))).toHaveLength(1);
    expect(await readdir(path.join(site, 'dist/tags'))).toContain('desk');
  });

  it('should make a site with the installed `init` that `npm run build` builds once the package is installed in it', async () => {
    const command = path.join(dir, 'site/node_modules/wiredesk/bin/wiredesk.js');
    await inFolder(dir, process.execPath, [command, 'init', 'fresh']);
    const fresh = path.join(dir, 'fresh');
    // The package is not on the registry: the tarball takes the place of `^version` in the new package.json.
    await inFolder(fresh, 'npm', ['install', '--prefer-offline', tarball]);
    const built = await inFolder(fresh, 'npm', ['run', '--silent', 'build']);
    expect(built.stdout).toMatch(/^Built 1 story into \d+ pages/);
    expect(built.stderr).toBe('');
  }, 300_000);
});
