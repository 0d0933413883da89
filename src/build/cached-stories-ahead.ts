import { readCachedStories, type CacheIndex, type CachedStory } from '../store/build-cache.js';

// The stories cache's heads read while the stories folder is still being scanned on another thread:
// that scan is most of a publish's first tenth, and this thread would only wait for it.

/** The cached stories being read ahead: taken when the build needs them, or stopped when it does not. */
export interface CachedStoriesAhead {
  /** The stories, as `readCachedStories` gives them lazily. */
  take(): Promise<ReadonlyMap<string, CachedStory> | undefined>;
  /** Stop reading (the output is up to date, or the build failed): at most one more shard is read. */
  stop(): void;
}

/**
 * Start reading the lazy heads of the stories cache that `index` vouches for, one shard at a time,
 * giving way between shards so that the scan's answer is taken as soon as it comes.
 */
export function readCachedStoriesAhead(dir: string, index: CacheIndex): CachedStoriesAhead {
  let wanted = true;
  const pace = () => new Promise<boolean>((resolve) => setImmediate(() => resolve(wanted)));
  const reading = readCachedStories(dir, index, { lazy: true, pace });
  // A reading stopped, or one whose build failed first, is never awaited: not an unhandled rejection.
  reading.catch(() => undefined);
  return {
    take: () => reading,
    stop: () => {
      wanted = false;
    },
  };
}
