import { execFile, spawn } from 'node:child_process';
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

/** The compiler settings docs/templates.md gives a site, for its editor to check its templates. */
const editorSettings = {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  target: 'ES2022',
  module: 'preserve',
  moduleResolution: 'bundler',
  jsx: 'react-jsx',
  jsxImportSource: 'hastscript',
  types: [],
};

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

  it('should ship what runs, the stylesheet, the JSON Schemas, the nginx config, the docs and the license, and no tests, benchmarks or sources', () => {
    const schemas = ['schemas/site.schema.json', 'schemas/story.schema.json', 'schemas/page.schema.json'];
    expect(listed).toEqual(
      expect.arrayContaining([
        'bin/wiredesk.js',
        'lib/src/bundle/cli.js',
        'lib/src/bundle/model-worker.js',
        'templates/assets/style.css',
        ...schemas,
        'deploy/nginx.conf',
        'LICENSE',
        'README.md',
        'CHANGELOG.md',
        'docs/README.md',
        'docs/importing.md',
        'package.json',
      ]),
    );
    // Declarations (`.d.ts`) are shipped for sites' templates to be typed against; sources are not.
    expect(listed.filter((file) => /^(tests|bench|src)\//.test(file) || (file.endsWith('.ts') && !file.endsWith('.d.ts')) || file.endsWith('.tsx'))).toEqual([]);
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

  it('should build a site whose story page is its own override, typed against `wiredesk/templates`', async () => {
    expect(listed).toEqual(expect.arrayContaining(['lib/src/bundle/templates.js', 'lib/types/templates/index.d.ts', 'lib/types/src/model/views.d.ts']));
    const site = path.join(dir, 'site');
    await mkdir(path.join(site, 'templates'), { recursive: true });
    await writeFile(path.join(site, 'tsconfig.json'), JSON.stringify({ compilerOptions: editorSettings, include: ['templates'] }));
    await writeFile(
      path.join(site, 'templates/article.tsx'),
      [
        "import type { Root } from 'hast';",
        "import { defaultTemplates, type ArticleView, type Templates } from 'wiredesk/templates';",
        '',
        'export default function article(view: ArticleView, templates: Templates): Root {',
        '  const box = <aside class="desk-box">Filed by the {view.chrome.config.title} desk</aside>;',
        '  return defaultTemplates.article(view, { ...templates, layout: (content, table) => templates.layout({ ...content, main: <>{content.main}{box}</> }, table) });',
        '}',
        '',
      ].join('\n'),
    );
    // What the site's editor checks, with the TypeScript compiler in place of the editor.
    await inFolder(site, process.execPath, [path.join(repo, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json']);
    const built = await inFolder(site, 'npx', ['--no-install', 'wiredesk', 'build']);
    expect(built.stdout).toMatch(/^Built 1 story into \d+ pages/);
    const page = await readFile(path.join(site, 'dist/2026/12/06/hello/index.html'), 'utf8');
    expect(page).toContain('<aside class="desk-box">Filed by the');
    expect(page).toContain('<h1>Hello from the package</h1>');
    // A type error is the editor's to show: the same override, given a view that is not a story page's, does not type-check.
    await writeFile(path.join(site, 'templates/article.tsx'), "import type { ListView } from 'wiredesk/templates';\nexport default function article(view: ListView) { return view.article; }\n");
    await expect(inFolder(site, process.execPath, [path.join(repo, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'])).rejects.toMatchObject({
      stdout: expect.stringContaining("Property 'article' does not exist on type 'ListView'"),
    });
    await rm(path.join(site, 'templates'), { recursive: true });
  }, 120_000);

  it('should make a site with the installed `init` that `npm run build` builds once the package is installed in it', async () => {
    const command = path.join(dir, 'site/node_modules/wiredesk/bin/wiredesk.js');
    await inFolder(dir, process.execPath, [command, 'init', 'fresh']);
    const fresh = path.join(dir, 'fresh');
    // The package is not on the registry: the tarball takes the place of `^version` in the new package.json.
    await inFolder(fresh, 'npm', ['install', '--prefer-offline', tarball]);
    const built = await inFolder(fresh, 'npm', ['run', '--silent', 'build']);
    expect(built.stdout).toMatch(/^Built 1 story into \d+ pages/);
    // Its one message: `init` leaves `baseUrl` this machine's until the owner sets the site's own.
    expect(built.stderr).toMatch(/^site\.yaml:\d+:\d+ {2}warning {2}.* {2}local-base-url\n0 errors, 1 warning\n$/);
    // The schema that site.yaml's first line names is there, once the package is installed.
    const first = (await readFile(path.join(fresh, 'site.yaml'), 'utf8')).split('\n')[0] ?? '';
    const schema = /^# yaml-language-server: \$schema=(\S+)$/.exec(first)?.[1] ?? '';
    expect(JSON.parse(await readFile(path.join(fresh, schema), 'utf8'))).toMatchObject({ type: 'object', properties: { title: { type: 'string' } } });
    expect(await readdir(path.join(fresh, 'dist'))).toEqual(expect.arrayContaining(['favicon.ico', 'about']));
  }, 300_000);

  it('should preview the init site with the installed `dev` and serve its build with the installed `preview`', async () => {
    const fresh = path.join(dir, 'fresh');
    const command = path.join(fresh, 'node_modules/wiredesk/bin/wiredesk.js');
    for (const name of ['dev', 'preview']) {
      const served = await serving(fresh, [command, name, '--port', '0']);
      try {
        const home = await fetch(served.url);
        expect(home.status, name).toBe(200);
        expect(await home.text(), name).toContain('Welcome to your newsroom');
        const about = await fetch(new URL('about/', served.url));
        expect(about.status, name).toBe(200);
      } finally {
        await served.stop();
      }
    }
  }, 120_000);
});

/** Start a long-running command of the installed package and wait for its `serving http://…` line. */
async function serving(cwd: string, args: readonly string[]): Promise<{ readonly url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No address printed within 60 s:\n${printed}`)), 60_000);
    const collect = (chunk: Buffer) => {
      printed += chunk.toString('utf8');
      const found = /serving (?:\S+ at )?(http:\/\/\S+?)(?:,| |$)/m.exec(printed);
      if (!found?.[1]) return;
      clearTimeout(timer);
      resolve(found[1]);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', () => reject(new Error(`It stopped before serving:\n${printed}`)));
  });
  return {
    url,
    async stop() {
      child.kill('SIGINT');
      await exited;
    },
  };
}
