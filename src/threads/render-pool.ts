import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { plainSite, type Site } from '../model/site.js';
import { withSharedBodies } from './shared-bodies.js';
import type { CompiledTemplate } from '../overrides/compile.js';
import { TemplateFailure } from '../overrides/failure.js';
import type { WriteTarget, WrittenElsewhere } from '../output/output-file.js';
import type { ReadRecorder } from '../incremental/read-tracking.js';
import type { RenderWorkerMessage, RenderWorkerReply } from './render-worker.js';

/** Threads that render and write story pages and feeds, each holding a copy of the resolved site. */
export interface RenderPool {
  /** Render the story page or feed at `path` on one of the threads, which writes it at `target` (see `writeRenderedSync`). */
  write(path: string, target: WriteTarget): Promise<WrittenElsewhere>;
  /** Stop the threads; pages still asked for fail. */
  close(): Promise<void>;
}

/**
 * Render threads started before the site they will render exists: their modules load while this
 * thread resolves the site and plans its pages.
 */
export interface RenderThreads {
  readonly count: number;
  /**
   * Hand the threads the resolved site (once) and the site's compiled templates: from then on they
   * render its story pages and feeds, and what their renders read joins `recorder`.
   */
  serve(site: Site, templates: readonly CompiledTemplate[], recorder: ReadRecorder): RenderPool;
  /** Stop the threads (again is harmless). */
  close(): Promise<void>;
}

const workerUrl = new URL('./render-worker.js', import.meta.url);
/** At most this many pages go to a thread in one message. */
const batchSize = 16;

