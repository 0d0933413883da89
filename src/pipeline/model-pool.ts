import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fromPlainMessage, fromPlainResult } from '../cache/serialize.js';
import type { ModelWorkerData, ModelWorkerReply, PlainStoryOutcome } from './model-worker.js';
import { readAndModelBatch, type StoryContext, type StoryOutcome, type StoryRequest } from './story-job.js';

/** Below this many stories, starting threads costs more than it saves. */
const minStoriesForThreads = 200;
const batchSize = 64;
const workerUrl = new URL('./model-worker.js', import.meta.url);

/** How many threads to model stories with by default: one per core. */
function defaultThreads(): number {
  return availableParallelism();
}

/**
 * Read, parse and model stories (the per-story work) on `threads` worker threads, in batches,
 * outcomes in the order of `requests`. Each worker reads its own files, so reading overlaps
 * modelling and the texts never reach this thread. With one thread, few stories, or no compiled
 * worker (tests run the sources), the batches run on this thread: the outcomes are the same.
 */
export async function readAndModelStories(requests: readonly StoryRequest[], context: StoryContext, threads = defaultThreads()): Promise<StoryOutcome[]> {
  const batches = Math.ceil(requests.length / batchSize);
  const batchOf = (batch: number) => requests.slice(batch * batchSize, (batch + 1) * batchSize);
  const outcomes = new Array<StoryOutcome>(requests.length);
  if (threads <= 1 || requests.length < minStoriesForThreads || !existsSync(fileURLToPath(workerUrl))) {
    for (let batch = 0; batch < batches; batch++) (await readAndModelBatch(batchOf(batch), context)).forEach((outcome, index) => (outcomes[batch * batchSize + index] = outcome));
    return outcomes;
  }
  let next = 0;
  const data: ModelWorkerData = { root: context.root, cwd: context.cwd, config: context.config, assets: [...context.assets] };
  const workers = Array.from({ length: Math.min(threads, batches) }, () => new Worker(workerUrl, { workerData: data }));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= batches) return resolve();
              const batch = next++;
              worker.postMessage({ batch, requests: batchOf(batch) });
            };
            worker.on('message', (reply: ModelWorkerReply) => {
              reply.outcomes.forEach((plain, index) => (outcomes[reply.batch * batchSize + index] = fromPlainOutcome(plain)));
              send();
            });
            worker.once('error', reject);
            worker.once('exit', (code) => (next < batches || code !== 0 ? reject(new Error(`A model worker stopped (exit code ${code})`)) : undefined));
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return outcomes;
}

function fromPlainOutcome(plain: PlainStoryOutcome): StoryOutcome {
  if (plain.kind === 'unreadable') return { kind: 'unreadable', message: fromPlainMessage(plain.message) };
  if (plain.kind === 'cached') return plain;
  return { kind: 'modelled', digest: plain.digest, result: fromPlainResult(plain.result) };
}
