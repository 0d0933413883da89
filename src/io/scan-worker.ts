import { parentPort, workerData } from 'node:worker_threads';
import { scanStories } from './load.js';
import { packScan } from './scan-ahead.js';

// The thread that scans the stories folder ahead of a build's need (see `scanStoriesAhead`): a
// scan that fails posts nothing of it, and the build scans on its own thread, to report the same error.

const port = parentPort;
const { storiesDir, cwd } = workerData as { readonly storiesDir: string; readonly cwd: string };
if (port)
  await scanStories(storiesDir, cwd).then(
    (scan) => port.postMessage(packScan(scan)),
    () => port.postMessage(undefined),
  );
