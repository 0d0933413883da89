import { contentTypeOf } from '../dev/content-type.js';
import type { Served } from '../dev/site-source.js';
import type { Article } from '../model/article.js';
import type { SiteConfig } from '../model/config.js';
import { makeSearchBundle, type BundleFile, type MadeFiles } from './bundle.js';
import { documentsToKeep } from './kept-documents.js';
import { searchFolder } from './pagefind-index.js';
import { planSearchShards, searchKeyBase } from './shards.js';
import type { SearchDocument } from './story-record.js';

/** What the preview's search index reads: the settings and the live stories, as the dev engine holds them. */
export interface DevSearchSite {
  readonly config: SiteConfig | undefined;
  /** The live stories of the last good build (never an embargoed, withheld or killed one, even with `--drafts`). */
  liveArticles(): readonly Article[];
}

/** What the last indexing of the preview did: its shards, how many Pagefind indexed and how many were kept. */
export interface DevSearchWork {
  readonly shards: number;
  readonly shardsIndexed: number;
  readonly shardsReused: number;
}

/** The preview's search index: `pagefind/…` files made from the live stories, in memory. */
export interface DevSearchIndex {
  /** The file at `sitePath` under `pagefind/` (indexing on the first such request after a change), or undefined. */
  lookup(sitePath: string): Promise<Served | undefined>;
  /** The stories changed: make the bundle again on the next request, indexing only the shards whose stories changed. */
  invalidate(): void;
  /** What the last indexing did, if there was one. */
  lastWork(): DevSearchWork | undefined;
}

/**
 * The search index of `wiredesk dev`: nothing is indexed until the search page asks for Pagefind's
 * files, so a preview that never searches pays nothing. It is cut into the shards a build makes
 * (see `planSearchShards`), kept in memory: after an edit, the next search indexes only the shards
 * whose stories changed.
 */
export function createDevSearchIndex(site: DevSearchSite): DevSearchIndex {
  let files: Promise<Map<string, BundleFile>> | undefined;
  let shards = new Map<string, MadeFiles>();
  let runtime: MadeFiles | undefined;
  // The documents of the shards the last indexing made, by story and under its key base: an edit makes the edited story's alone.
  let records: { base: string; documents: Map<string, SearchDocument> } | undefined;
  let work: DevSearchWork | undefined;
  const make = async (config: SiteConfig) => {
    const base = searchKeyBase('dev', JSON.stringify(config));
    const planned = planSearchShards(site.liveArticles(), base);
    const kept = {
      shard: (period: string, key: string) => (shards.get(period)?.key === key ? shards.get(period) : undefined),
      runtime: (key: string) => (runtime?.key === key ? runtime : undefined),
      record: (story: string) => (records?.base === base ? records.documents.get(story) : undefined),
    };
    const bundle = await makeSearchBundle(planned, config, base, kept);
    // An indexing that made no shard leaves the documents as they were.
    if (bundle.indexed > 0) records = { base, documents: documentsToKeep(planned, bundle, kept.record) };
    shards = new Map(planned.flatMap((shard) => [bundle.made.get(shard.period) ?? kept.shard(shard.period, shard.key)].flatMap((made) => (made ? [[shard.period, made] as const] : []))));
    runtime = bundle.runtime ?? runtime;
    work = { shards: planned.length, shardsIndexed: bundle.indexed, shardsReused: bundle.reused };
    return new Map(bundle.files.map((file) => [file.path, file]));
  };
  return {
    async lookup(sitePath) {
      const config = site.config;
      if (!config?.search || !sitePath.startsWith(searchFolder)) return undefined;
      if (!files) {
        const making = make(config);
        // A failed indexing is tried again by the next request.
        making.catch(() => {
          if (files === making) files = undefined;
        });
        files = making;
      }
      const file = (await files).get(sitePath);
      if (!file) return undefined;
      const body = typeof file.bytes === 'function' ? await file.bytes() : file.bytes;
      return { kind: 'bytes', body, contentType: contentTypeOf(sitePath) };
    },
    invalidate() {
      files = undefined;
    },
    lastWork: () => work,
  };
}
