import { readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { BundleFile, KeptShards, MadeFiles, SearchBundle } from '../search/bundle.js';
import type { SearchShard } from '../search/shards.js';
import { readFramed, writeFramed } from './framed-file.js';
import { recordsFile } from './search-records.js';

// The search index's shards kept in the cache folder (`.wiredesk-cache/search/`): one file per
// shard with its index files, one with Pagefind's runtime, and an index that names each with the
// key it was made for, its checksum and its files' digests. A build reads the index only; a
// shard's file is read when the output does not hold its files already (a CI run on a fresh
// checkout with the cache restored), so a publish reads and indexes only the shards that changed.
// A shard made by a build is set aside at once (`<period>.staged.bin`) and read back when the
// output is written, so a cold build never holds every shard's bytes; the build that publishes
// renames it into place, and the next one removes what a failed build set aside.

const indexKind = 'wiredesk-cache-search-index-2';
const shardKind = 'wiredesk-cache-search-shard-1';
/** A shard's name: its period (see `planSearchShards`), `none`, or the runtime's. */
const shardName = /^(?:\d{4}-(?:q[1-4]|\d{2}(?:-w[1-4]|-\d{2}(?:-h(?:00|06|12|18))?)?)|none|runtime)$/;
/** A kept shard's file paths, one a line, each relative to its shard's folder: plain segments only. */
const filePaths = /^(?:(?:[\w-][\w.-]*\/)*[\w-][\w.-]*(?:\n|$))*$/;
const runtimeName = 'runtime';

/**
 * What the index records of one kept shard (or of the runtime): its files' paths and digests
 * each as one string, a line a file, so that the index of a 10,000-story site's hundred shards
 * and ten thousand files reads as a few hundred strings; a shard's are split when it is used.
 */
interface StoredShard {
  readonly name: string;
  readonly key: string;
  readonly checksum: string;
  readonly paths: string;
  readonly digests: string;
}

/** A kept shard's files, each with its digest. */
function filesOf(shard: StoredShard): { readonly path: string; readonly digest: string }[] {
  const paths = shard.paths === '' ? [] : shard.paths.split('\n');
  const digests = shard.digests === '' ? [] : shard.digests.split('\n');
  return paths.map((file, at) => ({ path: file, digest: digests[at] ?? '' }));
}

/** The search shards kept in a cache folder, as the last build left them. */
export interface StoredShards extends KeptShards {
  /** Keep this build's shards (`planned`) for the next one: write those made anew, forget the others. */
  keep(planned: readonly SearchShard[], bundle: SearchBundle): Promise<void>;
}

function folderOf(dir: string): string {
  return path.join(dir, 'search');
}

/**
 * The search shards kept in the cache folder `dir` (none when it holds none, or a damaged or
 * foreign index). A shard's files are read when first asked for, and checked against the index.
 */
export async function openStoredShards(dir: string): Promise<StoredShards> {
  const folder = folderOf(dir);
  const stored = await readIndex(folder);
  const byName = new Map(stored.map((shard) => [shard.name, shard]));
  const staged = new Map<string, StoredShard>();
  // Each shard asked for is made once: a build asks for it to plan, then for its files.
  const asked = new Map<string, MadeFiles>();
  const kept = (name: string, key: string): MadeFiles | undefined => {
    const shard = byName.get(name);
    if (shard?.key !== key) return undefined;
    const made = asked.get(name) ?? lazyShard(path.join(folder, `${name}.bin`), shard);
    asked.set(name, made);
    return made;
  };
  return {
    shard: (period, key) => kept(period, key),
    runtime: (key) => kept(runtimeName, key),
    async stage(period, made) {
      if (!shardName.test(period)) return made;
      const file = path.join(folder, `${period}.staged.bin`);
      try {
        const shard = await writeShard(file, period, made);
        staged.set(period, shard);
        return lazyShard(file, shard);
      } catch {
        // A cache folder that cannot be written (a full disk) must not fail the build: the shard stays in memory, and keeping the cache says what failed.
        rmSync(file, { force: true });
        return made;
      }
    },
    async keep(planned, bundle) {
      const next: StoredShard[] = [];
      const write = async (name: string, made: MadeFiles) => {
        const set = staged.get(name);
        if (set?.key === made.key) {
          renameSync(path.join(folder, `${name}.staged.bin`), path.join(folder, `${name}.bin`));
          next.push(set);
        } else next.push(await writeShard(path.join(folder, `${name}.bin`), name, made));
      };
      const carry = (name: string, key: string) => {
        const previous = byName.get(name);
        if (previous?.key === key) next.push(previous);
      };
      if (bundle.runtime) await write(runtimeName, bundle.runtime);
      else carry(runtimeName, byName.get(runtimeName)?.key ?? '');
      for (const shard of planned) {
        const made = bundle.made.get(shard.period);
        // The empty index of a site with no story is made each time (see `makeSearchBundle`).
        if (made) await write(shard.period, made);
        else carry(shard.period, shard.key);
      }
      await writeFramed(path.join(folder, 'index.bin'), indexKind, next);
      // The records beside the shards are kept by their own rules (see `openStoredRecords`).
      const wanted = new Set(['index.bin', recordsFile, ...next.map((shard) => `${shard.name}.bin`)]);
      for (const name of listFolder(folder)) if (!wanted.has(name)) rmSync(path.join(folder, name), { force: true, recursive: true });
    },
  };
}

/** Write a shard's files to `file` (framed, atomically); what the index records of it. */
async function writeShard(file: string, name: string, made: MadeFiles): Promise<StoredShard> {
  const files = await Promise.all(made.files.map(async (entry) => ({ path: entry.path, bytes: await bytesOf(entry) })));
  const checksum = await writeFramed(file, shardKind, { key: made.key, files });
  return { name, key: made.key, checksum, paths: made.files.map((entry) => entry.path).join('\n'), digests: made.files.map((entry) => entry.digest).join('\n') };
}

/**
 * A shard kept in `file`, its bytes read when first asked for and checked against `shard`; once
 * each of its files has been asked for (the write stage asks once), they are let go, so a build
 * that writes every shard holds one or two at a time.
 */
function lazyShard(file: string, shard: StoredShard): MadeFiles {
  const kept = filesOf(shard);
  let reading: Promise<Map<string, Uint8Array>> | undefined;
  // The files not asked for since the shard was read: made at the first ask (a publish asks for the files of one shard or two of a hundred).
  let unasked: Set<string> | undefined;
  return {
    key: shard.key,
    files: kept.map((entry) => ({
      path: entry.path,
      digest: entry.digest,
      bytes: async () => {
        const files = reading ?? readShard(file, shard, kept);
        reading = files;
        unasked ??= new Set(kept.map((other) => other.path));
        unasked.delete(entry.path);
        if (unasked.size === 0) {
          reading = undefined;
          unasked = undefined;
        }
        const bytes = (await files).get(entry.path);
        if (!bytes) throw new Error(`search: the cached shard ${shard.name} lacks ${entry.path}`);
        return bytes;
      },
    })),
  };
}

/** Forget every kept shard (a build with search off, or without the cache). */
export function forgetStoredShards(dir: string): void {
  rmSync(folderOf(dir), { recursive: true, force: true });
  // The whole-site bundle earlier versions kept.
  rmSync(path.join(dir, 'search.bin'), { force: true });
}

async function bytesOf(file: BundleFile): Promise<Uint8Array> {
  return typeof file.bytes === 'function' ? file.bytes() : file.bytes;
}

function listFolder(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

/** The index's shards, each checked; none when the index is missing, damaged or not one this code wrote. */
async function readIndex(folder: string): Promise<StoredShard[]> {
  const framed = await readFramed(path.join(folder, 'index.bin'), indexKind);
  const value = framed?.value;
  if (!Array.isArray(value)) return [];
  const valid = (value as unknown[]).every((entry): entry is StoredShard => {
    const shard = entry as Partial<StoredShard> | null;
    return (
      typeof shard?.name === 'string' &&
      shardName.test(shard.name) &&
      typeof shard.key === 'string' &&
      typeof shard.checksum === 'string' &&
      typeof shard.paths === 'string' &&
      filePaths.test(shard.paths) &&
      typeof shard.digests === 'string' &&
      lineCount(shard.digests) === lineCount(shard.paths)
    );
  });
  return valid ? (value as StoredShard[]) : [];
}

/** The lines of a text, counted without splitting it. */
function lineCount(text: string): number {
  let count = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/** A kept shard's files by path: what the index says, or an error that names the damaged file (the build fails, the output stays). */
async function readShard(file: string, shard: StoredShard, kept: readonly { readonly path: string }[]): Promise<Map<string, Uint8Array>> {
  const framed = await readFramed(file, shardKind, shard.checksum);
  const value = framed?.value as { key?: unknown; files?: unknown } | undefined;
  const files = new Map<string, Uint8Array>();
  if (value?.key === shard.key && Array.isArray(value.files)) {
    for (const file of value.files as { path?: unknown; bytes?: unknown }[]) if (typeof file.path === 'string' && file.bytes instanceof Uint8Array) files.set(file.path, file.bytes);
  }
  if (!kept.every((entry) => files.has(entry.path))) {
    // Forgotten, so that the next build indexes the shard anew.
    rmSync(path.join(path.dirname(file), 'index.bin'), { force: true });
    throw new Error(`search: the search index kept in the cache (${shard.name}) is damaged; it is forgotten, build again`);
  }
  return files;
}
