import { parentPort, workerData } from 'node:worker_threads';
import { toPlainResult, type PlainModelResult } from '../cache/serialize.js';
import { prepareBodies } from '../model/body.js';
import type { SiteConfig } from '../model/config.js';
import type { StoryFile } from './load.js';
import { modelFiles } from './story-job.js';

// A thread of the model pool: parses and models the batches of stories it is sent.

/** What the pool hands a worker when it starts. */
export interface ModelWorkerData {
  readonly config: SiteConfig;
  readonly assets: readonly string[];
}

/** A batch of stories to model. */
export type ModelWorkerRequest = { readonly batch: number; readonly files: readonly StoryFile[] };
/** The modelled batch, in the order it was sent. */
export type ModelWorkerReply = { readonly batch: number; readonly results: readonly PlainModelResult[] };

const port = parentPort;
if (port) {
  const { config, assets } = workerData as ModelWorkerData;
  const context = { config, assets: new Set(assets) };
  const ready = prepareBodies(config);
  port.on('message', (request: ModelWorkerRequest) => {
    void ready.then(() => {
      const results = modelFiles(request.files, context).map(toPlainResult);
      port.postMessage({ batch: request.batch, results } satisfies ModelWorkerReply);
    });
  });
}
