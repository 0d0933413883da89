import type { VFileMessage } from 'vfile-message';
import type { SiteConfig } from '../model/config.js';
import { mapBounded } from './bounded.js';
import { storyToArticle } from './index.js';
import { loadStoryFile, type StoryFile } from './load.js';
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

/** A batch after reading: the outcome of each request known without modelling, and the files to model. */
export interface ReadBatch {
  /** By request index: the outcome, or undefined where the file is to be modelled. */
  readonly known: readonly (StoryOutcome | undefined)[];
  /** The files to model, with their request index. */
  readonly toModel: readonly { readonly index: number; readonly file: StoryFile }[];
}

/** Files a batch reads at once. */
const readsAtOnce = 16;

/** Read a batch of stories (the load stage): unreadable ones and those unchanged since the cache need no modelling. */
export async function readBatch(requests: readonly StoryRequest[], context: Pick<StoryContext, 'root' | 'cwd'>): Promise<ReadBatch> {
  const files = await mapBounded(requests, readsAtOnce, (request) => loadStoryFile(context.root, request.source, context.cwd));
  const known: (StoryOutcome | undefined)[] = [];
  const toModel: { index: number; file: StoryFile }[] = [];
  files.forEach((file, index) => {
    if ('message' in file) known.push({ kind: 'unreadable', message: file.message });
    else if (file.digest === requests[index]?.cachedDigest) known.push({ kind: 'cached', digest: file.digest });
    else {
      known.push(undefined);
      toModel.push({ index, file });
    }
  });
  return { known, toModel };
}

/** Parse and model read story files (the parse and model stages). */
export function modelFiles(files: readonly StoryFile[], context: Pick<StoryContext, 'config' | 'assets'>): ModelResult[] {
  return files.map((file) => storyToArticle(file, context.config, context.assets));
}
