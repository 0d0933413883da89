import { Worker } from 'node:worker_threads';
import { fromPlainOutcome } from '../store/serialize.js';
import type { ModelWorkerData, ModelWorkerReply, ModelWorkerRequest } from './model-worker.js';
import type { StoryOutcome, StoryRequest } from './story-job.js';

/** The time a model thread may take over one story (or between two) before it is stopped: then the story is reported. */
export const storyTimeBudgetMs = 30_000;
/** Time a new thread has, on top, until its first answer: to load its code and warm up. */
const startupMs = 10_000;
/** The heap of a model thread (MB): a story that needs more stops the thread, and is reported. */
export const threadHeapMb = 1024;

/** Threads of one slot that may die in a row before the pool gives up (each took a story down with it, or the script is broken). */
const maxSilentDeaths = 8;

/** Consecutive stories to read and model on a thread: those from `start` in the pool's requests. */
export interface ThreadJob {
  readonly start: number;
  readonly requests: readonly StoryRequest[];
}

/** Where the threads come from and how long a story may take. */
export interface ThreadSetup {
  readonly url: URL;
  readonly data: ModelWorkerData;
  readonly storyMs: number;
}

/**
 * Run `jobs` on `count` threads, two in flight per thread, handing each job's outcomes to `settle`.
 * A thread that dies (out of memory, say) or spends more than `storyMs` on one story is stopped
 * and replaced: the story it was on (each thread says which story it starts) gets the outcome
 * `lost` gives, and the other stories it held are run again, so one story never stops the build.
 * When it is not known which story it was on, each story it held is run again alone.
 */
export async function runOnThreads(
  jobs: readonly ThreadJob[],
  count: number,
  setup: ThreadSetup,
  settle: (job: ThreadJob, outcomes: readonly StoryOutcome[]) => void,
  lost: (request: StoryRequest, why: string) => StoryOutcome,
): Promise<void> {
  const all: ThreadJob[] = [...jobs];
  const queue: number[] = all.map((_, index) => index);
  const workers = new Set<Worker>();
  const slot = () =>
    new Promise<void>((resolve, reject) => {
      const held = new Set<number>();
      // Threads that died in a row without a reply: past a few, the thread script itself is broken.
      let silentDeaths = 0;
      let replied = false;
      // The story the thread said it is on: a batch it holds, and the story's index in it.
      let current: { readonly job: number; readonly index: number } | undefined;
      let worker: Worker | undefined;
      let deadline = Number.POSITIVE_INFINITY;
      const watch = setInterval(
        () => {
          if (worker && held.size > 0 && Date.now() > deadline) stopped(worker, `it took more than ${setup.storyMs / 1000} s`, false);
        },
        Math.min(1000, setup.storyMs),
      );
      watch.unref();
      const finish = () => {
        clearInterval(watch);
        resolve();
      };
      const send = () => {
        while (worker && held.size < 2 && queue.length > 0) {
          const id = queue.shift() as number;
          held.add(id);
          worker.postMessage({ batch: id, requests: (all[id] as ThreadJob).requests } satisfies ModelWorkerRequest);
        }
        deadline = Date.now() + setup.storyMs + (replied ? 0 : startupMs);
        if (held.size === 0) finish();
      };
      const stopped = (which: Worker, why: string, died = true) => {
        if (which !== worker) return;
        worker = undefined;
        workers.delete(which);
        void which.terminate();
        if (died && ++silentDeaths > maxSilentDeaths) {
          clearInterval(watch);
          reject(new Error(`A model thread stopped ${silentDeaths} times in a row without modelling a story: ${why}`));
          return;
        }
        const retry: number[] = [];
        const requeue = (start: number, requests: readonly StoryRequest[]) => {
          if (requests.length > 0) retry.push(all.push({ start, requests }) - 1);
        };
        for (const id of held) {
          const job = all[id] as ThreadJob;
          const culprit = current?.job === id ? current.index : undefined;
          const [only] = job.requests;
          if (culprit !== undefined && job.requests[culprit]) {
            // The story it was on is reported; the others of its batch are modelled again (their results went with the thread).
            settle({ start: job.start + culprit, requests: [job.requests[culprit]] }, [lost(job.requests[culprit], why)]);
            requeue(job.start, job.requests.slice(0, culprit));
            requeue(job.start + culprit + 1, job.requests.slice(culprit + 1));
          } else if (current === undefined && job.requests.length === 1 && only) settle(job, [lost(only, why)]);
          // Not known which story it was on (it was reading them, say): each story again, alone.
          else if (current === undefined) for (const [index, request] of job.requests.entries()) requeue(job.start + index, [request]);
          else requeue(job.start, job.requests);
        }
        current = undefined;
        held.clear();
        queue.unshift(...retry);
        if (queue.length > 0) begin();
        else finish();
      };
      const begin = () => {
        replied = false;
        const started = new Worker(setup.url, { workerData: setup.data, resourceLimits: { maxOldGenerationSizeMb: threadHeapMb } });
        worker = started;
        workers.add(started);
        started.on('message', (reply: ModelWorkerReply) => {
          if (started !== worker) return;
          silentDeaths = 0;
          if ('starting' in reply) {
            current = { job: reply.batch, index: reply.starting };
            deadline = Date.now() + setup.storyMs + (replied ? 0 : startupMs);
            return;
          }
          replied = true;
          current = undefined;
          held.delete(reply.batch);
          settle(all[reply.batch] as ThreadJob, reply.outcomes.map(fromPlainOutcome));
          send();
        });
        started.once('error', (error) => stopped(started, error.message));
        started.once('exit', (code) => (held.size > 0 ? stopped(started, `the thread stopped with exit code ${code}`) : undefined));
        send();
      };
      begin();
    });
  try {
    await Promise.all(Array.from({ length: count }, slot));
  } finally {
    await Promise.all([...workers].map((worker) => worker.terminate()));
  }
}
