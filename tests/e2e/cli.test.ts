import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliOutcome } from '../support/cli-build.js';
import { fixtureSite, type FixtureSite } from '../support/fixture-site.js';

/** Run the real CLI (compiled by `npm test`'s `tsc -b`) and return its exit code and output. */
function wiredesk(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return cliOutcome(cwd, args);
}

const sites: FixtureSite[] = [];
afterEach(async () => {
  await Promise.all(sites.splice(0).map((site) => site.remove()));
});

describe('the wiredesk command', () => {
  it('should build with --stories and --out and print a one-line summary', async () => {
    const site = await fixtureSite('-- news/a.md --\n---\ntitle: A\ndate: 2018-05-25T10:00:00Z\n---\nText.\n');
    sites.push(site);
    const result = await wiredesk(['build', '--stories', 'news', '--out', 'public'], site.dir);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Built 1 story into \d+ pages and \d+ feeds in \d+ ms: \d+ files written, 0 unchanged, 0 removed\n$/);
    expect(existsSync(path.join(site.dir, 'public/2018/05/25/a/index.html'))).toBe(true);
  });

  it('should exit 1 and print positioned messages when a story is broken', async () => {
    const site = await fixtureSite('-- stories/a.md --\n---\ntitle: A\ndate: soon\n---\nText.\n');
    sites.push(site);
    const result = await wiredesk(['build'], site.dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('stories/a.md:3:7  error  Unexpected date "soon"');
    expect(existsSync(path.join(site.dir, 'dist'))).toBe(false);
  });

  it('should take --config and --base-url', async () => {
    const site = await fixtureSite('-- conf/news.yaml --\ntitle: Conf News\n-- stories/a.md --\n---\ntitle: A\ndate: 2018-05-25T10:00:00Z\n---\nText.\n');
    sites.push(site);
    const result = await wiredesk(['build', '--config', 'conf/news.yaml', '--base-url', 'https://example.org/wire/'], site.dir);
    expect(result.code).toBe(0);
    const feed = await site.read('feed.xml');
    expect(feed).toContain('<title>Conf News</title>');
    expect(feed).toContain('https://example.org/wire/2018/05/25/a/');
  });

  it('should print help, the version, and refuse unknown commands and flags', async () => {
    const help = await wiredesk(['build', '--help'], process.cwd());
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--base-url URL');
    const version = await wiredesk(['--version'], process.cwd());
    expect(version.stdout).toMatch(/^wiredesk \d+\.\d+\.\d+\n$/);
    expect((await wiredesk(['publish'], process.cwd())).code).toBe(2);
    expect((await wiredesk(['build', '--nope'], process.cwd())).code).toBe(2);
  });

  it('should report a missing settings file named with --config', async () => {
    const site = await fixtureSite('-- stories/a.md --\n---\ntitle: A\ndate: 2018-05-25T10:00:00Z\n---\nText.\n');
    sites.push(site);
    const result = await wiredesk(['build', '--config', 'missing.yaml'], site.dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^missing\.yaml:1:1 {2}error {2}Cannot read the settings file/m);
  });

  it('should import wire copy with `import`, exit 1 on a broken input, and refuse a wrong format', async () => {
    const site = await fixtureSite(
      '-- wire/opec.json --\n{"uri": "urn:example:opec-cut-2018", "headline": "OPEC agrees cut", "versioncreated": "2018-11-27T06:00:00Z", "body_html": "<p>Output falls.</p>"}\n',
    );
    sites.push(site);
    const result = await wiredesk(['import', 'wire/opec.json'], site.dir);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('wrote     stories/2018/11/opec-cut-2018.md  (from wire/opec.json)');
    expect(existsSync(path.join(site.dir, 'stories/2018/11/opec-cut-2018.md'))).toBe(true);
    await site.write('wire/broken.json', '{"uri": ');
    const broken = await wiredesk(['import', 'wire/broken.json'], site.dir);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^wire\/broken\.json:\d+:\d+ {2}error {2}.+ {2}import-malformed$/m);
    expect((await wiredesk(['import', 'wire', '--format', 'xml'], site.dir)).code).toBe(2);
    expect((await wiredesk(['import'], site.dir)).stderr).toContain('Missing what to import');
  });

  it('should refuse a --now that is not a time with an offset, for build and dev alike', async () => {
    for (const command of ['build', 'dev']) {
      const result = await wiredesk([command, '--now', '2018-05-25T10:00'], process.cwd());
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('Invalid --now "2018-05-25T10:00", expected ISO 8601 with offset');
    }
  });

  it('should refuse --drafts for build: embargoed and withheld stories are never built', async () => {
    const site = await fixtureSite('-- stories/a.md --\n---\ntitle: A\ndate: 2018-05-25T10:00:00Z\nstatus: withheld\n---\nText.\n');
    sites.push(site);
    const result = await wiredesk(['build', '--drafts'], site.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--drafts is for `wiredesk dev` only');
    expect(existsSync(path.join(site.dir, 'dist'))).toBe(false);
  });

  it('should print the help of one command with `<command> --help` and `help <command>`', async () => {
    const build = await wiredesk(['build', '--help'], process.cwd());
    expect(build).toMatchObject({ code: 0, stderr: '' });
    expect(build.stdout).toMatch(/^Usage: wiredesk build \[options\]\n/);
    expect(build.stdout).toContain('--out DIR');
    expect(build.stdout).toContain('exits 3 when it left any out');
    expect(build.stdout).not.toContain('--port');
    const dev = await wiredesk(['help', 'dev'], process.cwd());
    expect(dev.code).toBe(0);
    expect(dev.stdout).toMatch(/^Usage: wiredesk dev \[options\]\n/);
    expect(dev.stdout).toContain('--port N');
    expect(dev.stdout).not.toContain('--keep-going');
    const all = await wiredesk(['--help'], process.cwd());
    expect(all.stdout).toMatch(/^ {2}import <file\|folder\|-> +Turn wire copy/m);
    expect(all.stdout).toContain('Run `wiredesk <command> --help` for the options of a command.');
  });

  it('should refuse a mistyped flag or command in one line with a suggestion, and exit 2', async () => {
    const flag = await wiredesk(['build', '--otu', 'public'], process.cwd());
    expect(flag).toEqual({ code: 2, stdout: '', stderr: 'Unknown option --otu for `wiredesk build`; did you mean --out?\n' });
    const command = await wiredesk(['biuld'], process.cwd());
    expect(command).toEqual({ code: 2, stdout: '', stderr: 'Unknown command "biuld"; did you mean `wiredesk build`?\n' });
    const far = await wiredesk(['publish'], process.cwd());
    expect(far).toEqual({ code: 2, stdout: '', stderr: 'Unknown command "publish"; see `wiredesk --help` for the commands\n' });
  });

  it("should refuse another command's flags in one line, exit 2 and build nothing", async () => {
    const site = await fixtureSite('-- stories/a.md --\n---\ntitle: A\ndate: 2018-05-25T10:00:00Z\n---\nText.\n');
    sites.push(site);
    const result = await wiredesk(['build', '--port', '9000', '--force'], site.dir);
    expect(result).toEqual({ code: 2, stdout: '', stderr: '--port is for `wiredesk dev` and `wiredesk preview` only, not `wiredesk build`; see `wiredesk build --help`\n' });
    expect(existsSync(path.join(site.dir, 'dist'))).toBe(false);
    const imported = await wiredesk(['import', 'wire', '--keep-going'], site.dir);
    expect(imported.stderr).toBe('--keep-going is for `wiredesk build` only, not `wiredesk import`; see `wiredesk import --help`\n');
  });

  it('should exit 3 when --keep-going published the site but left broken stories out', async () => {
    const site = await fixtureSite('-- stories/a.md --\n---\ntitle: A\ndate: 2018-05-25T10:00:00Z\n---\nText.\n-- stories/b.md --\n---\ntitle: B\ndate: soon\n---\nText.\n');
    sites.push(site);
    const result = await wiredesk(['build', '--keep-going'], site.dir);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('Left out 1 broken story (--keep-going): stories/b.md');
    expect(existsSync(path.join(site.dir, 'dist/2018/05/25/a/index.html'))).toBe(true);
    await site.write('stories/b.md', '---\ntitle: B\ndate: 2018-05-25T11:00:00Z\n---\nText.\n');
    expect((await wiredesk(['build', '--keep-going'], site.dir)).code).toBe(0);
  });

  it('should say in one line that there is no stories folder, exit 2 and leave nothing behind', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-empty-'));
    try {
      await writeFile(path.join(dir, 'notes.txt'), 'not a site\n');
      for (const command of ['build', 'dev']) {
        const result = await wiredesk([command], dir);
        expect(result).toEqual({ code: 2, stdout: '', stderr: 'No stories folder "stories" here: run wiredesk in a site\'s folder, or pass --stories DIR\n' });
      }
      const named = await wiredesk(['build', '--stories', 'news'], dir);
      expect(named.stderr).toBe('No stories folder "news" here: run wiredesk in a site\'s folder, or pass --stories DIR\n');
      expect(readdirSync(dir)).toEqual(['notes.txt']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
