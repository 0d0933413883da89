import { chmod, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCorpus, writeCorpus } from '../../bench/corpus.js';
import { cliBuild, cliOutcome } from '../support/cli-build.js';
import { siteMaker } from '../support/fixture-site.js';

// Pagefind indexes in a process of its own. One that ends without a word (killed, out of memory)
// never answers: the build must say so and fail, not wait forever nor stop without a message.

const site = siteMaker();

/** A program in `dir` that Pagefind's package starts as its service: it reads nothing, answers nothing, and ends. */
async function silentService(dir: string): Promise<Record<string, string>> {
  const file = path.join(dir, 'silent-pagefind');
  await writeFile(file, '#!/bin/sh\nsleep 0.3\nexit 0\n');
  await chmod(file, 0o755);
  // Pagefind's package takes its binary from these variables before its own.
  return { PAGEFIND_EXTENDED_BINARY_PATH: file, PAGEFIND_BINARY_PATH: file };
}

describe('a Pagefind service that ends without answering', () => {
  it('should fail a publish with a message saying so', async () => {
    const built = await site('-- site.yaml --\ntitle: Gone\nbaseUrl: https://wire.example.org/\n');
    await writeCorpus(built.dir, generateCorpus({ stories: 12, seed: 5 }));
    await cliBuild(built.dir, ['--quiet']);
    const newest = path.join(built.dir, 'stories', 'fresh.md');
    await writeFile(newest, '---\ntitle: A fresh story\ndate: 2030-01-02T10:00:00Z\n---\n\nThe Quokkaword report.\n');
    const outcome = await cliOutcome(built.dir, ['build'], await silentService(built.dir));
    expect(outcome.stderr).toMatch(/search: Pagefind could not index the site \(its service stopped without answering\)/);
    expect(outcome.stderr).not.toMatch(/internal error/);
    expect(outcome.code).toBe(1);
    // The plain output folder is the last good site: no page of the new story, nor a file waiting beside its place.
    expect(await readFile(path.join(built.dir, 'dist', 'index.html'), 'utf8')).not.toContain('A fresh story');
    const files = await readdir(path.join(built.dir, 'dist'), { recursive: true });
    expect(files.filter((file) => file.includes('fresh') || file.includes('wiredesk-tmp'))).toEqual([]);
    // The next build, with Pagefind whole, publishes it.
    await cliBuild(built.dir, ['--quiet']);
    expect(await readFile(path.join(built.dir, 'dist', 'index.html'), 'utf8')).toContain('A fresh story');
  });

  it('should fail a cold build that indexes on two services with a message saying so', async () => {
    const built = await site('-- site.yaml --\ntitle: Gone\nbaseUrl: https://wire.example.org/\n');
    // Stories over eight years: a shard per quarter, enough for the second service on its thread.
    await writeCorpus(built.dir, generateCorpus({ stories: 120, seed: 11 }));
    const outcome = await cliOutcome(built.dir, ['build', '--no-cache'], await silentService(built.dir));
    expect(outcome.stderr).toMatch(/search: Pagefind could not index the site \((?:[^)]*: )?(?:its service stopped without answering|the search thread stopped)\)/);
    expect(outcome.code).toBe(1);
  });
});
