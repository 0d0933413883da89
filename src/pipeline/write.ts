import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { filePathOf } from '../model/urls.js';

/** A file from the stories folder that the site publishes (a lead image), and where. */
export interface CopiedAsset {
  /** Absolute path of the source file. */
  readonly from: string;
  /** Site-relative path it is published at (`media/…`). */
  readonly path: string;
}

/** A file to write: its site-relative URL path and how to produce its bytes (called once). */
export interface OutputFile {
  readonly path: string;
  readonly render: () => string | Uint8Array;
}

/** What the write stage did. */
export interface WriteResult {
  readonly files: number;
  readonly bytes: number;
}

const parallelWrites = 32;

/**
 * Write every page and copied asset into a staging folder beside `outDir`, then swap it in:
 * a build that fails or is killed before the swap leaves the previous output exactly as it was.
 */
export async function writeSite(pages: readonly OutputFile[], assets: readonly CopiedAsset[], outDir: string): Promise<WriteResult> {
  const out = path.resolve(outDir);
  await recoverInterruptedSwap(out);
  const staging = siblingPath(out, `staging-${process.pid}-${Date.now()}`);
  await mkdir(staging, { recursive: true });
  let bytes = 0;
  try {
    const made = new Set<string>();
    const ensureDir = async (file: string) => {
      const dir = path.dirname(file);
      if (made.has(dir)) return;
      await mkdir(dir, { recursive: true });
      made.add(dir);
    };
    const jobs: (() => Promise<void>)[] = [
      ...pages.map((page) => async () => {
        const file = insideFolder(staging, filePathOf(page.path));
        const contents = page.render();
        bytes += typeof contents === 'string' ? Buffer.byteLength(contents) : contents.byteLength;
        await ensureDir(file);
        await writeFile(file, contents);
      }),
      ...assets.map((asset) => async () => {
        const file = insideFolder(staging, filePathOf(asset.path));
        await ensureDir(file);
        await copyFile(asset.from, file);
      }),
    ];
    await runLimited(jobs, parallelWrites);
    await swapIn(staging, out);
    return { files: jobs.length, bytes };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Replace `out` by `staging` with two renames; the old output is removed only once the new one is in place. */
async function swapIn(staging: string, out: string): Promise<void> {
  const previous = siblingPath(out, 'previous');
  await rm(previous, { recursive: true, force: true });
  if (existsSync(out)) await rename(out, previous);
  await rename(staging, out);
  await rm(previous, { recursive: true, force: true });
}

/** A build killed between the two renames leaves only `previous`: put it back. Stale staging folders are removed. */
async function recoverInterruptedSwap(out: string): Promise<void> {
  const previous = siblingPath(out, 'previous');
  if (!existsSync(out) && existsSync(previous)) await rename(previous, out);
  const parent = path.dirname(out);
  const prefix = `.${path.basename(out)}.staging-`;
  if (!existsSync(parent)) return;
  for (const entry of await readdir(parent)) {
    const pid = Number(entry.startsWith(prefix) ? entry.slice(prefix.length).split('-')[0] : NaN);
    if (Number.isInteger(pid) && !isAlive(pid)) await rm(path.join(parent, entry), { recursive: true, force: true });
  }
}

function siblingPath(out: string, suffix: string): string {
  return path.join(path.dirname(out), `.${path.basename(out)}.${suffix}`);
}

/** Resolve a site-relative file path inside `folder`, refusing any path that would leave it. */
export function insideFolder(folder: string, relative: string): string {
  const file = path.resolve(folder, relative);
  if (!file.startsWith(folder + path.sep)) throw new Error(`Refusing to write "${relative}": it is outside the output folder`);
  return file;
}

/** True when another live process may still be writing its staging folder (our own pid's leftovers are stale). */
function isAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function runLimited(jobs: readonly (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      if (job) await job();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
}
