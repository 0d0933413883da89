import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { treesFolder } from '../../src/output/output-trees.js';
import { catchUpFinished } from '../../src/output/tree-catch-up.js';
import { moveToBenchTrash } from '../process-stats.js';

// The static site generators the build-speed bench runs on one corpus folder: wiredesk (the real CLI) and
// its peers, each as a command, a clean-up for a cold build and the folder it writes.

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const peersDir = path.join(repo, 'bench', 'peers');

/** A site generator ready to build the corpus in one work folder. */
export interface BuildTool {
  /** The name in the tables, with the version when known (`Hugo 0.111.3`). */
  readonly label: string;
  /** Where the built site lands. */
  readonly outDir: string;
  /** The command that builds the site once. */
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** Move everything a previous build left (output, caches) into the bench's trash (see `moveToBenchTrash`), so that the next build is cold. */
  clean(): Promise<void>;
  /** Wait for what a build left running in the background, so that the next timed build runs alone. */
  settle?(): Promise<void>;
}

/** A peer that cannot run here, and what to do about it. */
export interface MissingTool {
  readonly name: string;
  readonly note: string;
}

const run = promisify(execFile);

/** Wiredesk's own CLI building `<work>/stories` (with `<work>/site.yaml`) into `<work>/dist`. */
export function wiredesk(work: string): BuildTool {
  const version = (JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { version?: string }).version;
  return {
    label: `wiredesk${version === undefined ? '' : ` ${version}`}`,
    outDir: path.join(work, 'dist'),
    command: process.execPath,
    args: [path.join(repo, 'bin', 'wiredesk.js'), 'build'],
    cwd: work,
    // A build that wrote most of the site leaves a catch-up linking the other output tree (about a
    // second at 10,000 stories): a newsroom's next build comes later than that, so the bench waits too.
    settle: () => catchUpFinished(path.join(work, 'dist')),
    clean: async () => {
      // dist/, both output trees behind it (a tree left from the last builds would hold every page's
      // bytes, and a cold build would write none), the cache, and any staging folder (`.dist-*`) an
      // interrupted build left.
      const staging = (await readdir(work)).filter((name) => name.startsWith('.dist-'));
      const out = path.join(work, 'dist');
      for (const folder of [out, treesFolder(out), path.join(work, '.wiredesk-cache'), ...staging.map((name) => path.join(work, name))]) await moveToBenchTrash(folder);
    },
  };
}

/** Hugo (Debian package `hugo`) with the site in bench/peers/hugo, reading `<work>/stories` as its content. */
export async function hugo(work: string): Promise<BuildTool | MissingTool> {
  let version: string;
  try {
    const { stdout } = await run('hugo', ['version'], { timeout: 10_000 });
    version = /v(\d+\.\d+\.\d+)/.exec(stdout)?.[1] ?? 'unknown version';
  } catch {
    return { name: 'Hugo', note: 'Hugo is not installed (`apt-get install hugo`): skipped.' };
  }
  const site = path.join(work, 'hugo-site');
  // A copy, so that Hugo's lock file and caches stay out of the repository.
  await cp(path.join(peersDir, 'hugo'), site, { recursive: true });
  const outDir = path.join(work, 'hugo-dist');
  const cacheDir = path.join(work, 'hugo-cache');
  return {
    label: `Hugo ${version}`,
    outDir,
    command: 'hugo',
    args: ['--quiet', '--contentDir', path.join(work, 'stories'), '--destination', outDir, '--cacheDir', cacheDir],
    cwd: site,
    clean: async () => {
      for (const dir of [outDir, cacheDir, path.join(site, 'resources')]) await moveToBenchTrash(dir);
    },
  };
}

/** Eleventy 3, installed in bench/peers/eleventy, with the config there, reading `<work>/stories` as its input. */
export async function eleventy(work: string): Promise<BuildTool | MissingTool> {
  const home = path.join(peersDir, 'eleventy');
  const manifest = path.join(home, 'node_modules', '@11ty', 'eleventy', 'package.json');
  const cli = path.join(home, 'node_modules', '@11ty', 'eleventy', 'cmd.cjs');
  if (!existsSync(manifest) || !existsSync(cli)) {
    return { name: 'Eleventy', note: 'Eleventy is not installed (`npm install --prefix bench/peers/eleventy`): skipped.' };
  }
  const version = (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version ?? 'unknown version';
  const outDir = path.join(work, 'eleventy-dist');
  return {
    label: `Eleventy ${version}`,
    outDir,
    command: process.execPath,
    args: [cli, `--config=${path.join(home, 'eleventy.config.js')}`, `--input=${path.join(work, 'stories')}`, `--output=${outDir}`, '--quiet'],
    cwd: work,
    clean: async () => {
      for (const dir of [outDir, path.join(work, '.cache')]) await moveToBenchTrash(dir);
    },
  };
}

/** Whether a peer lookup found a runnable tool. */
export function isTool(tool: BuildTool | MissingTool): tool is BuildTool {
  return 'command' in tool;
}
