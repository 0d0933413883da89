import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { select } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { afterAll, describe, expect, it } from 'vitest';
import { cliOutcome } from '../support/cli-build.js';
import { parse } from 'yaml';
import { init } from '../../src/commands/init.js';
import { newStory } from '../../src/commands/new.js';
import { memoryLogger } from '../../src/report/logger.js';

/** Run the compiled command in `cwd`; never throws, returns the exit code and both outputs. */
function wiredesk(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cliOutcome(cwd, args, { NO_COLOR: '1' });
}

/** Every file under `dir`, relative to it with `/`, sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** The temporary folders the tests made: removed once they have run. */
const made: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-init-'));
  made.push(dir);
  return dir;
};
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

/** The `steps` of a parsed workflow's job. */
type Step = { uses?: string; run?: string; id?: string; with?: Record<string, unknown>; env?: Record<string, string> };

describe('wiredesk init', () => {
  it('should make a site in a new folder that builds with no message at all, and say what to do next', async () => {
    const root = await tempDir();
    const made = await wiredesk(root, 'init', 'news');
    expect(made.code, made.stderr).toBe(0);
    const site = path.join(root, 'news');
    const files = await filesUnder(site);
    expect(files).toEqual([
      '.github/workflows/pages.yml',
      '.gitignore',
      'package.json',
      'pages/about.md',
      'site.yaml',
      'static/favicon.ico',
      expect.stringMatching(/^stories\/\d{4}\/\d\d\/welcome-to-your-newsroom\.md$/),
    ]);
    for (const file of files) expect(made.stdout).toContain(`  ${file}`);
    expect(made.stdout).toMatch(/cd news\n\s+npm install\n\s+npm run dev/);
    // The one message: the baseUrl `init` writes is this machine's, until the owner sets the site's own.
    const built = await wiredesk(site, 'build');
    expect(built.code).toBe(0);
    expect(built.stderr).toMatch(/^site\.yaml:10:10 {2}warning {2}`baseUrl` is "http:\/\/localhost:4321\/", an address of this machine: .* {2}local-base-url\n0 errors, 1 warning\n$/);
    expect(built.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^Built 1 story into /)]);
    // The About page with the site's chrome, in the sitemap; the favicon as it is.
    expect(await readFile(path.join(site, 'dist/about/index.html'), 'utf8')).toMatch(/<header class="site-header">[\s\S]*<h1>About us<\/h1>/);
    expect(await readFile(path.join(site, 'dist/sitemap.xml'), 'utf8')).toContain('<loc>http://localhost:4321/about/</loc>');
    expect(await readFile(path.join(site, 'dist/favicon.ico'))).toEqual(await readFile(path.join(site, 'static/favicon.ico')));
    // Given the site's address, the build has nothing to say.
    expect((await wiredesk(site, 'build', '--base-url', 'https://news.example.com/')).stderr).toBe('');
  });

  it('should write a 16×16, 32-bit favicon.ico and a site.yaml that names its JSON Schema on its first line', async () => {
    const dir = path.join(await tempDir(), 'site');
    await init({ dir, logger: memoryLogger() });
    const icon = await readFile(path.join(dir, 'static/favicon.ico'));
    // ICONDIR (reserved 0, type 1, one image), then its entry: 16×16, 32 bits a pixel, its bytes right after the entry.
    expect([icon.readUInt16LE(0), icon.readUInt16LE(2), icon.readUInt16LE(4), icon[6], icon[7], icon.readUInt16LE(12)]).toEqual([0, 1, 1, 16, 16, 32]);
    expect(icon.readUInt32LE(18) + icon.readUInt32LE(14)).toBe(icon.byteLength);
    expect(icon.readUInt32LE(22)).toBe(40);
    const settings = await readFile(path.join(dir, 'site.yaml'), 'utf8');
    expect(settings.split('\n')[0]).toBe('# yaml-language-server: $schema=./node_modules/wiredesk/schemas/site.schema.json');
  });

  it('should write settings a new site wants, a package that depends on wiredesk, and a .gitignore of what builds make', async () => {
    const dir = path.join(await tempDir(), 'site');
    const outcome = await init({ dir, timezone: 'Asia/Kolkata', now: Date.parse('2026-03-01T20:15:30Z'), logger: memoryLogger() });
    expect(outcome.refused).toBeUndefined();
    const settings = parse(await readFile(path.join(dir, 'site.yaml'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(settings).sort()).toEqual(['baseUrl', 'description', 'feedSize', 'language', 'pageSize', 'permalink', 'search', 'timezone', 'title']);
    expect(settings.timezone).toBe('Asia/Kolkata');
    const manifest = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toEqual({ private: true, scripts: { build: 'wiredesk build', dev: 'wiredesk dev' }, dependencies: { wiredesk: '^0.1.0' } });
    expect((await readFile(path.join(dir, '.gitignore'), 'utf8')).split('\n').filter(Boolean)).toEqual(['node_modules/', 'dist', '.dist.wiredesk/', '.dist.trees/', '.wiredesk-cache/']);
    // 20:15:30 UTC is 01:45:30 the next day in Kolkata: the story's month and date are the zone's.
    const story = await readFile(path.join(dir, 'stories/2026/03/welcome-to-your-newsroom.md'), 'utf8');
    expect(story).toContain('date: 2026-03-02T01:45:30+05:30\n');
  });

  it('should write commented examples of the look and publishing settings that build as they are once uncommented', async () => {
    const root = await tempDir();
    expect((await wiredesk(root, 'init', 'news')).code).toBe(0);
    const site = path.join(root, 'news');
    const written = await readFile(path.join(site, 'site.yaml'), 'utf8');
    const [settings = '', examples = ''] = written.split(/^# Your paper's look.*$/m);
    // Every commented line that is YAML (not prose) after the marker, uncommented.
    const uncommented = examples.replace(/^# ((?:[a-zA-Z]+:| {2}).*)$/gm, '$1');
    const values = parse(uncommented) as Record<string, unknown>;
    expect(Object.keys(values)).toEqual(['logo', 'menu', 'footer', 'labels', 'dateFormat', 'head', 'headers', 'deploy']);
    // The deploy command is the reader's own: the example is not run here.
    await writeFile(path.join(site, 'site.yaml'), `${settings}${uncommented.replace(/^deploy: .*$/m, '')}`);
    await mkdir(path.join(site, 'static'), { recursive: true });
    await writeFile(path.join(site, 'static/logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>\n');
    const built = await wiredesk(site, 'build', '--base-url', 'https://news.example.com/');
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    const home = await readFile(path.join(site, 'dist/index.html'), 'utf8');
    expect(home).toContain('src="/logo.svg"');
    expect(home).toContain('Top stories');
    expect(await readdir(path.join(site, 'dist'))).toContain('_headers');
  });

  it('should refuse a folder that is not empty, in one line, and write nothing', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'notes.txt'), 'mine\n');
    const refused = await wiredesk(dir, 'init');
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr.trim().split('\n')).toEqual(['Cannot make a site in ".": it is not empty (notes.txt), expected an empty folder or a new name']);
    expect(await filesUnder(dir)).toEqual(['notes.txt']);
  });

  it('should refuse a file given as the folder', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'site'), '');
    const refused = await wiredesk(dir, 'init', 'site');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Cannot make a site in "site": it is a file');
  });

  it('should take a folder that holds only a .git folder', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, '.git'));
    const outcome = await init({ dir, logger: memoryLogger() });
    expect(outcome.refused).toBeUndefined();
    expect(outcome.files).toContain('site.yaml');
  });

  it('should write a Pages workflow that builds on push, on a schedule and by hand, keeps the cache and passes the Pages URL', async () => {
    const dir = await tempDir();
    await init({ dir, logger: memoryLogger() });
    const workflow = parse(await readFile(path.join(dir, '.github/workflows/pages.yml'), 'utf8')) as {
      on: { push: { branches: string[] }; schedule: { cron: string }[]; workflow_dispatch: unknown };
      permissions: Record<string, string>;
      jobs: { build: { steps: Step[] }; deploy: { needs: string; steps: Step[] } };
    };
    expect(workflow.on.push.branches).toEqual(['main']);
    expect(workflow.on.schedule).toEqual([{ cron: '*/15 * * * *' }]);
    expect('workflow_dispatch' in workflow.on).toBe(true);
    expect(workflow.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
    const steps = workflow.jobs.build.steps;
    const index = (predicate: (step: Step) => boolean) => steps.findIndex(predicate);
    const cache = steps[index((step) => step.uses?.startsWith('actions/cache@') === true)];
    expect(cache?.with).toMatchObject({ path: '.wiredesk-cache', 'restore-keys': 'wiredesk-cache-' });
    expect(String(cache?.with?.key)).toMatch(/^wiredesk-cache-\$\{\{ github\.run_id \}\}/);
    const pages = steps[index((step) => step.uses?.startsWith('actions/configure-pages@') === true)];
    const build = steps[index((step) => step.run?.includes('wiredesk build') === true)];
    expect(build?.run).toContain('--base-url "$BASE_URL"');
    expect(build?.env?.BASE_URL).toBe(`\${{ steps.${pages?.id}.outputs.base_url }}`);
    expect(index((step) => step === cache)).toBeLessThan(index((step) => step === build));
    const upload = steps[index((step) => step.uses?.startsWith('actions/upload-pages-artifact@') === true)];
    expect(upload?.with?.path).toBe('dist/');
    expect(workflow.jobs.deploy.needs).toBe('build');
    expect(workflow.jobs.deploy.steps.some((step) => step.uses?.startsWith('actions/deploy-pages@'))).toBe(true);
  });
});

