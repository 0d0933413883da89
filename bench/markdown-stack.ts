import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { frontMatterOf } from '../src/pipeline/parse.js';
import type { MarkdownStackData, MarkdownStackReply } from './markdown-stack-worker.js';

// The Markdown stack the mission names (remark-parse → remark-rehype → rehype-stringify) on its own:
// how long it takes to turn a corpus's story bodies into HTML on every core, with nothing else a build
// does. What a cold build can cost at the least is this plus everything that is not Markdown.

const stack = unified().use(remarkParse).use(remarkRehype).use(rehypeStringify);

/** The body of a story file: the text after its front matter (the whole text when it has none). */
export function storyBody(text: string): string {
  const fenced = frontMatterOf(text);
  return fenced === undefined ? text : text.slice(fenced.bodyOffset);
}

/** A body's HTML by the Markdown stack alone: no sanitizing, no story links, no READ MORE callouts. */
export function bodyHtmlByStack(body: string): string {
  return String(stack.processSync(body));
}

/** The HTML of each body in turn; its total length in characters. */
export function convertBodies(bodies: readonly string[]): number {
  let characters = 0;
  for (const body of bodies) characters += bodyHtmlByStack(body).length;
  return characters;
}

/** One timed pass of the Markdown stack over a corpus's bodies. */
export interface MarkdownStackRun {
  /** From handing the threads their bodies to the last thread's answer (threads started and modules loaded before). */
  readonly wallMs: number;
  /** Each thread's own time. */
  readonly threadMs: readonly number[];
  /** Characters of HTML made, all threads together. */
  readonly characters: number;
}

const workerUrl = new URL('./markdown-stack-worker.js', import.meta.url);

/**
 * Turn every body into HTML once on `threads` worker threads (one per core by default), each
 * taking every `threads`-th body; the threads are started and have loaded the stack before the
 * clock starts, as a build's threads have while it scans. Runs on the compiled bench only (`npm run bench`).
 */
export async function timeMarkdownStack(bodies: readonly string[], threads = availableParallelism()): Promise<MarkdownStackRun> {
  const workers = Array.from({ length: threads }, (_, index) => {
    const data: MarkdownStackData = { bodies: bodies.filter((_, position) => position % threads === index) };
    return new Worker(workerUrl, { workerData: data });
  });
  try {
    const next = (worker: Worker) =>
      new Promise<MarkdownStackReply>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
    await Promise.all(workers.map(next));
    const started = performance.now();
    const replies = await Promise.all(
      workers.map((worker) => {
        const reply = next(worker);
        worker.postMessage('go');
        return reply;
      }),
    );
    const wallMs = performance.now() - started;
    return { wallMs, threadMs: replies.map((reply) => reply.ms), characters: replies.reduce((total, reply) => total + reply.characters, 0) };
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
