import { existsSync } from 'node:fs';
import { lstat, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliOutcome } from '../support/cli-build.js';
import { fixtureStory, siteMaker } from '../support/fixture-site.js';
import { snapshotBelow } from '../support/file-snapshot.js';

const site = siteMaker();

/** Run the real CLI (compiled by `npm run compile`) and return its exit code and output. */
function wiredesk(args: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return cliOutcome(cwd, args);
}

const sampleSite = () => site(`${fixtureStory('alpha', 24)}${fixtureStory('beta', 25)}\n-- site.yaml --\ntitle: Guarded\nbaseUrl: https://example.com/\n`);

describe('wiredesk build --out', () => {
  const refusals: readonly (readonly [string, readonly string[], string])[] = [
    ['the stories folder', ['--stories', 'stories', '--out', 'stories'], 'Refusing to build into "stories": it is the stories folder "stories"; choose another --out'],
    ['a folder inside the stories folder', ['--out', 'stories/site', '--force'], 'Refusing to build into "stories/site": it is inside the stories folder "stories"; choose another --out'],
    ['the site folder', ['--out', '.'], 'Refusing to build into ".": it is the site folder "."; choose another --out'],
    ['the settings file', ['--out', 'site.yaml', '--force'], 'Refusing to build into "site.yaml": it is a file, not a folder; choose another --out'],
    ['the cache', ['--out', '.wiredesk-cache'], 'Refusing to build into ".wiredesk-cache": it is the cache folder ".wiredesk-cache"; choose another --out'],
    ['the templates folder', ['--out', 'templates'], 'Refusing to build into "templates": it is the `templates` folder "templates"; choose another --out'],
    ['the pages folder', ['--out', 'pages'], 'Refusing to build into "pages": it is the `pages` folder "pages"; choose another --out'],
    ['the static folder', ['--out', 'static/site'], 'Refusing to build into "static/site": it is inside the `static` folder "static"; choose another --out'],
    [
      'the state folder of another output',
      ['--out', '.dist.wiredesk', '--force'],
      'Refusing to build into ".dist.wiredesk": it is the state folder ".dist.wiredesk" of another output; choose another --out',
    ],
    [
      'a folder in the state folder of another output',
      ['--out', '.dist.wiredesk/x', '--force'],
      'Refusing to build into ".dist.wiredesk/x": it is inside the state folder ".dist.wiredesk" of another output; choose another --out',
    ],
    [
      'a folder it did not write',
      ['--out', 'docs'],
      'Refusing to build into "docs": it is a folder that wiredesk did not write (neither ".docs.wiredesk" nor ".docs.trees" holds a build of it); choose another --out, or pass --force to replace it',
    ],
  ];

  for (const [what, args, line] of refusals) {
    it(`should refuse ${what} with exit code 2 and one line, touching nothing`, async () => {
      const made = await sampleSite();
      await mkdir(path.join(made.dir, 'docs'));
      await writeFile(path.join(made.dir, 'docs/notes.txt'), 'mine');
      const first = await wiredesk(['build'], made.dir);
      expect(first.code).toBe(0);
      const before = await snapshotBelow(made.dir);
      const result = await wiredesk(['build', ...args], made.dir);
      expect(result).toEqual({ code: 2, stdout: '', stderr: `${line}\n` });
      expect(await snapshotBelow(made.dir)).toEqual(before);
    });
  }

  it('should leave no cache and take no lock when it refuses the first build', async () => {
    const made = await sampleSite();
    const before = await snapshotBelow(made.dir);
    expect((await wiredesk(['build', '--out', 'stories'], made.dir)).code).toBe(2);
    expect(await snapshotBelow(made.dir)).toEqual(before);
    expect(existsSync(path.join(made.dir, '.wiredesk-cache'))).toBe(false);
    expect(existsSync(path.join(made.dir, '.stories.trees'))).toBe(false);
  });

  it('should build into a missing or empty folder, and again into the output it made', async () => {
    const made = await sampleSite();
    await mkdir(path.join(made.dir, 'public'));
    expect((await wiredesk(['build', '--out', 'public'], made.dir)).code).toBe(0);
    expect((await wiredesk(['build', '--out', 'public'], made.dir)).code).toBe(0);
    expect((await wiredesk(['build', '--out', 'out/site'], made.dir)).code).toBe(0);
    expect(await readFile(path.join(made.dir, 'public/index.html'), 'utf8')).toContain('Story ALPHA');
  });

  it('should replace a folder it did not write only with --force, and never the stories folder', async () => {
    const made = await sampleSite();
    await mkdir(path.join(made.dir, 'docs'));
    await writeFile(path.join(made.dir, 'docs/notes.txt'), 'mine');
    const forced = await wiredesk(['build', '--out', 'docs', '--force'], made.dir);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toBe('Removed 1 file from "docs" that no build wrote: notes.txt\n');
    expect((await lstat(path.join(made.dir, 'docs'))).isDirectory()).toBe(true);
    expect(await readdir(path.join(made.dir, 'docs'))).toContain('index.html');
    expect(existsSync(path.join(made.dir, 'docs/notes.txt'))).toBe(false);
    expect((await wiredesk(['build', '--stories', 'stories', '--out', 'stories', '--force'], made.dir)).code).toBe(2);
    expect(await readdir(path.join(made.dir, 'stories'))).toEqual(['alpha.md', 'beta.md']);
  });
});