describe('wiredesk new', () => {
  it('should write a story whose page shows an awkward headline exactly, and builds', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'site.yaml'), 'timezone: Asia/Kolkata\n');
    const headline = 'Quake: 7.1 hits <coast> & "more"';
    const made = await wiredesk(dir, 'new', headline);
    expect(made.code, made.stderr).toBe(0);
    const [file] = await filesUnder(path.join(dir, 'stories'));
    expect(file).toMatch(/^\d{4}\/\d\d\/quake-7-1-hits-coast-more\.md$/);
    expect(made.stdout.trim()).toBe(`wrote stories/${file}`);
    const text = await readFile(path.join(dir, 'stories', file ?? ''), 'utf8');
    expect(text).toMatch(/\ndate: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+05:30\n/);
    const built = await wiredesk(dir, 'build', '--base-url', 'https://news.example.com/');
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    const date = /\ndate: (\d{4})-(\d\d)-(\d\d)T/.exec(text);
    const page = await readFile(path.join(dir, 'dist', date?.[1] ?? '', date?.[2] ?? '', date?.[3] ?? '', 'quake-7-1-hits-coast-more/index.html'), 'utf8');
    const h1 = select('h1', fromHtml(page));
    // Shown in English typography; the file name and the address keep ASCII.
    expect(h1 && toString(h1)).toBe('Quake: 7.1 hits <coast> & “more”');
  });

  it('should date the story in UTC, written with Z, when the site has no time zone, and honour --stories', async () => {
    const dir = await tempDir();
    const logger = memoryLogger();
    const outcome = await newStory({ headline: 'Markets open', stories: 'copy', cwd: dir, now: Date.parse('2026-12-31T23:59:59.900Z'), logger });
    expect(outcome).toEqual({ file: 'copy/2026/12/markets-open.md' });
    expect(await readFile(path.join(dir, 'copy/2026/12/markets-open.md'), 'utf8')).toBe('---\ntitle: Markets open\ndate: 2026-12-31T23:59:59Z\n---\n\nWrite the story here.\n');
  });

  it('should refuse to replace a story file that exists', async () => {
    const dir = await tempDir();
    const now = Date.parse('2026-05-04T10:00:00Z');
    await newStory({ headline: 'Markets open', cwd: dir, now, logger: memoryLogger() });
    const target = path.join(dir, 'stories/2026/05/markets-open.md');
    await writeFile(target, 'mine\n');
    const logger = memoryLogger();
    const outcome = await newStory({ headline: 'Markets open', cwd: dir, now, logger });
    expect(outcome).toEqual({ refused: 'stories/2026/05/markets-open.md exists, expected a new file: edit it, or choose another headline' });
    expect(await readFile(target, 'utf8')).toBe('mine\n');
  });

  it('should exit 2 with the usage when the headline is missing', async () => {
    const dir = await tempDir();
    const missing = await wiredesk(dir, 'new');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Missing the headline, expected `wiredesk new "Headline"`');
  });

  it('should name the file by the time when the headline makes no story id', async () => {
    const dir = await tempDir();
    const outcome = await newStory({ headline: 'Землетрясение', cwd: dir, now: Date.parse('2026-05-04T10:00:00Z'), logger: memoryLogger() });
    expect(outcome).toEqual({ file: 'stories/2026/05/story-20260504-100000.md' });
  });

  it("should cut a long headline's file name at a hyphen, to at most 80 characters", async () => {
    const dir = await tempDir();
    const headline = 'Central bank raises interest rates for the third time this year as inflation stays above target';
    const outcome = await newStory({ headline, cwd: dir, now: Date.parse('2026-05-04T10:00:00Z'), logger: memoryLogger() });
    expect(outcome).toEqual({ file: 'stories/2026/05/central-bank-raises-interest-rates-for-the-third-time-this-year-as-inflation.md' });
  });

  it("should print the settings' problems and write nothing when site.yaml is wrong", async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'site.yaml'), 'timezone: Mars/Olympus\n');
    const failed = await wiredesk(dir, 'new', 'Markets open');
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('site.yaml:1:11  error  Unknown time zone "Mars/Olympus"');
    expect(await readdir(dir)).toEqual(['site.yaml']);
  });
});
