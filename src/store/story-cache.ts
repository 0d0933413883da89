import type { VFileMessage } from 'vfile-message';
import type { ScannedStory } from '../io/load.js';
import type { ModelResult } from '../pipeline/model.js';
import { readAndModelStories } from '../threads/model-pool.js';
import type { StoryContext } from '../threads/story-job.js';
import type { CachedStory } from './build-cache.js';
import { siteShape } from '../incremental/story-shape.js';
import type { Article } from '../model/article.js';
import type { LocalPicture } from '../model/picture.js';
import { fromPlainResult, toPlainResult } from './serialize.js';

/** The model results of every readable story, how many came from the cache, and what could not be read. */
export interface CachedModelResults {
  readonly results: readonly ModelResult[];
  readonly reused: number;
  /** The stories read and modelled anew, by story path. */
  readonly fresh: ReadonlySet<string>;
  /** The cache entries for the next build, by story path. */
  readonly entries: ReadonlyMap<string, CachedStory>;
  /** The digest of every readable story file, by story path. */
  readonly digests: ReadonlyMap<string, string>;
  /** One message per story file that could not be read. */
  readonly messages: readonly VFileMessage[];
}

/**
 * Model every story (in `stories` order). A story in `known` (its digest vouched for by the
 * cache index and its cached result still valid, see `reusableDigest`, so not even read) takes
 * its cached result; the others are read, and one whose
 * bytes still have the cached digest (and whose lead image is still there, or still missing)
 * takes the cached result too; the rest are modelled by the model pool, and `keep` sees each of
 * their results as it arrives (to move its body out of memory, say), and `settled` hears how many
 * of the stories read have their outcome, batch by batch (for the progress line).
 */
export async function modelWithCache(
  stories: readonly ScannedStory[],
  known: ReadonlyMap<string, string>,
  cached: ReadonlyMap<string, CachedStory> | undefined,
  context: StoryContext,
  pool: { readonly threads?: number | undefined; readonly keep?: (result: ModelResult) => ModelResult; readonly settled?: (count: number) => void } = {},
): Promise<CachedModelResults> {
  const usable = (source: string) => {
    const hit = cached?.get(source);
    return hit && stillValid(hit, context.assets, context.pictures) ? hit : undefined;
  };
  const toRead = stories.filter((story) => !known.has(story.source));
  const outcomes = await readAndModelStories(
    toRead.map((story) => ({ source: story.source, cachedDigest: usable(story.source)?.digest })),
    context,
    pool.threads,
    pool.keep,
    { settled: pool.settled },
  );
  const fresh = new Map(toRead.map((story, index) => [story.source, outcomes[index]]));
  const results: ModelResult[] = [];
  const entries = new Map<string, CachedStory>();
  const digests = new Map<string, string>();
  const messages: VFileMessage[] = [];
  let reused = 0;
  for (const { source } of stories) {
    const outcome = fresh.get(source);
    if (outcome?.kind === 'unreadable') {
      messages.push(outcome.message);
      continue;
    }
    if (outcome?.kind === 'modelled') {
      results.push(outcome.result);
      entries.set(source, { digest: outcome.digest, result: toPlainResult(outcome.result), shape: outcome.shape });
      digests.set(source, outcome.digest);
      continue;
    }
    // Known from the index (and so found valid by `reusableDigest`), or read and found unchanged: the cached result stands.
    const hit = known.has(source) ? cached?.get(source) : usable(source);
    const digest = outcome?.digest ?? known.get(source);
    if (!hit || digest === undefined) throw new Error(`No cached result for ${source}`);
    results.push(fromPlainResult(hit.result));
    entries.set(source, hit);
    digests.set(source, digest);
    reused++;
  }
  const anew = new Set([...fresh].flatMap(([source, outcome]) => (outcome?.kind === 'modelled' ? [source] : [])));
  return { results, reused, fresh: anew, entries, digests, messages };
}

/**
 * A cached result read the asset list only through its lead image: it holds while that image is
 * where it was, and (given the build's `pictures`) has the sizes it had then.
 */
export function stillValid(hit: CachedStory, assets: ReadonlySet<string>, pictures?: ReadonlyMap<string, LocalPicture>): boolean {
  const image = hit.result.article?.image;
  const source = image?.source;
  if (source !== undefined && !assets.has(source)) return false;
  if (source !== undefined && pictures !== undefined && sizesKey(pictures.get(source)) !== image?.sizes?.key) return false;
  return !hit.result.messages.some((message) => message.ruleId === 'missing-image' || message.ruleId === 'unreadable-image');
}

function sizesKey(picture: LocalPicture | undefined): string | undefined {
  return picture?.kind === 'sized' ? picture.sizes.key : undefined;
}

/** The shape of the site's stories (`siteShape`), when every one was readable and has an article. */
export function storyShapes(entries: Iterable<CachedStory>, unreadable: number): string | undefined {
  const shapes: string[] = [];
  for (const entry of entries) {
    if (entry.shape === undefined) return undefined;
    shapes.push(entry.shape);
  }
  return unreadable === 0 ? siteShape(shapes) : undefined;
}

/** A story modelled anew, and its version in the last build's cache (if any). */
export function storyVersions(source: string, entries: ReadonlyMap<string, CachedStory>, cached: ReadonlyMap<string, CachedStory> | undefined): [Article, Article | undefined][] {
  const now = entries.get(source)?.result.article;
  return now ? [[now, cached?.get(source)?.result.article]] : [];
}

/** The shape of each story (see `storyShape`) by story path: undefined for one without an article. */
export function shapesByPath(entries: ReadonlyMap<string, CachedStory>): Map<string, string | undefined> {
  return new Map([...entries].map(([source, entry]) => [source, entry.shape]));
}
