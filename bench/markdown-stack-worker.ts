import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { convertBodies } from './markdown-stack.js';

// A thread of the markdown-stack timing: says it is ready once the stack is loaded, then converts its
// bodies when told to go and answers with its time and the characters of HTML it made.

/** What a thread is handed when it starts: its share of the bodies. */
export interface MarkdownStackData {
  readonly bodies: readonly string[];
}

/** A thread's answer: `ms` 0 when it is ready, then its time for the bodies. */
export interface MarkdownStackReply {
  readonly ms: number;
  readonly characters: number;
}

const port = parentPort;
if (port) {
  const { bodies } = workerData as MarkdownStackData;
  port.postMessage({ ms: 0, characters: 0 } satisfies MarkdownStackReply);
  port.once('message', () => {
    const started = performance.now();
    const characters = convertBodies(bodies);
    port.postMessage({ ms: performance.now() - started, characters } satisfies MarkdownStackReply);
  });
}
