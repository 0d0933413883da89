import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { generateCorpus, writeCorpus } from '../../bench/corpus.js';
import type { BuildManifest } from '../../src/deploy/manifest.js';
import type { BuildWork } from '../../src/build/work.js';

const run = promisify(execFile);
/**
 * A build still running after this long is ended (and fails its test): a test that times out
 * would otherwise leave it running after the suite, hung or not.
 */
const buildTimeoutMs = 600_000;
const bin = path.resolve(import.meta.dirname, '../../bin/wiredesk.js');

/** Build with the real CLI; `env` tunes it (see `resolveTuning`). Returns what it printed on stderr. */
export async function cliBuild(cwd: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<string> {
  try {
    const { stderr } = await run(process.execPath, [bin, 'build', ...args], { cwd, env: { ...process.env, ...env }, timeout: buildTimeoutMs });
    return stderr;
  } catch (error) {
    // The exit code and signal said too: a build that stops silently (a signal, or Node's 13 for a wait that never ends) is told apart.
    const failed = error as { code?: unknown; signal?: unknown; stderr?: unknown };
    throw new Error(`wiredesk build failed in ${cwd}: exit code ${String(failed.code)}, signal ${String(failed.signal)}, stderr: ${String(failed.stderr)}`, { cause: error });
  }
}

/** The manifest the last build with a cache wrote in the site `cwd` (see `BuildManifest`). */
export async function lastManifest(cwd: string): Promise<BuildManifest> {
  return JSON.parse(await readFile(path.join(cwd, '.wiredesk-cache', 'manifest.json'), 'utf8')) as BuildManifest;
}

/** What the last build with a cache in the site `cwd` did to publish it (see `BuildWork`), from its manifest. */
export async function lastWork(cwd: string): Promise<BuildWork> {
  const { work } = await lastManifest(cwd);
  if (work === undefined) throw new Error(`The manifest in ${cwd} records no work`);
  return work;
}

/** Run the real CLI (compiled by `npm run compile`) with `args`, whether it succeeds or not: its exit code and what it printed. */
export async function cliOutcome(
  cwd: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<{ readonly code: number; readonly stdout: string; readonly stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd, env: { ...process.env, ...env }, timeout: buildTimeoutMs });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Build with the real CLI, whether it succeeds or not: its exit code and what it printed. */
export function cliBuildOutcome(cwd: string, args: readonly string[]): Promise<{ readonly code: number; readonly stdout: string; readonly stderr: string }> {
  return cliOutcome(cwd, ['build', ...args]);
}

/** Every file below `dir`, by relative path, with its bytes. */
export async function filesBelow(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  return new Map(await Promise.all(files.map(async (file) => [path.relative(dir, file), await readFile(file)] as const)));
}

/**
 * Two copies of one generated corpus (with `site` as site.yaml) in a new temporary folder: the
 * folder, and the paths of the two sites, to build differently and compare.
 */
export async function twinCorpora(options: {
  readonly stories: number;
  readonly seed: number;
  readonly site: string;
}): Promise<{ readonly root: string; readonly first: string; readonly second: string }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-twins-'));
  const first = path.join(root, 'first');
  const second = path.join(root, 'second');
  await writeCorpus(first, generateCorpus({ stories: options.stories, seed: options.seed }));
  await writeFile(path.join(first, 'site.yaml'), options.site);
  await cp(first, second, { recursive: true });
  return { root, first, second };
}

/** Expect two built folders to hold the same files with the same bytes. */
export async function expectSameFiles(actualDir: string, expectedDir: string): Promise<void> {
  const [actual, expected] = await Promise.all([filesBelow(actualDir), filesBelow(expectedDir)]);
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [name, bytes] of expected) expect(actual.get(name)?.equals(bytes), name).toBe(true);
}
