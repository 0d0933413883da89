import type { Site } from '../model/site.js';
import type { DerivedFiles } from '../output/write.js';
import type { SearchIndexWork } from '../build/work.js';
import { openStoredRecords } from '../store/search-records.js';
import { openStoredShards, type StoredShards } from '../store/search-shards.js';
import { makeSearchBundle, type KeptShards, type SearchBundle } from './bundle.js';
import { searchFolder } from './pagefind-index.js';
import { planSearchShards, searchKeyBase } from './shards.js';

/** The build's search step: the files it adds to the output, what it did, and how to keep its shards. */
export interface SearchStep {
  readonly step: DerivedFiles;
  /**
   * Settles once Pagefind holds the documents of the first shard to index (at once when none is to
   * be indexed, or the indexing failed): from then on it indexes them on its own core, while this
   * thread goes on with the build.
   */
  readonly sent: Promise<void>;
  /** What the step did, once the output is written. */
  work(): SearchIndexWork;
  /** Keep the shards for the next build in the cache folder (after the output is published). */
  keep(): Promise<void>;
}

/** What a build's search step needs besides the site. */
export interface SearchStepOptions {
  /** The cache folder, when the build uses the cache (its kept shards are reused, and this build's kept). */
  readonly cacheDir: string | undefined;
  /** The digest of wiredesk's code, and the site's settings as the cache keys them. */
  readonly code: string;
  readonly settings: string;
  /** Each story file's digest by its source path, as the build read them (so a story from the cache is not read whole for it). */
  readonly digests: ReadonlyMap<string, string>;
  /** Index many shards on two Pagefind services at once (`Tuning.searchThread`). */
  readonly thread?: boolean;
}

/**
 * The write stage's search step: the index of the site's live stories, made from their model,
 * one shard per publication period (see `planSearchShards`). Shards whose stories are those the
 * kept shard indexed are taken from the cache without running Pagefind, and files the output
 * holds already are kept as they are; the bundle goes live with the pages it describes. The
 * indexing starts at once, so that it runs beside the rendering and writing of the pages.
 */
export async function searchIndexStep(site: Site, options: SearchStepOptions): Promise<SearchStep> {
  const base = searchKeyBase(options.code, options.settings);
  const shards = planSearchShards(site.articles, base, (article) => options.digests.get(article.source) ?? article.digest);
  const stored: StoredShards | undefined = options.cacheDir === undefined ? undefined : await openStoredShards(options.cacheDir);
  const records = options.cacheDir === undefined ? undefined : openStoredRecords(options.cacheDir, base);
  const none: KeptShards = { shard: () => undefined, runtime: () => undefined };
  let bundle: SearchBundle | undefined;
  let firstSent = () => {};
  const sentFirst = new Promise<void>((resolve) => (firstSent = resolve));
  // Made from the model, not from the pages: started now, it runs while the pages render and are written.
  const made = makeSearchBundle(shards, site.config, base, stored && records ? { ...stored, record: records.record } : none, { thread: options.thread === true, onFirstSent: firstSent });
  // A build that fails before the write stage asks for it leaves it unasked: not an unhandled rejection.
  made.catch(() => undefined);
  const ended = made.then(
    () => undefined,
    () => undefined,
  );
  return {
    sent: Promise.race([sentFirst, ended]),
    step: {
      folder: searchFolder,
      make: async () => {
        bundle = await made;
        return bundle.files;
      },
    },
    work: () => (bundle ? { shards: shards.length, shardsIndexed: bundle.indexed, shardsReused: bundle.reused } : 'kept'),
    async keep() {
      if (!stored || !bundle) return;
      await stored.keep(shards, bundle);
      await records?.keep(shards, bundle);
    },
  };
}
