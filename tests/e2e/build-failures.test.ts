import { existsSync } from 'node:fs';
import { lstat, mkdir, readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fixtureStory, siteMaker, type FixtureSite } from '../support/fixture-site.js';

// A full disk is simulated: writes whose path contains `failing.under` throw ENOSPC, as a full disk does.
const failing = vi.hoisted(() => ({ under: undefined as string | undefined, renamesUnder: undefined as string | undefined }));
const diskFull = (file: unknown) => Object.assign(new Error(`ENOSPC: no space left on device, write '${String(file)}'`), { code: 'ENOSPC', syscall: 'write' });

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const writeFile: typeof real.writeFile = (file, ...rest) => (failing.under !== undefined && String(file).includes(failing.under) ? Promise.reject(diskFull(file)) : real.writeFile(file, ...rest));
  // A rename into a folder whose path contains `failing.renamesUnder` fails as a full disk's (a directory that cannot grow).
  const rename: typeof real.rename = (from, to) => (failing.renamesUnder !== undefined && String(to).includes(failing.renamesUnder) ? Promise.reject(diskFull(to)) : real.rename(from, to));
  return { ...real, default: { ...real, writeFile, rename }, writeFile, rename };
});
vi.mock('../../src/store/framed-file.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/store/framed-file.js')>();
  const guard = (file: string) => {
    if (failing.under !== undefined && file.includes(failing.under)) throw diskFull(file);
  };
  return {
    ...real,
    writeFramed: (file: string, ...rest: Parameters<typeof real.writeFramed> extends [string, ...infer R] ? R : never) => (guard(file), real.writeFramed(file, ...rest)),
    writeFramedBytes: (file: string, ...rest: Parameters<typeof real.writeFramedBytes> extends [string, ...infer R] ? R : never) => (guard(file), real.writeFramedBytes(file, ...rest)),
  };
});

const site = siteMaker();

