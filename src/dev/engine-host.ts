import { Worker } from 'node:worker_threads';
import type { EngineReply, EngineRequest, EngineWorkerData, RebuildSummary } from './protocol.js';
import type { Served, SiteSource } from './site-source.js';

/** The main thread's handle on the engine worker: serve lookups, apply updates, restart with fresh modules. */
export interface EngineHost {
  /** What the server serves: always the last good build. */
  readonly source: SiteSource;
  /** The first build's summary. */
  readonly initial: RebuildSummary;
  /** Apply changed story-folder files. */
  update(files: readonly string[]): Promise<RebuildSummary>;
  /**
   * Start a new worker (fresh modules, config read again) and build from scratch; it replaces the
   * serving worker only when its build succeeds, so a broken change never takes the preview down.
   */
  restart(): Promise<RebuildSummary>;
  close(): Promise<void>;
}

interface RunningWorker {
  readonly worker: Worker;
  readonly basePath: string;
  readonly storiesDir: string;
  request(message: DistributiveOmit<EngineRequest, 'id'>): Promise<EngineReply>;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const workerUrl = new URL('./engine-worker.js', import.meta.url);

/** Start the engine worker, wait for its first build, and return the host. */
export async function startEngineHost(options: EngineWorkerData): Promise<EngineHost> {
  const first = await spawn(options);
  let serving = first.running;
  let closed = false;

  const asServed = async (sitePath: string): Promise<Served | undefined> => {
    const reply = await serving.request({ type: 'lookup', sitePath });
    if (reply.type === 'found') return reply.served;
    if (reply.type === 'failed') throw new Error(reply.error);
    return undefined;
  };

  return {
    initial: first.report,
    source: { basePath: () => serving.basePath, lookup: asServed },
    async update(files) {
      const reply = await serving.request({ type: 'update', files });
      if (reply.type === 'updated') return reply.report;
      throw new Error(reply.type === 'failed' ? reply.error : `Unexpected reply ${reply.type}`);
    },
    async restart() {
      const next = await spawn(options);
      if (closed || !next.report.ok) {
        await next.running.worker.terminate();
        return next.report;
      }
      const old = serving;
      serving = next.running;
      await old.worker.terminate();
      return next.report;
    },
    async close() {
      closed = true;
      await serving.worker.terminate();
    },
  };
}

async function spawn(options: EngineWorkerData): Promise<{ running: RunningWorker; report: RebuildSummary }> {
  const worker = new Worker(workerUrl, { workerData: options });
  const pending = new Map<number, (reply: EngineReply) => void>();
  let nextId = 1;
  let failure: Error | undefined;
  const ready = new Promise<Extract<EngineReply, { type: 'ready' }>>((resolve, reject) => {
    worker.on('message', (reply: EngineReply) => {
      if (reply.type === 'ready') resolve(reply);
      else pending.get(reply.id)?.(reply);
      if (reply.type !== 'ready') pending.delete(reply.id);
    });
    const fail = (error: Error) => {
      failure = error;
      reject(error);
      for (const [id, answer] of pending) answer({ id, type: 'failed', error: error.message });
      pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The engine worker stopped (exit code ${code})`)));
  });
  const started = await ready;
  return {
    report: started.report,
    running: {
      worker,
      basePath: started.basePath,
      storiesDir: started.storiesDir,
      request(message) {
        if (failure) return Promise.resolve({ id: 0, type: 'failed', error: failure.message });
        const id = nextId++;
        return new Promise((resolve) => {
          pending.set(id, resolve);
          worker.postMessage({ ...message, id });
        });
      },
    },
  };
}