interface Waiting {
  readonly path: string;
  readonly target: WriteTarget;
  readonly resolve: (result: WrittenElsewhere) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Start `count` render threads, or undefined when there is no compiled worker (tests run the
 * sources). Once served a site, requests made in the same turn of the event loop are sent
 * together, in batches, to the thread with the fewest pages waiting; a page rendered on a thread
 * is byte for byte the page this thread would render, from the same site value.
 */
export function startRenderThreads(count: number): RenderThreads | undefined {
  if (count < 1 || !existsSync(fileURLToPath(workerUrl))) return undefined;
  const threadsAt = Array.from({ length: count }, () => ({ worker: new Worker(workerUrl), waiting: 0 }));
  const sent = new Map<number, { readonly requests: readonly Waiting[]; readonly thread: (typeof threadsAt)[number] }>();
  let queue: Waiting[] = [];
  let nextBatch = 0;
  let failed: Error | undefined;
  let served: ReadRecorder | undefined;
  let closing: Promise<void> | undefined;

  const failAll = (thread: (typeof threadsAt)[number] | undefined, error: Error) => {
    failed ??= error;
    for (const [batch, entry] of sent) {
      if (thread && entry.thread !== thread) continue;
      sent.delete(batch);
      for (const request of entry.requests) request.reject(error);
    }
  };
  for (const thread of threadsAt) {
    thread.worker.on('message', (reply: RenderWorkerReply) => {
      const entry = sent.get(reply.batch);
      if (!entry) return;
      sent.delete(reply.batch);
      thread.waiting -= entry.requests.length;
      if ('error' in reply) {
        const error = reply.template ? new TemplateFailure(reply.template) : new Error(`A render thread failed: ${reply.error}`);
        for (const request of entry.requests) request.reject(error);
        return;
      }
      served?.add(reply.fields);
      entry.requests.forEach((request, index) => request.resolve(reply.results[index] as WrittenElsewhere));
    });
    thread.worker.once('error', (error) => failAll(thread, error instanceof Error ? error : new Error(String(error))));
    thread.worker.once('exit', (code) => failAll(thread, new Error(`A render thread stopped (exit code ${code})`)));
  }
  const flush = () => {
    const requests = queue;
    queue = [];
    for (let start = 0; start < requests.length; start += batchSize) {
      const batch = requests.slice(start, start + batchSize);
      const thread = threadsAt.reduce((best, candidate) => (candidate.waiting < best.waiting ? candidate : best));
      const id = nextBatch++;
      thread.waiting += batch.length;
      sent.set(id, { requests: batch, thread });
      thread.worker.postMessage({ batch: id, pages: batch.map(({ path, target }) => ({ path, target })) } satisfies RenderWorkerMessage);
    }
  };
  const close = () => {
    failed ??= new Error('The render pool is closed');
    closing ??= Promise.all(threadsAt.map(({ worker }) => worker.terminate())).then(() => undefined);
    return closing;
  };
  return {
    count,
    serve(site, templates, recorder) {
      if (served) throw new Error('The render threads already serve a site');
      served = recorder;
      const message: RenderWorkerMessage = { site: withSharedBodies(plainSite(site)), templates };
      for (const { worker } of threadsAt) worker.postMessage(message);
      return {
        write: (path, target) =>
          new Promise<WrittenElsewhere>((resolve, reject) => {
            if (failed) return reject(failed);
            if (queue.length === 0) queueMicrotask(flush);
            queue.push({ path, target, resolve, reject });
          }),
        close,
      };
    },
    close,
  };
}

/** What rendering a page of each kind the threads take costs, in story pages. */
const threadWork: Readonly<Record<string, number>> = { article: 1, feed: 3 };

/** The pages the render threads take: story pages and feeds, the bulk of a site's rendering. */
function onThreads(output: { readonly kind: string; readonly unchanged?: boolean }): boolean {
  return threadWork[output.kind] !== undefined && output.unchanged !== true;
}

/** Options that choose whether and how wide a render pool is. */
export interface RenderPoolOptions {
  readonly threads?: number | undefined;
  /**
   * From this much rendering, render on threads (`Tuning.renderPoolFrom`): below it, starting them
   * costs more than it saves. Counted in story pages: a feed (twenty full stories in XML or JSON) costs about three.
   */
  readonly renderPoolFrom: number;
  /** The site's compiled template overrides, which the threads load to render with (none: the defaults). */
  readonly templates?: readonly CompiledTemplate[] | undefined;
  /** Where the threads' renders record what they read (see `readRecorder`). */
  readonly recorder: ReadRecorder;
}

/** The options that say how much rendering starts threads, and how many. */
type PoolSize = Pick<RenderPoolOptions, 'threads' | 'renderPoolFrom'>;

function poolThreads(options: PoolSize): number {
  return options.threads ?? availableParallelism();
}

/**
 * Render threads started ahead, while the site is resolved, when `freshStories` (stories modelled
 * anew rather than taken from the cache: all of them in a cold build or after a template change)
 * promise enough rendering: their story pages, and the feeds they fill (a site of a few hundred
 * stories already has hundreds of feeds), so from a quarter of the pool's threshold; undefined otherwise.
 */
export function renderThreadsAhead(freshStories: number, options: PoolSize): RenderThreads | undefined {
  const threads = poolThreads(options);
  return threads > 1 && freshStories * 4 >= options.renderPoolFrom ? startRenderThreads(threads) : undefined;
}

/**
 * A render pool for a build with much to render on threads (story pages and feeds, weighed by
 * `threadWork`, from `options.renderPoolFrom`), on the threads started
 * `ahead` if any, and the outputs with those pages rendered and written on it (their bytes never
 * come back to this thread); undefined when there is little, one thread, or no compiled worker.
 */
export function renderPoolFor<T extends { readonly path: string; readonly kind: string; readonly unchanged?: boolean }>(
  site: Site,
  outputs: readonly T[],
  options: RenderPoolOptions,
  ahead?: RenderThreads,
): { readonly outputs: readonly (T & { readonly writeElsewhere?: (target: WriteTarget) => Promise<WrittenElsewhere> })[]; readonly threads: number; close(): Promise<void> } | undefined {
  const threads = ahead?.count ?? poolThreads(options);
  const work = outputs.reduce((total, output) => total + (onThreads(output) ? (threadWork[output.kind] ?? 0) : 0), 0);
  if (threads <= 1 || work < options.renderPoolFrom) return undefined;
  const pool = (ahead ?? startRenderThreads(threads))?.serve(site, options.templates ?? [], options.recorder);
  if (!pool) return undefined;
  // The threads stop once the last of their pages is written: their heaps (a copy of the site each) are
  // given back while this thread finishes the rest (the search index of a cold build takes seconds more).
  let left = outputs.filter(onThreads).length;
  const written = () => {
    if (--left === 0) void pool.close();
  };
  const writeOnThread = (path: string, target: WriteTarget) => {
    const writing = pool.write(path, target);
    writing.then(written, written);
    return writing;
  };
  return {
    // Copied with `Object.assign`: a spread followed by a new field gives each page a hidden class of its own in V8.
    outputs: outputs.map((output) => (onThreads(output) ? Object.assign({}, output, { writeElsewhere: (target: WriteTarget) => writeOnThread(output.path, target) }) : output)),
    threads,
    close: () => pool.close(),
  };
}
