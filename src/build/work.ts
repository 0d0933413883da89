/**
 * How a build came by the site it published: taken as the output already was, the last
 * resolution reused (every story kept its shape), the last resolution extended (new stories in
 * their place), or the whole site resolved.
 */
export type AssembledBy = 'up-to-date' | 'reused' | 'extended' | 'resolved';

/**
 * What a build did with the search index: none (`search` is off), kept it whole (the output was
 * up to date), or made it from its shards (see `planSearchShards`): how many there are, how many
 * were indexed by Pagefind, and how many were taken as the last indexing left them.
 */
export type SearchIndexWork = 'none' | 'kept' | { readonly shards: number; readonly shardsIndexed: number; readonly shardsReused: number };

/**
 * The work a build did to publish the site, as counts and choices rather than timings: written
 * with the manifest (`.wiredesk-cache/manifest.json`), it tells which shortcuts a build took.
 */
export interface BuildWork {
  readonly assembled: AssembledBy;
  /** Story files parsed and modelled by this build. */
  readonly storiesModelled: number;
  /** Story files whose parsed and modelled result came from the cache. */
  readonly storiesReused: number;
  /** Output files rendered (pages, feeds, sitemaps…): those not proven unchanged since the last build. */
  readonly pagesRendered: number;
  /** Threads that rendered story pages and feeds beside the build's own (0: all rendered on the build's thread). */
  readonly renderThreads: number;
  /** Whether the stories' bodies waited in a file rather than in memory (a huge archive, see `Tuning.bodySpillFrom`). */
  readonly bodiesSpilled: boolean;
  /** Full garbage collections the memory ceiling forced (see `memoryCeiling`). */
  readonly collectionsUnderCeiling: number;
  readonly searchIndex: SearchIndexWork;
  /** Pictures of the stories folder resized with sharp by this build (0: every one came from the cache, or there are none). */
  readonly picturesResized: number;
  /** Site cards drawn with sharp by this build (see `prepareSiteCard`): 1 when one was drawn, 0 when the cache had it or the site needs none. */
  readonly siteCardsDrawn: number;
}
