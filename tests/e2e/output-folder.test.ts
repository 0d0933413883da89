import { execFile } from 'node:child_process';
import { hash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { lstat, mkdir, readFile, readdir, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { expectSameFiles, filesBelow } from '../support/cli-build.js';
import { fixtureStory, siteMaker } from '../support/fixture-site.js';
import { inodesBelow } from '../support/inodes.js';

// The default output is a plain folder, updated in place: what `tar`, `cp -r`, `rsync` and Docker
// copy is the site itself. A build writes only what changed, and takes back what was changed or
// added in the folder behind its back.

const run = promisify(execFile);

/** Every file below `dir` with a digest of its bytes (Pagefind's files are large to compare byte by byte). */
async function digestsBelow(dir: string): Promise<Map<string, string>> {
  return new Map([...(await filesBelow(dir))].map(([file, bytes]) => [file, hash('sha1', bytes)]));
}
const site = siteMaker();
const threeStories = () => site(`${fixtureStory('alpha', 23)}${fixtureStory('beta', 24)}${fixtureStory('gamma', 25)}`);

describe('the output folder', () => {
  it('should be a plain folder that tar archives and cp -r copies as the site’s own files', async () => {
    const made = await threeStories();
    expect((await made.build()).ok).toBe(true);
    const dist = path.join(made.dir, 'dist');
    expect((await lstat(dist)).isDirectory()).toBe(true);
    const files = await made.files();
    expect(files).toContain('index.html');
    expect(files).toEqual(expect.arrayContaining([expect.stringMatching(/^assets\/style\.[0-9a-f]{10}\.css$/)]));
    // Nothing of wiredesk's own is in the folder a host publishes: it is kept beside it.
    expect(files.filter((file) => path.basename(file).startsWith('.'))).toEqual([]);
    expect(existsSync(path.join(made.dir, '.dist.wiredesk'))).toBe(true);

    await run('tar', ['czf', 'x.tgz', 'dist'], { cwd: made.dir });
    const { stdout } = await run('tar', ['tzf', 'x.tgz'], { cwd: made.dir });
    const archived = stdout.split('\n').filter((entry) => entry !== '' && !entry.endsWith('/'));
    expect(archived.sort()).toEqual(files.map((file) => `dist/${file}`).sort());

    await mkdir(path.join(made.dir, 'www'));
    await run('cp', ['-r', 'dist', 'www/'], { cwd: made.dir });
    expect((await lstat(path.join(made.dir, 'www/dist/index.html'))).isFile()).toBe(true);
    await expectSameFiles(path.join(made.dir, 'www/dist'), dist);
  });

  it('should write only the files whose bytes changed, each replaced whole', async () => {
    const made = await threeStories();
    expect((await made.build()).ok).toBe(true);
    const dist = path.join(made.dir, 'dist');
    const before = await inodesBelow(dist);
    await made.write('stories/beta.md', fixtureStory('beta', 24, '', 'A corrected body.').replace(/^\n-- [^\n]+ --\n/, ''));
    const edited = await made.build();
    expect(edited.ok).toBe(true);
    const after = await inodesBelow(dist);
    const touched = [...after].filter(([file, inode]) => before.get(file) !== inode).map(([file]) => file);
    expect(touched).toContain('2018/05/24/beta/index.html');
    expect(touched.length).toBe(edited.stats?.written);
    expect(touched.length).toBeLessThan(after.size / 2);
    expect(await made.read('2018/05/24/beta/')).toContain('A corrected body.');
  });

  it('should undo a hand edit of the stylesheet in dist/assets on the next build, even one that keeps its size and time, and say so', async () => {
    const made = await threeStories();
    expect((await made.build()).ok).toBe(true);
    const name = (await made.files()).find((file) => /^assets\/style\.[0-9a-f]{10}\.css$/.test(file)) ?? 'assets/style.css';
    const style = path.join(made.dir, 'dist', name);
    const original = await readFile(style, 'utf8');
    const { atime, mtime } = await stat(style);
    await writeFile(style, 'x'.repeat(Buffer.byteLength(original)));
    await utimes(style, atime, mtime);
    // Nothing else changed: the build that finds nothing to do must still see the edit.
    const rebuilt = await made.build();
    expect(rebuilt.ok).toBe(true);
    expect(rebuilt.lines).toContain(`Restored 1 file in "dist" changed or removed since the last build: ${name}`);
    expect(await readFile(style, 'utf8')).toBe(original);
    const again = await made.build();
    expect(again.lines.filter((line) => !line.startsWith('Built '))).toEqual([]);
  });

  it('should report the files it did not write in one line, and remove them', async () => {
    const made = await threeStories();
    expect((await made.build()).ok).toBe(true);
    const dist = path.join(made.dir, 'dist');
    const elsewhere = path.join(made.dir, 'elsewhere.txt');
    await writeFile(elsewhere, 'not the site’s');
    await writeFile(path.join(dist, 'notes.txt'), 'left by hand');
    await mkdir(path.join(dist, 'old/deep'), { recursive: true });
    await writeFile(path.join(dist, 'old/deep/index.html'), 'an old page');
    await symlink(elsewhere, path.join(dist, 'link.txt'));
    const rebuilt = await made.build();
    expect(rebuilt.ok).toBe(true);
    expect(rebuilt.lines).toContain('Removed 3 files from "dist" that no build wrote: link.txt, notes.txt, old/deep/index.html');
    expect(existsSync(path.join(dist, 'old'))).toBe(false);
    expect(existsSync(path.join(dist, 'notes.txt'))).toBe(false);
    expect(existsSync(path.join(dist, 'link.txt'))).toBe(false);
    // A link is removed, never followed.
    expect(await readFile(elsewhere, 'utf8')).toBe('not the site’s');
  });

  it('should turn the swap layout into a plain folder, and back when `output.swap` is set', async () => {
    const made = await threeStories();
    const dist = path.join(made.dir, 'dist');
    await made.write('site.yaml', 'baseUrl: https://example.com/\noutput:\n  swap: true\n');
    expect((await made.build()).ok).toBe(true);
    expect((await lstat(dist)).isSymbolicLink()).toBe(true);
    const swapped = await digestsBelow(dist);

    await made.write('site.yaml', 'baseUrl: https://example.com/\noutput:\n  swap: false\n');
    const plain = await made.build();
    expect(plain.ok).toBe(true);
    expect(plain.lines.filter((line) => !line.startsWith('Built '))).toEqual([]);
    expect((await lstat(dist)).isDirectory()).toBe(true);
    expect(existsSync(path.join(made.dir, '.dist.trees'))).toBe(false);
    expect(await digestsBelow(dist)).toEqual(swapped);

    await made.write('site.yaml', 'baseUrl: https://example.com/\noutput:\n  swap: true\n');
    expect((await made.build()).ok).toBe(true);
    expect((await lstat(dist)).isSymbolicLink()).toBe(true);
    expect(existsSync(path.join(made.dir, '.dist.wiredesk'))).toBe(false);
    expect(await digestsBelow(dist)).toEqual(swapped);
    expect((await readdir(made.dir)).sort()).toEqual(['.dist.trees', '.wiredesk-cache', 'dist', 'site.yaml', 'stories']);
  });
});
