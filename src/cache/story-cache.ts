import type { SiteConfig } from '../model/config.js';
import type { StoryFile } from '../pipeline/load.js';
import type { ModelResult } from '../pipeline/model.js';
import { modelStories } from '../pipeline/model-pool.js';
import type { CachedStory } from './build-cache.js';
import { fromPlainResult, toPlainResult } from './serialize.js';

/** The model results of every story, and how many came from the cache. */
export interface CachedModelResults {
  readonly results: readonly ModelResult[];
  readonly reused: number;
  /** The cache entries for the next build, by story path. */
  readonly entries: ReadonlyMap<string, CachedStory>;
}

/**
 * Model every story, reusing the cached result of a story whose file has the same digest (and
 * whose lead image is still there, or still missing); the others go to the model pool.
 */
export async function modelWithCache(
  files: readonly StoryFile[],
  cached: ReadonlyMap<string, CachedStory> | undefined,
  config: SiteConfig,
  assets: ReadonlySet<string>,
  threads?: number,
): Promise<CachedModelResults> {
  const results = new Array<ModelResult>(files.length);
  const entries = new Map<string, CachedStory>();
  const todo: number[] = [];
  files.forEach((file, index) => {
    const hit = cached?.get(file.source);
    if (hit && hit.digest === file.digest && stillValid(hit, assets)) {
      results[index] = fromPlainResult(hit.result);
      entries.set(file.source, hit);
    } else {
      todo.push(index);
    }
  });
  const fresh = await modelStories(
    todo.map((index) => files[index] as StoryFile),
    config,
    assets,
    threads,
  );
  todo.forEach((index, position) => {
    const file = files[index] as StoryFile;
    const result = fresh[position] as ModelResult;
    results[index] = result;
    entries.set(file.source, { digest: file.digest, result: toPlainResult(result) });
  });
  return { results, reused: files.length - todo.length, entries };
}

/** A cached result read the asset list only through its lead image: it holds while that image is where it was. */
export function stillValid(hit: CachedStory, assets: ReadonlySet<string>): boolean {
  const source = hit.result.article?.image?.source;
  if (source !== undefined && !assets.has(source)) return false;
  return !hit.result.messages.some((message) => message.ruleId === 'missing-image');
}
