import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareBodies } from '../model/body.js';
import { problem } from '../report/problem.js';
import { displayPathOf } from '../io/load.js';
import type { ModelResult } from '../pipeline/model.js';
import type { ModelWorkerData } from './model-worker.js';
import { runOnThreads, storyTimeBudgetMs } from './model-threads.js';
import { modelFiles, outcomesOf, readBatch, type StoryContext, type StoryOutcome, type StoryRequest } from './story-job.js';

/** Below this many stories, starting threads costs more than it saves. */
const minStoriesForThreads = 200;
const batchSize = 64;
const workerUrl = new URL('./model-worker.js', import.meta.url);

/** What a test may change of the pool (the worker script, the time a story may take), and who hears of stories done. */
export interface PoolOptions {
  readonly workerUrl?: URL;
  readonly storyMs?: number;
  /** Told of each batch of stories whose outcome is in (how many), to show the build's progress. */
  readonly settled?: ((count: number) => void) | undefined;
}

/** How many threads to model stories with by default: one per core. */
function defaultThreads(): number {
  return availableParallelism();
}

/**
 * Read, parse and model stories, outcomes in the order of `requests`. On `threads` worker threads,
 * each thread reads the batches of 64 stories it is sent and models them, so this thread reads no
 * story and is free to take the results. With one thread, few stories, or no compiled worker
 * (tests run the sources), this thread reads each batch (the next one while it models the current
 * one) and models it: the outcomes are the same. `keep` sees each result as it arrives (to move its
 * body out of memory at once, say). A story that stops its thread (see `runOnThreads`) is a
 * `story-crash` error; the other stories are modelled all the same.
 */
export async function readAndModelStories(
  requests: readonly StoryRequest[],
  context: StoryContext,
  threads = defaultThreads(),
  keep: (result: ModelResult) => ModelResult = (result) => result,
  options: PoolOptions = {},
): Promise<StoryOutcome[]> {
  const batches = Math.ceil(requests.length / batchSize);
  const outcomes = new Array<StoryOutcome>(requests.length);
  const batchOf = (batch: number) => requests.slice(batch * batchSize, (batch + 1) * batchSize);
  const settle = (start: number, settled: readonly StoryOutcome[]) => {
    settled.forEach((outcome, index) => {
      outcomes[start + index] = outcome.kind === 'modelled' ? { ...outcome, result: keep(outcome.result) } : outcome;
    });
    options.settled?.(settled.length);
  };

  const url = options.workerUrl ?? workerUrl;
  if (threads <= 1 || requests.length < minStoriesForThreads || !existsSync(fileURLToPath(url))) {
    await prepareBodies(context.config);
    let reading = readBatch(batchOf(0), context);
    for (let batch = 0; batch < batches; batch++) {
      const read = await reading;
      if (batch + 1 < batches) reading = readBatch(batchOf(batch + 1), context);
      settle(
        batch * batchSize,
        outcomesOf(
          read,
          modelFiles(
            read.toModel.map((entry) => entry.file),
            context,
          ),
        ),
      );
    }
    return outcomes;
  }
  const data: ModelWorkerData = { config: context.config, assets: [...context.assets], pictures: context.pictures, root: context.root, cwd: context.cwd };
  const jobs = Array.from({ length: batches }, (_, batch) => ({ start: batch * batchSize, requests: batchOf(batch) }));
  const lost = (request: StoryRequest, why: string): StoryOutcome => ({
    kind: 'unreadable',
    message: problem(
      'story-crash',
      `The story stopped the thread modelling it: ${why}, expected a story that takes less time and memory`,
      displayPathOf(path.join(context.root, request.source), context.cwd),
      { line: 1, column: 1 },
    ),
  });
  await runOnThreads(jobs, Math.min(threads, batches), { url, data, storyMs: options.storyMs ?? storyTimeBudgetMs }, (job, settled) => settle(job.start, settled), lost);
  return outcomes;
}
