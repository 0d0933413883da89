import { parentPort, workerData } from 'node:worker_threads';
import { scanRecordedOutput } from './output-scan-ahead.js';

// The thread that scans a plain output folder ahead of a build's need (see `scanOutputAhead`).

const port = parentPort;
if (port) port.postMessage(scanRecordedOutput(workerData as string));
