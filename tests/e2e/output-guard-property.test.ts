import { realpathSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliOutcome } from '../support/cli-build.js';
import { stateFolder } from '../../src/output/output-record.js';
import { treesFolder } from '../../src/output/output-trees.js';
import { parseFixture, fixtureStory } from '../support/fixture-site.js';
import { snapshotBelow } from '../support/file-snapshot.js';

/** Output and stories folders to draw from, relative to the site (which lies in a temporary parent). */
const outs = [
  '.',
  '..',
  'stories',
  'stories/x',
  'dist',
  'dist/x',
  'site.yaml',
  '.wiredesk-cache',
  '.wiredesk-cache/x',
  'templates',
  'pages/x',
  'a/b',
  '../outside',
  'docs',
  'empty',
  '.dist.trees',
  '.dist.trees/a',
  '.dist.wiredesk',
  '.dist.wiredesk/x',
  'stories/../fresh',
  'notes.txt',
];
const storiesFolders = ['stories', '.', '..', 'stories/x', 'dist', 'docs', 'a/b', 'templates'];

/** Run the real CLI and return its exit code and what it printed on stderr. */
function wiredesk(args: readonly string[], cwd: string): Promise<{ code: number; stderr: string }> {
  return cliOutcome(cwd, args);
}

/** The path as a rename of it would replace it: folders above it resolved, as far as they exist. */
function linkLevel(file: string): string {
  const parent = path.dirname(file);
  try {
    return path.join(realpathSync(parent), path.basename(file));
  } catch {
    return parent === file ? file : path.join(linkLevel(parent), path.basename(file));
  }
}

const isAtOrBelow = (file: string, folder: string) => file === folder || file.startsWith(folder + path.sep);

describe('wiredesk build with any --out and --stories', () => {
  let template: string;
  beforeAll(async () => {
    // A site with a first build done, a folder of someone else's, an empty one, and a file.
    template = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-guard-'));
    const site = path.join(template, 'site');
    const fixture = `${fixtureStory('alpha', 24)}${fixtureStory('beta', 25)}\n-- site.yaml --\ntitle: Guarded\n-- docs/notes.txt --\nmine\n-- notes.txt --\nmine\n`;
    for (const [file, text] of parseFixture(fixture)) {
      await mkdir(path.dirname(path.join(site, file)), { recursive: true });
      await writeFile(path.join(site, file), text);
    }
    await mkdir(path.join(site, 'empty'));
    await writeFile(path.join(template, 'neighbour.txt'), 'next door');
    expect((await wiredesk(['build'], site)).code).toBe(0);
  });
  afterAll(() => rm(template, { recursive: true, force: true }));

  it('should never change, move or delete a file outside the output folder and the cache', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...outs), fc.constantFrom(...storiesFolders), fc.boolean(), async (out, stories, force) => {
        const parent = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-guard-run-'));
        try {
          await cp(template, parent, { recursive: true, verbatimSymlinks: true });
          const site = path.join(parent, 'site');
          const before = await snapshotBelow(parent);
          const target = linkLevel(path.resolve(site, out));
          const args = ['build', '--out', out, '--stories', stories, ...(force ? ['--force'] : [])];
          const result = await wiredesk(args, site);
          const after = await snapshotBelow(parent);
          expect(result.stderr, args.join(' ')).not.toMatch(/\n\s+at /);
          if (result.code === 2) {
            // Refused in one line: the output folder, or a stories folder that is not there.
            expect(result.stderr, args.join(' ')).toMatch(/^(?:Refusing to build into|No stories folder) "[^\n]*"[^\n]*\n$/);
            expect(after, args.join(' ')).toEqual(before);
            return;
          }
          // The build's own: the output, its state folder (or trees) beside it, the cache, and the folders made to hold them.
          const owned = [target, stateFolder(target), treesFolder(target), path.join(site, '.wiredesk-cache')];
          const isOwned = (relative: string) => owned.some((folder) => isAtOrBelow(path.join(parent, relative), folder));
          const holdsOwned = (relative: string) => owned.some((folder) => isAtOrBelow(folder, path.join(parent, relative)));
          for (const [relative, state] of before) if (!isOwned(relative) && !holdsOwned(relative)) expect(after.get(relative), `${args.join(' ')}: ${relative}`).toEqual(state);
          for (const [relative, state] of before) if (holdsOwned(relative) && !isOwned(relative)) expect(after.get(relative)?.kind, `${args.join(' ')}: ${relative}`).toBe(state.kind);
          for (const [relative, state] of after)
            if (!before.has(relative) && !isOwned(relative)) expect(holdsOwned(relative) && state.kind === 'folder', `${args.join(' ')}: made ${relative}`).toBe(true);
        } finally {
          await rm(parent, { recursive: true, force: true });
        }
      }),
      { numRuns: 24 },
    );
  });
});
