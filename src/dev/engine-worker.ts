import { parentPort, workerData } from 'node:worker_threads';
import { createDevSearchIndex } from '../search/dev-index.js';
import { createDevEngine, type DevEngine, type RebuildReport } from './engine.js';
import { toDevProblems } from './problems.js';
import type { EngineReply, EngineRequest, EngineWorkerData, RebuildSummary } from './protocol.js';

// The dev engine in a worker thread: a restart (after a template, source or config change) gets
// fresh modules, so no stale template is ever served.

function summarize(report: RebuildReport, engine: DevEngine): RebuildSummary {
  const { messages, ...rest } = report;
  return { ...rest, problems: toDevProblems(messages, engine.settingsFile) };
}

const port = parentPort;
if (!port) throw new Error('engine-worker.js must run as a worker thread');
const reply = (message: EngineReply) => port.postMessage(message);

const engine = await createDevEngine(workerData as EngineWorkerData);
const search = createDevSearchIndex(engine);
reply({ type: 'ready', report: summarize(engine.initial, engine), basePath: engine.config?.basePath ?? '/', storiesDir: engine.storiesDir });

// One request at a time, in arrival order: an update never interleaves with another.
const inTurn = oneAtATime();
port.on('message', (request: EngineRequest) => {
  inTurn(async () => {
    try {
      if (request.type === 'update') {
        const report = await engine.update(request.files);
        if (report.changed.length + report.removed.length > 0) search.invalidate();
        reply({ id: request.id, type: 'updated', report: summarize(report, engine) });
      } else {
        reply({ id: request.id, type: 'found', served: engine.lookup(request.sitePath) ?? (await search.lookup(request.sitePath)) });
      }
    } catch (error) {
      reply({ id: request.id, type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
});

/** Run each task given once the ones given before it have settled. */
function oneAtATime(): (task: () => Promise<void>) => void {
  let last: Promise<void> = Promise.resolve();
  return (task) => {
    last = last.then(task);
  };
}
