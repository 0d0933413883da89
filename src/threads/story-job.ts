import type { VFileMessage } from 'vfile-message';
import type { SiteConfig } from '../model/config.js';
import { mapBounded } from './bounded.js';
import { storyToArticle } from '../pipeline/index.js';
import { storyShape } from '../incremental/story-shape.js';
import { loadStoryFile, loadStoryFileSync, type StoryFile } from '../io/load.js';
import type { ModelResult } from '../pipeline/model.js';
import type { LocalPicture } from '../model/picture.js';

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
  | { readonly kind: 'modelled'; readonly digest: string; readonly result: ModelResult; readonly shape?: string | undefined };

/** What reading and modelling a story needs besides the request. */
export interface StoryContext {
  /** The stories folder (absolute) and the folder messages are relative to. */
  readonly root: string;
  readonly cwd: string;
  readonly config: SiteConfig;
  /** Paths (relative to the stories folder) of the non-story files, for lead-image checks. */
  readonly assets: ReadonlySet<string>;
  /** What the build found of the pictures among them (see `preparePictures`). */
  readonly pictures?: ReadonlyMap<string, LocalPicture> | undefined;
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
  return sortRead(requests, await mapBounded(requests, readsAtOnce, async (request) => loadStoryFile(context.root, request.source, context.cwd)));
}

/** `readBatch` without waiting, on a thread that then models the batch itself. */
export function readBatchSync(requests: readonly StoryRequest[], context: Pick<StoryContext, 'root' | 'cwd'>): ReadBatch {
  return sortRead(
    requests,
    requests.map((request) => loadStoryFileSync(context.root, request.source, context.cwd)),
  );
}

/** Sort what was read into outcomes known at once and files to model. */
function sortRead(requests: readonly StoryRequest[], files: readonly (StoryFile | { readonly message: VFileMessage })[]): ReadBatch {
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

/** Parse and model read story files (the parse and model stages); `starting` hears of each file before its turn. */
export function modelFiles(files: readonly StoryFile[], context: Pick<StoryContext, 'config' | 'assets' | 'pictures'>, starting?: (index: number) => void): ModelResult[] {
  return files.map((file, index) => {
    starting?.(index);
    return storyToArticle(file, context.config, context.assets, context.pictures);
  });
}

/** Every request's outcome, in order: those known when the batch was read, and the modelled `results` (of `read.toModel`, in order). */
export function outcomesOf(read: ReadBatch, results: readonly ModelResult[]): StoryOutcome[] {
  const outcomes = [...read.known];
  read.toModel.forEach(({ index, file }, position) => {
    const result = results[position] as ModelResult;
    // The shape (see `storyShape`) is taken where the story was modelled: on a model thread, as a rule.
    outcomes[index] = { kind: 'modelled', digest: file.digest, result, shape: result.article && storyShape(result.article) };
  });
  return outcomes as StoryOutcome[];
}

/**
 * Read a batch without waiting, and model what changed: on a thread that does both, so the thread
 * that asked reads nothing. `starting` hears of each story to model (its request index) before its turn.
 */
export function readAndModelSync(requests: readonly StoryRequest[], context: StoryContext, starting?: (index: number) => void): StoryOutcome[] {
  const read = readBatchSync(requests, context);
  return outcomesOf(
    read,
    modelFiles(
      read.toModel.map((entry) => entry.file),
      context,
      starting && ((position) => starting(read.toModel[position]?.index ?? position)),
    ),
  );
}
