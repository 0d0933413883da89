import { parentPort, workerData } from 'node:worker_threads';
import { toPlainMessage, toPlainResult, type PlainMessage, type PlainModelResult } from '../cache/serialize.js';
import type { SiteConfig } from '../model/config.js';
import { readAndModelBatch, type StoryRequest } from './story-job.js';

// A thread of the model pool: reads, parses and models the batches of stories it is sent.

/** What the pool hands a worker when it starts. */
export interface ModelWorkerData {
  readonly root: string;
  readonly cwd: string;
  readonly config: SiteConfig;
  readonly assets: readonly string[];
}

/** A batch of stories to read and model. */
export type ModelWorkerRequest = { readonly batch: number; readonly requests: readonly StoryRequest[] };

/** A story outcome as plain data (messages flattened). */
export type PlainStoryOutcome =
  | { readonly kind: 'unreadable'; readonly message: PlainMessage }
  | { readonly kind: 'cached'; readonly digest: string }
  | { readonly kind: 'modelled'; readonly digest: string; readonly result: PlainModelResult };

/** The batch's outcomes, in the order it was sent. */
export type ModelWorkerReply = { readonly batch: number; readonly outcomes: readonly PlainStoryOutcome[] };

const port = parentPort;
if (port) {
  const { root, cwd, config, assets } = workerData as ModelWorkerData;
  const context = { root, cwd, config, assets: new Set(assets) };
  port.on('message', (request: ModelWorkerRequest) => {
    void readAndModelBatch(request.requests, context).then((outcomes) => {
      const plain = outcomes.map((outcome): PlainStoryOutcome => {
        if (outcome.kind === 'unreadable') return { kind: 'unreadable', message: toPlainMessage(outcome.message) };
        if (outcome.kind === 'cached') return outcome;
        return { kind: 'modelled', digest: outcome.digest, result: toPlainResult(outcome.result) };
      });
      port.postMessage({ batch: request.batch, outcomes: plain } satisfies ModelWorkerReply);
    });
  });
}
