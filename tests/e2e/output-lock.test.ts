import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markerPath, openTrees, treesFolder } from '../../src/output/output-trees.js';

// The lock that keeps two builds from writing the same output trees. Builds are separate
// processes, so the race is tested with real processes: the compiled module, opened at once.

const compiled = pathToFileURL(fileURLToPath(new URL('../../lib/src/output/output-trees.js', import.meta.url))).href;

/**
 * A process that waits until `startAt` (so that all contenders try at once, however slowly each
 * started), opens the trees of `out`, and prints `locked` or the error. The one that locked holds
 * the trees until its standard input ends: the test ends it once every contender has answered.
 */
function contender(out: string, startAt: number): { readonly answer: Promise<string>; readonly release: () => void } {
  const script = `
    const { openTrees } = await import(${JSON.stringify(compiled)});
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, ${startAt} - Date.now())));
    try {
      const trees = await openTrees(${JSON.stringify(out)});
      console.log('locked');
      process.stdin.resume();
      await new Promise((resolve) => process.stdin.on('end', resolve));
      trees.abandon();
    } catch (error) {
      console.log(error.message);
    }`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const answer = new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) resolve(output.trim());
    });
    child.on('error', reject);
    child.on('close', () => resolve(output.trim()));
  });
  return { answer, release: () => child.stdin.end() };
}

describe('the output lock', () => {
  let dir: string;
  let out: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-lock-'));
    out = path.join(dir, 'dist');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('should let exactly one of many builds started at once hold the trees, and name it to the others', async () => {
    for (let round = 0; round < 3; round++) {
      const contenders = Array.from({ length: 6 }, () => contender(out, Date.now() + 1_500));
      // Every contender answers while the one that locked still holds the trees.
      const results = await Promise.all(contenders.map(({ answer }) => answer));
      for (const { release } of contenders) release();
      expect(
        results.filter((result) => result === 'locked'),
        results.join('\n'),
      ).toHaveLength(1);
      for (const result of results.filter((result) => result !== 'locked')) expect(result).toMatch(/^Another build \(process \d+\) is writing /);
      while (existsSync(path.join(treesFolder(out), 'lock'))) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // No private file of any contender is left beside the lock.
    expect((await readdir(treesFolder(out))).filter((name) => name.startsWith('lock'))).toEqual([]);
  }, 60_000);

  it('should refuse, naming it, while a live process holds the lock', async () => {
    const holder = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      await mkdir(treesFolder(out), { recursive: true });
      await writeFile(markerPath(treesFolder(out)), '{}');
      await writeFile(path.join(treesFolder(out), 'lock'), String(holder.pid));
      await expect(openTrees(out)).rejects.toThrow(`Another build (process ${holder.pid}) is writing`);
      expect(existsSync(path.join(treesFolder(out), 'lock'))).toBe(true);
    } finally {
      holder.kill();
    }
  });

  it('should take over a lock left by a dead process, or left empty, and release it', async () => {
    const dead = spawnSync('true').pid;
    for (const content of [String(dead), '']) {
      await mkdir(treesFolder(out), { recursive: true });
      await writeFile(markerPath(treesFolder(out)), '{}');
      await writeFile(path.join(treesFolder(out), 'lock'), content);
      const trees = await openTrees(out);
      trees.abandon();
      expect(existsSync(path.join(treesFolder(out), 'lock'))).toBe(false);
    }
  });
});
