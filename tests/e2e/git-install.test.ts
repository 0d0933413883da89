import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../..');
const bin = path.join(repo, 'bin/wiredesk.js');

/** Run `command` in `cwd`, quietly, with npm's output kept short. */
function inFolder(cwd: string, command: string, args: readonly string[]) {
  return run(command, [...args], { cwd, env: { ...process.env, npm_config_loglevel: 'error', npm_config_fund: 'false', npm_config_audit: 'false' }, maxBuffer: 16 * 1024 * 1024 });
}

// npm installs a git dependency by cloning it, installing its dependencies and devDependencies
// there, running its `prepare` (the compile), then packing and installing the result: the one
// slow step here (about a minute), taken once.
describe('wiredesk installed from git (git+file:)', () => {
  let dir: string;
  let site: string;
  let spec: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-git-'));
    const clone = path.join(dir, 'clone');
    // A clone of the repository at its HEAD commit: what is committed is what installs.
    await run('git', ['clone', '--quiet', repo, clone]);
    const { stdout: head } = await run('git', ['rev-parse', 'HEAD'], { cwd: repo });
    spec = `git+file://${clone}#${head.trim()}`;
    // A new site, as `wiredesk init` makes it, then the package from git in place of the registry's.
    site = path.join(dir, 'site');
    await run(process.execPath, [bin, 'init', site]);
    await inFolder(site, 'npm', ['install', '--prefer-offline', spec]);
  }, 600_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('should record the git dependency and install the compiled command', async () => {
    const manifest = JSON.parse(await readFile(path.join(site, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(manifest.dependencies.wiredesk).toBe(spec);
    const version = await inFolder(site, 'npx', ['--no-install', 'wiredesk', '--version']);
    const { version: expected } = JSON.parse(await readFile(path.join(repo, 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout).toBe(`wiredesk ${expected}\n`);
  });

  it('should build the new site with `npx wiredesk build` and `npm run build`', async () => {
    const built = await inFolder(site, 'npx', ['--no-install', 'wiredesk', 'build']);
    expect(built.stdout).toMatch(/^Built 1 story into \d+ pages/);
    // The one thing to say of a new site: its `baseUrl` is still this machine's.
    expect(built.stderr).toMatch(/^site\.yaml:\d+:\d+ {2}warning {2}`baseUrl` is "http:\/\/localhost:4321\/".* {2}local-base-url\n0 errors, 1 warning\n$/);
    const again = await inFolder(site, 'npm', ['run', '--silent', 'build']);
    expect(again.stdout).toMatch(/^Built 1 story into \d+ pages and \d+ feeds in \d+ ms: 0 files written/);
    // The home page links the sample story `init` wrote.
    expect(await readFile(path.join(site, 'dist/index.html'), 'utf8')).toMatch(/<a href="\/\d{4}\/\d\d\/\d\d\/[a-z0-9-]+\/">/);
  });
});
