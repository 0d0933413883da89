import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fromPlainResult } from '../cache/serialize.js';
import { prepareBodies } from '../model/body.js';
import type { ModelResult } from './model.js';
import type { ModelWorkerData, ModelWorkerReply } from './model-worker.js';
import { modelFiles, readBatch, type ReadBatch, type StoryContext, type StoryOutcome, type StoryRequest } from './story-job.js';

/** Below this many stories, starting threads costs more than it saves. */
const minStoriesForThreads = 200;
const batchSize = 64;
const workerUrl = new URL('./model-worker.js', import.meta.url);

/** How many threads to model stories with by default: one per core. */
function defaultThreads(): number {
  return availableParallelism();
}

/**
 * Read, parse and model stories, outcomes in the order of `requests`. This thread reads the
 * files batch by batch, a batch ahead of the `threads` worker threads that parse and model them;
 * a batch's texts are let go once it is sent, so an archive is never held in memory as text.
 * With one thread, few stories, or no compiled worker (tests run the sources), the batches are
 * modelled on this thread: the outcomes are the same. `keep` sees each result as it arrives
 * (to move its body out of memory at once, say).
 */
export async function readAndModelStories(
  requests: readonly StoryRequest[],
  context: StoryContext,
  threads = defaultThreads(),
  keep: (result: ModelResult) => ModelResult = (result) => result,
): Promise<StoryOutcome[]> {
  const batches = Math.ceil(requests.length / batchSize);
  const outcomes = new Array<StoryOutcome>(requests.length);
  await prepareBodies(context.config);
  const reads = new Map<number, Promise<ReadBatch>>();
  const startReading = (batch: number) => readBatch(requests.slice(batch * batchSize, (batch + 1) * batchSize), context);
  /** The batch, read (or being read); reading the next one starts at once. */
  const take = (batch: number): Promise<ReadBatch> => {
    const current = reads.get(batch) ?? startReading(batch);
    reads.delete(batch);
    if (batch + 1 < batches && !reads.has(batch + 1)) reads.set(batch + 1, startReading(batch + 1));
    return current;
  };
  const settle = (batch: number, read: ReadBatch, results: readonly ModelResult[]) => {
    read.known.forEach((outcome, index) => {
      if (outcome) outcomes[batch * batchSize + index] = outcome;
    });
    read.toModel.forEach(({ index, file }, position) => {
      outcomes[batch * batchSize + index] = { kind: 'modelled', digest: file.digest, result: keep(results[position] as ModelResult) };
    });
  };

  if (threads <= 1 || requests.length < minStoriesForThreads || !existsSync(fileURLToPath(workerUrl))) {
    for (let batch = 0; batch < batches; batch++) {
      const read = await take(batch);
      settle(batch, read, modelFiles(read.toModel.map((entry) => entry.file), context));
    }
    return outcomes;
  }
  let next = 0;
  const pending = new Map<number, ReadBatch>();
  const data: ModelWorkerData = { config: context.config, assets: [...context.assets] };
  const workers = Array.from({ length: Math.min(threads, batches) }, () => new Worker(workerUrl, { workerData: data }));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = async () => {
              if (next >= batches) return resolve();
              const batch = next++;
              const read = await take(batch);
              // Only what the worker needs crosses: the files, not the known outcomes.
              pending.set(batch, { known: read.known, toModel: read.toModel.map(({ index, file }) => ({ index, file: { ...file, text: '' } })) });
              worker.postMessage({ batch, files: read.toModel.map((entry) => entry.file) });
            };
            const fail = (error: unknown) => reject(error instanceof Error ? error : new Error(String(error)));
            worker.on('message', (reply: ModelWorkerReply) => {
              const read = pending.get(reply.batch);
              pending.delete(reply.batch);
              if (read) settle(reply.batch, read, reply.results.map(fromPlainResult));
              send().catch(fail);
            });
            worker.once('error', fail);
            worker.once('exit', (code) => (next < batches || code !== 0 ? fail(new Error(`A model worker stopped (exit code ${code})`)) : undefined));
            send().catch(fail);
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return outcomes;
}
