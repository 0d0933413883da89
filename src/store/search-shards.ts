import { readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { BundleFile, KeptShards, MadeFiles, SearchBundle } from '../search/bundle.js';
import type { SearchShard } from '../search/shards.js';
import { readFramed, writeFramed } from './framed-file.js';

// The search index's shards kept in the cache folder (`.wiredesk-cache/search/`): one file per
// shard with its index files, one with Pagefind's runtime, and an index that names each with the
// key it was made for, its checksum and its files' digests. A build reads the index only; a
// shard's file is read when the output does not hold its files already (a CI run on a fresh
// checkout with the cache restored), so a publish reads and indexes only the shards that changed.
// A shard made by a build is set aside at once (`<period>.staged.bin`) and read back when the
// output is written, so a cold build never holds every shard's bytes; the build that publishes
// renames it into place, and the next one removes what a failed build set aside.

const indexKind = 'wiredesk-cache-search-index-1';
const shardKind = 'wiredesk-cache-search-shard-1';
/** A shard's name: its period (see `planSearchShards`), `none`, or the runtime's. */
const shardName = /^(?:\d{4}-(?:q[1-4]|\d{2}(?:-w[1-4])?)|none|runtime)$/;
/** A kept file's path, relative to its shard's folder: plain segments only. */
const filePath = /^(?:[\w-][\w.-]*\/)*[\w-][\w.-]*$/;
const runtimeName = 'runtime';

/** What the index records of one kept shard (or of the runtime). */
interface StoredShard {
  readonly name: string;
  readonly key: string;
  readonly checksum: string;
  readonly files: readonly { readonly path: string; readonly digest: string }[];
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
  const kept = (name: string, key: string): MadeFiles | undefined => {
    const shard = byName.get(name);
    return shard?.key === key ? lazyShard(path.join(folder, `${name}.bin`), shard) : undefined;
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
      const wanted = new Set(['index.bin', ...next.map((shard) => `${shard.name}.bin`)]);
      for (const name of listFolder(folder)) if (!wanted.has(name)) rmSync(path.join(folder, name), { force: true, recursive: true });
    },
  };
}

/** Write a shard's files to `file` (framed, atomically); what the index records of it. */
async function writeShard(file: string, name: string, made: MadeFiles): Promise<StoredShard> {
  const files = await Promise.all(made.files.map(async (entry) => ({ path: entry.path, bytes: await bytesOf(entry) })));
  const checksum = await writeFramed(file, shardKind, { key: made.key, files });
  return { name, key: made.key, checksum, files: made.files.map(({ path: entry, digest }) => ({ path: entry, digest })) };
}

/**
 * A shard kept in `file`, its bytes read when first asked for and checked against `shard`; once
 * each of its files has been asked for (the write stage asks once), they are let go, so a build
 * that writes every shard holds one or two at a time.
 */
function lazyShard(file: string, shard: StoredShard): MadeFiles {
  let reading: Promise<Map<string, Uint8Array>> | undefined;
  // The files not asked for since the shard was read: made at the first ask (a publish asks for the files of one shard or two of a hundred).
  let unasked: Set<string> | undefined;
  return {
    key: shard.key,
    files: shard.files.map((entry) => ({
      path: entry.path,
      digest: entry.digest,
      bytes: async () => {
        const files = reading ?? readShard(file, shard);
        reading = files;
        unasked ??= new Set(shard.files.map((kept) => kept.path));
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
      Array.isArray(shard.files) &&
      shard.files.every((file: unknown) => {
        const entry = file as { path?: unknown; digest?: unknown } | null;
        return typeof entry?.path === 'string' && filePath.test(entry.path) && typeof entry.digest === 'string';
      })
    );
  });
  return valid ? (value as StoredShard[]) : [];
}

/** A kept shard's files by path: what the index says, or an error that names the damaged file (the build fails, the output stays). */
async function readShard(file: string, shard: StoredShard): Promise<Map<string, Uint8Array>> {
  const framed = await readFramed(file, shardKind, shard.checksum);
  const value = framed?.value as { key?: unknown; files?: unknown } | undefined;
  const files = new Map<string, Uint8Array>();
  if (value?.key === shard.key && Array.isArray(value.files)) {
    for (const file of value.files as { path?: unknown; bytes?: unknown }[]) if (typeof file.path === 'string' && file.bytes instanceof Uint8Array) files.set(file.path, file.bytes);
  }
  if (!shard.files.every((file) => files.has(file.path))) {
    // Forgotten, so that the next build indexes the shard anew.
    rmSync(path.join(path.dirname(file), 'index.bin'), { force: true });
    throw new Error(`search: the search index kept in the cache (${shard.name}) is damaged; it is forgotten, build again`);
  }
  return files;
}
