import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fromPlainResult } from '../cache/serialize.js';
import type { SiteConfig } from '../model/config.js';
import { storyToArticle } from './index.js';
import type { StoryFile } from './load.js';
import type { ModelResult } from './model.js';
import type { ModelWorkerData, ModelWorkerReply } from './model-worker.js';

/** Below this many stories, starting threads costs more than it saves. */
const minStoriesForThreads = 200;
const batchSize = 64;
const workerUrl = new URL('./model-worker.js', import.meta.url);

/** How many threads to model stories with by default: one per core. */
function defaultThreads(): number {
  return availableParallelism();
}

/**
 * Parse and model stories (the per-story work) on `threads` worker threads, in batches, results in
 * the order of `files`. With one thread, few stories, or no compiled worker (tests run the
 * sources), the work runs on this thread: the results are the same.
 */
export async function modelStories(files: readonly StoryFile[], config: SiteConfig, assets: ReadonlySet<string>, threads = defaultThreads()): Promise<ModelResult[]> {
  if (threads <= 1 || files.length < minStoriesForThreads || !existsSync(fileURLToPath(workerUrl))) {
    return files.map((file) => storyToArticle(file, config, assets));
  }
  const results: ModelResult[] = new Array<ModelResult>(files.length);
  const batches = Math.ceil(files.length / batchSize);
  let next = 0;
  const data: ModelWorkerData = { config, assets: [...assets] };
  const workers = Array.from({ length: Math.min(threads, batches) }, () => new Worker(workerUrl, { workerData: data }));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= batches) return resolve();
              const batch = next++;
              worker.postMessage({ batch, files: files.slice(batch * batchSize, (batch + 1) * batchSize) });
            };
            worker.on('message', (reply: ModelWorkerReply) => {
              reply.results.forEach((plain, index) => (results[reply.batch * batchSize + index] = fromPlainResult(plain)));
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
  return results;
}
