import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, rmSync } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { filePathOf } from '../model/urls.js';
import { mapBounded } from './bounded.js';

/** A file from the stories folder that the site publishes (a lead image), and where. */
export interface CopiedAsset {
  /** Absolute path of the source file. */
  readonly from: string;
  /** Site-relative path it is published at (`media/…`). */
  readonly path: string;
}

/** A file to write: its site-relative URL path and how to produce its bytes (called at most once). */
export interface OutputFile {
  readonly path: string;
  readonly render: () => string | Uint8Array;
  /** The output was proven unchanged (same reads, same code): keep the previous file without rendering. */
  readonly unchanged?: boolean;
  /** The digest of the previous build's bytes for this file: equal new bytes keep the previous file. */
  readonly previousDigest?: string | undefined;
}

/** What happened to one output file. */
export type FileOutcome = 'added' | 'changed' | 'unchanged';

/** What the write stage did: per file, its outcome and the digest of its bytes, and what disappeared. */
export interface WriteResult {
  readonly files: ReadonlyMap<string, { readonly outcome: FileOutcome; readonly digest: string }>;
  readonly removed: readonly string[];
  readonly bytes: number;
}

const parallelWrites = 32;

/** From this many files on, the previous output is deleted by a background process after the swap. */
const backgroundRemovalFrom = 2_000;

/** The digest recorded for an output file's bytes. */
function bytesDigest(contents: string | Uint8Array): string {
  return createHash('sha1').update(contents).digest('base64');
}

/**
 * Write every page and copied asset into a staging folder beside `outDir`, then swap it in:
 * a build that fails or is killed before the swap leaves the previous output exactly as it was.
 * Files whose bytes did not change are hard links to the previous ones, so they keep their
 * modification time and deploy tools that sync by time or size upload only what changed.
 */
export async function writeSite(pages: readonly OutputFile[], assets: readonly CopiedAsset[], outDir: string): Promise<WriteResult> {
  const out = path.resolve(outDir);
  await recoverInterruptedSwap(out);
  const staging = siblingPath(out, `staging-${process.pid}-${Date.now()}`);
  await mkdir(staging, { recursive: true });
  let bytes = 0;
  const files = new Map<string, { outcome: FileOutcome; digest: string }>();
  try {
    const made = new Set<string>();
    // Synchronous on purpose: thousands of tiny link calls cost far less in one loop than queued on the thread pool.
    const keepPrevious = (relative: string, file: string): boolean => {
      try {
        linkSync(insideFolder(out, relative), file);
        return true;
      } catch {
        return false;
      }
    };
    const ensureDir = (file: string) => {
      const dir = path.dirname(file);
      if (made.has(dir)) return;
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    };
    // Files proven unchanged are kept first, in one pass, without rendering.
    const toRender: OutputFile[] = [];
    for (const page of pages) {
      const relative = filePathOf(page.path);
      const file = insideFolder(staging, relative);
      if (page.unchanged && page.previousDigest !== undefined) {
        ensureDir(file);
        if (keepPrevious(relative, file)) {
          files.set(relative, { outcome: 'unchanged', digest: page.previousDigest });
          continue;
        }
      }
      toRender.push(page);
    }
    const jobs: (() => Promise<void>)[] = [
      ...toRender.map((page) => async () => {
        const relative = filePathOf(page.path);
        const file = insideFolder(staging, relative);
        ensureDir(file);
        const contents = page.render();
        const digest = bytesDigest(contents);
        bytes += typeof contents === 'string' ? Buffer.byteLength(contents) : contents.byteLength;
        if (digest === page.previousDigest && keepPrevious(relative, file)) {
          files.set(relative, { outcome: 'unchanged', digest });
          return;
        }
        await writeFile(file, contents);
        files.set(relative, { outcome: page.previousDigest === undefined ? 'added' : 'changed', digest });
      }),
      ...assets.map((asset) => async () => {
        const relative = filePathOf(asset.path);
        const file = insideFolder(staging, relative);
        ensureDir(file);
        await copyFile(asset.from, file);
        // The copy keeps the original's times, so an unchanged picture looks unchanged to deploy tools.
        const { atime, mtime } = await stat(asset.from);
        await utimes(file, atime, mtime);
        files.set(relative, { outcome: 'changed', digest: '' });
      }),
    ];
    await mapBounded(jobs, parallelWrites, (job) => job());
    const removed = await filesNoLongerThere(out, files);
    await swapIn(staging, out, files.size > backgroundRemovalFrom);
    return { files, removed, bytes };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

async function filesNoLongerThere(out: string, files: ReadonlyMap<string, unknown>): Promise<string[]> {
  if (!existsSync(out)) return [];
  const entries = await readdir(out, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(out, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((relative) => !files.has(relative))
    .sort();
}

/** Replace `out` by `staging` with two renames; the old output is removed only once the new one is in place. */
async function swapIn(staging: string, out: string, removeInBackground: boolean): Promise<void> {
  const previous = siblingPath(out, 'previous');
  await rm(previous, { recursive: true, force: true });
  if (existsSync(out)) await rename(out, previous);
  await rename(staging, out);
  if (!existsSync(previous)) return;
  if (!removeInBackground) {
    rmSync(previous, { recursive: true, force: true });
    return;
  }
  // Deleting tens of thousands of files takes seconds: hand the old output to a detached `rm`.
  const trash = siblingPath(out, `trash-${process.pid}-${Date.now()}`);
  await rename(previous, trash);
  const remover = spawn('rm', ['-rf', trash], { detached: true, stdio: 'ignore' });
  remover.on('error', () => rmSync(trash, { recursive: true, force: true }));
  remover.unref();
}

/** A build killed between the two renames leaves only `previous`: put it back. Stale staging folders are removed. */
async function recoverInterruptedSwap(out: string): Promise<void> {
  const previous = siblingPath(out, 'previous');
  if (!existsSync(out) && existsSync(previous)) await rename(previous, out);
  const parent = path.dirname(out);
  const prefix = `.${path.basename(out)}.staging-`;
  if (!existsSync(parent)) return;
  const trash = `.${path.basename(out)}.trash-`;
  for (const entry of await readdir(parent)) {
    const pid = Number(entry.startsWith(prefix) ? entry.slice(prefix.length).split('-')[0] : NaN);
    if (Number.isInteger(pid) && !isAlive(pid)) await rm(path.join(parent, entry), { recursive: true, force: true });
    // A trash folder its background `rm` left (an hour is far longer than any removal takes).
    const thrown = Number(entry.startsWith(trash) ? entry.slice(trash.length).split('-')[1] : NaN);
    if (Number.isInteger(thrown) && Date.now() - thrown > 3_600_000) await rm(path.join(parent, entry), { recursive: true, force: true });
  }
}

function siblingPath(out: string, suffix: string): string {
  return path.join(path.dirname(out), `.${path.basename(out)}.${suffix}`);
}

/** Resolve a site-relative file path inside `folder`, refusing any path that would leave it. */
function insideFolder(folder: string, relative: string): string {
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
