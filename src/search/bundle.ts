import type { SiteConfig } from '../model/config.js';
import { bytesDigest } from '../output/output-file.js';
import { makeSearchIndexes, searchFolder, shardListFile, type SearchFile, type SearchIndexOptions } from './pagefind-index.js';
import { emptyPeriod, type SearchShard } from './shards.js';
import { storySearchDocument, type SearchDocument } from './story-record.js';

// The published search bundle: Pagefind's runtime (scripts, styles, WebAssembly) once, under
// `pagefind/`, with the newest shard's index beside it (Pagefind's primary index, which loads the
// WebAssembly); every older shard's index in `pagefind/<period>/`, merged in the browser
// (`mergeIndex`), which loads only its entry, metadata, index, filter and fragment files; and
// `pagefind/wiredesk-shards.json`, the list the search page merges.

/** One file of a shard or of the runtime, relative to its folder: its digest, and its bytes or how to read them. */
export interface BundleFile {
  readonly path: string;
  /** `bytesDigest` of the bytes: the write stage keeps a file that holds them without reading them. */
  readonly digest: string;
  readonly bytes: Uint8Array | (() => Promise<Uint8Array>);
}

/** The files of one shard's index, or of Pagefind's runtime, with the key they were made for. */
export interface MadeFiles {
  readonly key: string;
  readonly files: readonly BundleFile[];
}

/** Shards and runtime kept from an earlier indexing (the cache folder, or the preview's memory). */
export interface KeptShards {
  /** The shard of `period` made for `key`, if kept. */
  shard(period: string, key: string): MadeFiles | undefined;
  /** Pagefind's runtime made for `key`, if kept. */
  runtime(key: string): MadeFiles | undefined;
  /**
   * Set aside a shard just made (the cache folder writes it beside the kept ones), and give it back
   * with its bytes read from there when asked: a build then holds the bytes of the shards being
   * made, not of every shard made. Without it, made shards stay in memory.
   */
  stage?(period: string, made: MadeFiles): Promise<MadeFiles>;
  /** The search document made earlier for a story (one of `SearchShard.stories`) under the same key base, if kept. */
  record?(story: string): SearchDocument | undefined;
}

/**
 * Shards indexed at once up to which each one's documents are kept (a publish, an edit); a build
 * that indexes more (a cold build) keeps the newest shard's only, so what is kept stays small.
 */
const documentsKeptUpTo = 3;

/** The whole bundle to publish, what was made anew (for keeping), and counts. */
export interface SearchBundle {
  /** Every file, site-relative (under `pagefind/`). */
  readonly files: readonly BundleFile[];
  /** The shards made by this indexing, by period. */
  readonly made: ReadonlyMap<string, MadeFiles>;
  /** The runtime made by this indexing, when it is worth keeping (it came from an index with stories, so it has the language's WebAssembly). */
  readonly runtime: MadeFiles | undefined;
  /** The documents of the shards indexed whose records are worth keeping, by period, in the order of their `SearchShard.stories`. */
  readonly documents: ReadonlyMap<string, readonly SearchDocument[]>;
  readonly indexed: number;
  readonly reused: number;
}

/**
 * Make the bundle of `shards` (newest first, see `planSearchShards`): shards that `kept` holds for
 * their key are taken as they are, the others indexed in one run of Pagefind; none when every
 * shard is kept. Pagefind's runtime is kept by `runtimeKey`; without it, the newest shard is
 * indexed too, to have it. A story's document is the one `kept` holds for it, or made from its
 * model. With `options.thread`, a cold build's many shards are indexed by two Pagefind services
 * at once (see `makeSearchIndexes`).
 */
export async function makeSearchBundle(
  shards: readonly SearchShard[],
  config: SiteConfig,
  runtimeKey: string,
  kept: KeptShards,
  options: Omit<SearchIndexOptions, 'language'> = {},
): Promise<SearchBundle> {
  // A site with no live story has an index without the language's WebAssembly: made each time, as a clean build makes it.
  const keptRuntime = shards[0]?.period === emptyPeriod ? undefined : kept.runtime(runtimeKey);
  const toIndex = shards.filter((shard, position) => (position === 0 && !keptRuntime) || kept.shard(shard.period, shard.key) === undefined);
  const documents = new Map<string, SearchDocument[]>();
  const indexes = toIndex.map((shard) => {
    const keeping: SearchDocument[] | undefined = shard === shards[0] || toIndex.length <= documentsKeptUpTo ? [] : undefined;
    if (keeping) documents.set(shard.period, keeping);
    return {
      name: shard.period,
      *documents() {
        for (const [position, article] of shard.articles.entries()) {
          const document = kept.record?.(shard.stories[position] ?? '') ?? storySearchDocument(article, config);
          keeping?.push(document);
          yield document;
        }
      },
    };
  });
  const made = new Map<string, MadeFiles>();
  // Of the indexes made, the runtime of the first (in shard order) with stories, and of the first at all: as if made one after another.
  let runtime: { position: number; files: MadeFiles } | undefined;
  let anyRuntime: { position: number; files: MadeFiles } | undefined;
  await makeSearchIndexes(indexes, { ...options, language: config.language }, async (bundle, position) => {
    const shard = toIndex[position] as SearchShard;
    const { index, rest } = splitBundle(bundle);
    const shardFiles = { key: shard.key, files: index };
    made.set(shard.period, kept.stage ? await kept.stage(shard.period, shardFiles) : shardFiles);
    const ownRuntime = { position, files: { key: runtimeKey, files: rest } };
    if (!anyRuntime || position < anyRuntime.position) anyRuntime = ownRuntime;
    if (shard.period !== emptyPeriod && (!runtime || position < runtime.position)) runtime = ownRuntime;
  });
  const runtimeFiles = keptRuntime ?? runtime?.files ?? anyRuntime?.files;
  if (!runtimeFiles) throw new Error('search: no Pagefind runtime was made or kept');
  const placed = (folder: string, files: readonly BundleFile[]) => files.map((file) => ({ ...file, path: `${searchFolder}${folder}${file.path}` }));
  const files: BundleFile[] = [...placed('', runtimeFiles.files)];
  shards.forEach((shard, position) => {
    const shardFiles = made.get(shard.period) ?? kept.shard(shard.period, shard.key);
    if (shardFiles) files.push(...placed(position === 0 ? '' : `${shard.period}/`, shardFiles.files));
  });
  const list = new TextEncoder().encode(`${JSON.stringify({ merge: shards.slice(1).map((shard) => `${shard.period}/`) })}\n`);
  files.push({ path: `${searchFolder}${shardListFile}`, digest: bytesDigest(list), bytes: list });
  return { files, made, runtime: keptRuntime ? undefined : runtime?.files, documents, indexed: toIndex.length, reused: shards.length - toIndex.length };
}

/** A Pagefind bundle's index files (entry, metadata, index, filter and fragment files) apart from its runtime. */
function splitBundle(files: readonly SearchFile[]): { index: BundleFile[]; rest: BundleFile[] } {
  const index: BundleFile[] = [];
  const rest: BundleFile[] = [];
  for (const file of files) {
    const entry = { path: file.path, digest: bytesDigest(file.bytes), bytes: file.bytes };
    (isIndexFile(file.path) ? index : rest).push(entry);
  }
  return { index, rest };
}

/** Whether a bundle's file belongs to its index rather than to Pagefind's runtime. */
function isIndexFile(file: string): boolean {
  return file === 'pagefind-entry.json' || file.endsWith('.pf_meta') || /^(?:index|fragment|filter)\//.test(file);
}
