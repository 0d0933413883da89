import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runBuild } from '../../src/build/index.js';
import { memoryLogger } from '../../src/report/logger.js';
import { Desk } from '../support/desk-changes.js';
import { draft, firstSettings, step } from '../support/desk-drafts.js';
import { siteMaker } from '../support/fixture-site.js';

// For arbitrary sequences of what a desk does between builds (publish, edit a headline, body,
// caption, byline, language or id, retag, back-date, kill, withhold, embargo, correct, link,
// relate, break and mend, move to another folder, delete; change the site's pages, static files
// and settings) and of the clock moving on (an embargo lifting, the news window moving), each
// build with the cache gives, file for file and byte for byte, what a clean single-threaded build
// of the same files gives, search index included; and the two agree on whether the build succeeds.

const site = siteMaker();

/** Every file below `dir`, by relative path, with its bytes. */
async function tree(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  return new Map(await Promise.all(files.map(async (file) => [path.relative(dir, file), await readFile(file)] as const)));
}

/** A clean single-threaded build of the desk's files as they are now, in a folder of its own. */
async function cleanBuild(desk: Desk): Promise<{ ok: boolean; files: Map<string, Buffer> | undefined }> {
  const clean = await site('');
  for (const folder of ['stories', 'pages', 'static']) {
    const files = existsSync(path.join(desk.built.dir, folder)) ? await tree(path.join(desk.built.dir, folder)) : new Map<string, Buffer>();
    for (const [name, bytes] of files) await clean.write(path.join(folder, name), bytes.toString('utf8'));
  }
  await clean.write('site.yaml', await readFile(path.join(desk.built.dir, 'site.yaml'), 'utf8'));
  const outcome = await runBuild({ cwd: clean.dir, logger: memoryLogger(), cache: false, threads: 1, now: desk.now });
  const built = outcome.ok ? await tree(path.join(clean.dir, 'dist')) : undefined;
  await clean.remove();
  return { ok: outcome.ok, files: built };
}

describe('builds with the cache, through what a desk does', () => {
  it('should give what a clean single-threaded build of the same stories gives, byte for byte, at every step', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(draft, { minLength: 3, maxLength: 7 }), fc.array(fc.array(step, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 8 }), async (first, batches) => {
        const desk = new Desk(await site(''));
        await desk.settings(firstSettings);
        for (const made of first) await desk.apply({ kind: 'publish', draft: { ...made, broken: false } });
        for (const change of [[], ...batches]) {
          if (change.length > 0) await desk.mend();
          for (const made of change) await desk.apply(made);
          const cached = await runBuild({ cwd: desk.built.dir, logger: memoryLogger(), now: desk.now });
          const clean = await cleanBuild(desk);
          expect(cached.ok, `build after ${JSON.stringify(change)}`).toBe(clean.ok);
          if (!clean.files) continue;
          const built = await tree(path.join(desk.built.dir, 'dist'));
          expect([...built.keys()].sort(), `files after ${JSON.stringify(change)}`).toEqual([...clean.files.keys()].sort());
          for (const [name, bytes] of clean.files) expect(built.get(name)?.equals(bytes), `${name} after ${JSON.stringify(change)}`).toBe(true);
        }
        await desk.built.remove();
      }),
      { numRuns: 8 },
    );
  }, 300_000);
});
