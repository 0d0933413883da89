import { parentPort, workerData } from 'node:worker_threads';
import { scanStories } from './load.js';
import { packScan, type ScanReply } from './scan-ahead.js';

// The thread that scans the stories folder ahead of a build's need (see `scanStoriesAhead`), then
// the output folder when the build posts its path. A stories scan that fails posts nothing of it,
// and the build scans on its own thread, to report the same error.

const port = parentPort;
const { storiesDir, cwd } = workerData as { readonly storiesDir: string; readonly cwd: string };
if (port) {
  const post = (reply: ScanReply) => port.postMessage(reply);
  post({ stories: await scanStories(storiesDir, cwd).then(packScan, () => undefined) });
  port.once('message', (out: string) => {
    void import('../output/output-scan-ahead.js').then(
      ({ scanRecordedOutput }) => post({ output: scanRecordedOutput(out) }),
      () => post({ output: undefined }),
    );
  });
}
