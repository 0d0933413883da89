import { parentPort, workerData } from 'node:worker_threads';
import { toPlainOutcome, type PlainStoryOutcome } from '../store/serialize.js';
import { prepareBodies } from '../model/body.js';
import type { SiteConfig } from '../model/config.js';
import type { LocalPicture } from '../model/picture.js';
import { readAndModelSync, type StoryRequest } from './story-job.js';

// A thread of the model pool: reads, parses and models the batches of stories it is sent.

/** What the pool hands a worker when it starts. */
export interface ModelWorkerData {
  readonly config: SiteConfig;
  readonly assets: readonly string[];
  readonly pictures?: ReadonlyMap<string, LocalPicture> | undefined;
  /** The stories folder (absolute) and the folder messages are relative to. */
  readonly root: string;
  readonly cwd: string;
}

/** A batch of stories to read and model. */
export type ModelWorkerRequest = { readonly batch: number; readonly requests: readonly StoryRequest[] };
/** Each story's outcome, in the order it was asked for; or, before each story is modelled, its index in the batch. */
export type ModelWorkerReply = { readonly batch: number; readonly outcomes: readonly PlainStoryOutcome[] } | { readonly batch: number; readonly starting: number };

const port = parentPort;
if (port) {
  const { config, assets, pictures, root, cwd } = workerData as ModelWorkerData;
  const context = { config, assets: new Set(assets), pictures, root, cwd };
  const ready = prepareBodies(config);
  port.on('message', (request: ModelWorkerRequest) => {
    void ready.then(() => {
      // Each story announced before its turn: the pool knows which one a thread is stuck on.
      const outcomes = readAndModelSync(request.requests, context, (index) => port.postMessage({ batch: request.batch, starting: index } satisfies ModelWorkerReply)).map(toPlainOutcome);
      port.postMessage({ batch: request.batch, outcomes } satisfies ModelWorkerReply);
    });
  });
}
