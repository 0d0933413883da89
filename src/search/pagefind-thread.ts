import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { HTMLFile } from 'pagefind';
import { holdThread } from '../threads/thread-hold.js';
import type { IndexToMake, SearchFile } from './pagefind-index.js';
import type { PagefindWorkerReply, PagefindWorkerRequest } from './pagefind-worker.js';

/** A Pagefind service on another thread (see `pagefind-worker.ts`): one index at a time. */
export interface ThreadIndexService {
  /** Make one index of `wanted`'s documents (made on this thread, sent in batches, in order). */
  make(wanted: IndexToMake, language: string): Promise<SearchFile[]>;
  /** Stop the service and its thread. */
  close(): Promise<void>;
}

const workerUrl = new URL('./pagefind-worker.js', import.meta.url);

/** Documents sent to the thread in one message. */
const documentsPerMessage = 32;

/** Start a Pagefind service on another thread; undefined where no compiled worker is there (tests run the sources). */
export function threadIndexService(): ThreadIndexService | undefined {
  if (!existsSync(fileURLToPath(workerUrl))) return undefined;
  const worker = new Worker(workerUrl);
  let broken: Error | undefined;
  let waiting: ((reply: PagefindWorkerReply) => void) | undefined;
  // A thread that stops before it answers (its service killed, say) fails the index it was making, never hangs the build.
  const ended = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      broken ??= new Error('the search thread stopped');
      waiting?.({ kind: 'failed', reason: broken.message });
      resolve();
    }),
  );
  worker.on('message', (reply: PagefindWorkerReply) => waiting?.(reply));
  worker.on('error', (error) => {
    broken = error;
    waiting?.({ kind: 'failed', reason: error.message });
  });
  const send = (request: PagefindWorkerRequest) => worker.postMessage(request);
  // The thread holds the process only while it makes an index or stops: idle, it keeps no wait of the build's alive.
  const thread = holdThread(worker);
  return {
    async make(wanted, language) {
      if (broken) throw broken;
      const answered = thread.hold(new Promise<PagefindWorkerReply>((resolve) => (waiting = resolve)));
      send({ kind: 'begin', language });
      let batch: HTMLFile[] = [];
      for (const document of wanted.documents()) {
        batch.push(document);
        if (batch.length === documentsPerMessage) {
          send({ kind: 'documents', documents: batch });
          batch = [];
        }
      }
      if (batch.length > 0) send({ kind: 'documents', documents: batch });
      send({ kind: 'end' });
      const reply = await answered;
      waiting = undefined;
      if (reply.kind === 'failed') throw new Error(`${wanted.name}: ${reply.reason}`);
      return [...reply.files];
    },
    async close() {
      if (broken) await thread.end();
      else {
        thread.ending();
        send({ kind: 'close' });
      }
      await ended;
    },
  };
}
