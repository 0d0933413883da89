import type { VFileMessage } from 'vfile-message';
import type { SiteConfig } from '../model/config.js';
import { mapBounded } from './bounded.js';
import { storyToArticle } from './index.js';
import { loadStoryFile } from './load.js';
import type { ModelResult } from './model.js';

/** A story to read and model. With `cachedDigest`, a file that still has that digest is not modelled again. */
export interface StoryRequest {
  /** Path relative to the stories folder. */
  readonly source: string;
  readonly cachedDigest?: string | undefined;
}

/** What became of one request: unreadable, unchanged since the cached result, or read and modelled. */
export type StoryOutcome =
  | { readonly kind: 'unreadable'; readonly message: VFileMessage }
  | { readonly kind: 'cached'; readonly digest: string }
  | { readonly kind: 'modelled'; readonly digest: string; readonly result: ModelResult };

/** What reading and modelling a story needs besides the request. */
export interface StoryContext {
  /** The stories folder (absolute) and the folder messages are relative to. */
  readonly root: string;
  readonly cwd: string;
  readonly config: SiteConfig;
  /** Paths (relative to the stories folder) of the non-story files, for lead-image checks. */
  readonly assets: ReadonlySet<string>;
}

/** Files a batch reads at once. */
const readsAtOnce = 16;

/**
 * Read and model a batch of stories: the load, parse and model stages for each. A story's text
 * lives only while its batch is handled, so an archive is never held in memory as text.
 */
export async function readAndModelBatch(requests: readonly StoryRequest[], context: StoryContext): Promise<StoryOutcome[]> {
  const files = await mapBounded(requests, readsAtOnce, (request) => loadStoryFile(context.root, request.source, context.cwd));
  return files.map((file, index): StoryOutcome => {
    if ('message' in file) return { kind: 'unreadable', message: file.message };
    if (file.digest === requests[index]?.cachedDigest) return { kind: 'cached', digest: file.digest };
    return { kind: 'modelled', digest: file.digest, result: storyToArticle(file, context.config, context.assets) };
  });
}