/** Every entry of the site's `dist/`, hidden ones too: a folder as `/`, a file as its inode, modification time and text. */
async function outputBytes(made: FixtureSite): Promise<Map<string, string>> {
  const out = path.join(made.dir, 'dist');
  const entries = new Map<string, string>();
  for (const entry of await readdir(out, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    const info = await lstat(file);
    entries.set(path.relative(out, file), entry.isDirectory() ? '/' : `${info.ino} ${info.mtimeMs} ${await readFile(file, 'utf8')}`);
  }
  return entries;
}
const twoStories = () => site(`${fixtureStory('alpha', 24)}${fixtureStory('beta', 25)}`);

/** Story alpha with an edit the failing disk keeps from being published. */
const uncommittedEdit = fixtureStory('alpha', 24, '', 'An edit that cannot be written.').replace(/^\n-- [^\n]+ --\n/, '');

describe('a build whose disk fails it', () => {
  it('should say in one line that the disk is full, naming the output folder, and keep the last good output (swap layout)', async () => {
    const made = await twoStories();
    await made.write('site.yaml', 'baseUrl: https://example.com/\noutput:\n  swap: true\n');
    expect((await made.build()).ok).toBe(true);
    await made.write('stories/alpha.md', uncommittedEdit);
    failing.under = `${path.sep}.dist.trees${path.sep}`;
    try {
      const outcome = await made.build();
      expect(outcome.ok).toBe(false);
      expect(outcome.lines).toEqual(['The disk is full: could not write the output folder "dist" (ENOSPC); the last good output is unchanged, free some space and build again']);
    } finally {
      failing.under = undefined;
    }
    expect(await made.read('2018/05/24/alpha/')).not.toContain('An edit that cannot be written.');
    const again = await made.build();
    expect(again.ok).toBe(true);
    expect(await made.read('2018/05/24/alpha/')).toContain('An edit that cannot be written.');
  });

  it.each([
    ['the last files written, the search bundle’s', `${path.sep}dist${path.sep}pagefind${path.sep}`],
    ['one page among others being written', `${path.sep}dist${path.sep}2018${path.sep}05${path.sep}24${path.sep}`],
  ])('should say in one line that the disk is full and keep the last good output in a plain folder, every file as it was, when it fills at %s', async (_, under) => {
    const made = await twoStories();
    expect((await made.build()).ok).toBe(true);
    const before = await outputBytes(made);
    // An edit, and a new story whose folder the build makes: neither may show before the whole site is written.
    await made.write('stories/alpha.md', uncommittedEdit);
    await made.write('stories/gamma.md', fixtureStory('gamma', 26).replace(/^\n-- [^\n]+ --\n/, ''));
    failing.under = under;
    try {
      const outcome = await made.build();
      expect(outcome.ok).toBe(false);
      expect(outcome.lines).toEqual(['The disk is full: could not write the output folder "dist" (ENOSPC); the last good output is unchanged, free some space and build again']);
    } finally {
      failing.under = undefined;
    }
    // Not a file written, removed or left beside its place; not a folder made.
    expect(await outputBytes(made)).toEqual(before);
    const again = await made.build();
    expect(again.ok).toBe(true);
    expect(await made.read('2018/05/24/alpha/')).toContain('An edit that cannot be written.');
    expect(await made.read('2018/05/26/gamma/')).toContain('Story GAMMA');
  });

  it('should say that a plain folder may hold part of the new site when the disk fails while its files go into place, then complete it on the next build', async () => {
    const made = await twoStories();
    expect((await made.build()).ok).toBe(true);
    await made.write('stories/alpha.md', uncommittedEdit);
    failing.renamesUnder = `${path.sep}dist${path.sep}2018${path.sep}`;
    try {
      const outcome = await made.build();
      expect(outcome.ok).toBe(false);
      expect(outcome.lines).toEqual(['Could not finish writing the output folder "dist" (the disk is full, ENOSPC); it may hold part of the new site: free some space and build again to complete it']);
    } finally {
      failing.renamesUnder = undefined;
    }
    // Each file is the old one or the new one, never a part, and no temporary file is left to publish.
    expect(await made.read('2018/05/24/alpha/')).not.toContain('An edit that cannot be written.');
    expect((await made.files()).filter((file) => file.includes('wiredesk-tmp'))).toEqual([]);
    const again = await made.build();
    expect(again.ok).toBe(true);
    expect(await made.read('2018/05/24/alpha/')).toContain('An edit that cannot be written.');
  });

  it('should publish the site and exit well when the cache cannot be kept after publishing (a full disk)', async () => {
    const made = await twoStories();
    expect((await made.build()).ok).toBe(true);
    await made.write('stories/beta.md', fixtureStory('beta', 25, '', 'Published despite the disk.').replace(/^\n-- [^\n]+ --\n/, ''));
    failing.under = `${path.sep}.wiredesk-cache${path.sep}`;
    try {
      const outcome = await made.build();
      expect(outcome.ok).toBe(true);
      expect(outcome.lines.filter((line) => !line.startsWith('Built '))).toEqual([
        'Could not keep the cache in ".wiredesk-cache" (the disk is full, ENOSPC); the site was published, the next build starts without a cache',
      ]);
    } finally {
      failing.under = undefined;
    }
    expect(await made.read('2018/05/25/beta/')).toContain('Published despite the disk.');
    expect(existsSync(path.join(made.dir, '.wiredesk-cache/index.bin'))).toBe(false);
    const again = await made.build();
    expect(again.ok).toBe(true);
    expect(again.stats?.storiesReused).toBe(0);
  });

  it('should publish the site and exit well when a folder is in the way of the manifest (EISDIR), on every path', async () => {
    const made = await twoStories();
    expect((await made.build()).ok).toBe(true);
    await rm(path.join(made.dir, '.wiredesk-cache/manifest.json'));
    await mkdir(path.join(made.dir, '.wiredesk-cache/manifest.json/in-the-way'), { recursive: true });
    // Nothing changed: the no-change path writes the manifest too.
    const unchanged = await made.build();
    expect(unchanged.ok).toBe(true);
    expect(unchanged.lines.filter((line) => !line.startsWith('Built '))).toEqual([
      expect.stringMatching(/^Could not keep the cache in ".wiredesk-cache" \(EISDIR: [^\n]*\); the site was published, the next build starts without a cache$/),
    ]);
    await made.write('stories/beta.md', fixtureStory('beta', 25, '', 'Published past the folder.').replace(/^\n-- [^\n]+ --\n/, ''));
    const edited = await made.build();
    expect(edited.ok).toBe(true);
    expect(edited.lines).toHaveLength(2);
    expect(await made.read('2018/05/25/beta/')).toContain('Published past the folder.');
  });
});
