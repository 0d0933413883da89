import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fromPlainOutcome } from '../cache/serialize.js';
import { prepareBodies } from '../model/body.js';
import type { ModelResult } from './model.js';
import type { ModelWorkerData, ModelWorkerReply, ModelWorkerRequest } from './model-worker.js';
import { modelFiles, outcomesOf, readBatch, type StoryContext, type StoryOutcome, type StoryRequest } from './story-job.js';

/** Below this many stories, starting threads costs more than it saves. */
const minStoriesForThreads = 200;
const batchSize = 64;
const workerUrl = new URL('./model-worker.js', import.meta.url);

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
 * body out of memory at once, say).
 */
export async function readAndModelStories(
  requests: readonly StoryRequest[],
  context: StoryContext,
  threads = defaultThreads(),
  keep: (result: ModelResult) => ModelResult = (result) => result,
): Promise<StoryOutcome[]> {
  const batches = Math.ceil(requests.length / batchSize);
  const outcomes = new Array<StoryOutcome>(requests.length);
  const batchOf = (batch: number) => requests.slice(batch * batchSize, (batch + 1) * batchSize);
  const settle = (batch: number, settled: readonly StoryOutcome[]) => {
    settled.forEach((outcome, index) => {
      outcomes[batch * batchSize + index] = outcome.kind === 'modelled' ? { ...outcome, result: keep(outcome.result) } : outcome;
    });
  };

  if (threads <= 1 || requests.length < minStoriesForThreads || !existsSync(fileURLToPath(workerUrl))) {
    await prepareBodies(context.config);
    let reading = readBatch(batchOf(0), context);
    for (let batch = 0; batch < batches; batch++) {
      const read = await reading;
      if (batch + 1 < batches) reading = readBatch(batchOf(batch + 1), context);
      settle(batch, outcomesOf(read, modelFiles(read.toModel.map((entry) => entry.file), context)));
    }
    return outcomes;
  }
  let next = 0;
  const data: ModelWorkerData = { config: context.config, assets: [...context.assets], root: context.root, cwd: context.cwd };
  const workers = Array.from({ length: Math.min(threads, batches) }, () => new Worker(workerUrl, { workerData: data }));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            // Two batches in flight per thread: it has the next one as soon as it sends one back.
            let inFlight = 0;
            const send = () => {
              if (next >= batches) {
                if (inFlight === 0) resolve();
                return;
              }
              const batch = next++;
              inFlight++;
              worker.postMessage({ batch, requests: batchOf(batch) } satisfies ModelWorkerRequest);
            };
            const fail = (error: unknown) => reject(error instanceof Error ? error : new Error(String(error)));
            worker.on('message', (reply: ModelWorkerReply) => {
              inFlight--;
              settle(reply.batch, reply.outcomes.map(fromPlainOutcome));
              send();
            });
            worker.once('error', fail);
            worker.once('exit', (code) => (inFlight > 0 || next < batches || code !== 0 ? fail(new Error(`A model worker stopped (exit code ${code})`)) : undefined));
            send();
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return outcomes;
}
