import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { holdThread } from '../threads/thread-hold.js';
import type { RecordedScan, ScanAhead } from '../output/output-scan-ahead.js';
import { fromPlainMessage, toPlainMessage, type PlainMessage } from '../store/serialize.js';
import type { ScannedFolder } from './load.js';

// Listing and stating ten thousand story files (see `scanStories`) needs nothing a build settles
// first: the CLI starts it on another thread as it starts, and the build takes its result while
// its own modules are still loading, rather than scanning on its thread once they have. The same
// thread then scans the output folder when the build asks (see `scanOutputAhead`): one thread
// started, not two.

/** A scan as it crosses threads: the stories' paths, their stamps four numbers each, and plain messages. */
export interface PackedScan {
  readonly root: string;
  readonly sources: readonly string[];
  /** `size, mtimeMs, ctimeMs, ino` of each story, in the order of `sources`. */
  readonly stamps: Float64Array;
  readonly assets: ScannedFolder['assets'];
  readonly messages: readonly PlainMessage[];
}

/** The scan as another thread can receive it (see `PackedScan`). */
export function packScan(scan: ScannedFolder): PackedScan {
  const stamps = new Float64Array(scan.stories.length * 4);
  scan.stories.forEach((story, index) => stamps.set([story.size, story.mtimeMs, story.ctimeMs, story.ino], index * 4));
  return { root: scan.root, sources: scan.stories.map((story) => story.source), stamps, assets: scan.assets, messages: scan.messages.map(toPlainMessage) };
}

/** The scan a `PackedScan` holds, as `scanStories` returned it. */
export function unpackScan(packed: PackedScan): ScannedFolder {
  const { stamps } = packed;
  const stories = packed.sources.map((source, index) => ({
    source,
    size: stamps[index * 4] ?? -1,
    mtimeMs: stamps[index * 4 + 1] ?? -1,
    ctimeMs: stamps[index * 4 + 2] ?? -1,
    ino: stamps[index * 4 + 3] ?? -1,
  }));
  return { root: packed.root, stories, assets: packed.assets, messages: packed.messages.map(fromPlainMessage) };
}

/** What the scanning thread posts: the stories folder's scan, then (when asked) the output folder's. */
export type ScanReply = { readonly stories: PackedScan | undefined } | { readonly output: RecordedScan | undefined };

/** A scan of a stories folder running on another thread; its result is taken once. */
export interface StoriesScanAhead {
  /** The stories folder scanned, absolute. */
  readonly storiesDir: string;
  /** The scan's result the first time it is asked for (undefined when it failed: scan on this thread); undefined ever after. */
  take(): Promise<ScannedFolder | undefined> | undefined;
  /**
   * Scan the plain output folder `out` against its record on the same thread, once its stories
   * scan is done (see `scanRecordedOutput`): no second thread is started for it. Undefined when
   * asked before the stories scan was taken, or a second time.
   */
  scanOutput(out: string): ScanAhead | undefined;
  /** End the thread (at once, whatever it is doing). */
  close(): Promise<void>;
}

const workerUrl = new URL('./scan-worker.js', import.meta.url);

/**
 * Start scanning `storiesDir` (relative to `cwd`) on another thread; undefined where no compiled
 * worker is there (tests run the sources). The thread keeps the process alive only while a
 * result of it is awaited (a build refused before reading exits without waiting for it).
 */
export function scanStoriesAhead(storiesDir: string, cwd: string): StoriesScanAhead | undefined {
  if (!existsSync(fileURLToPath(workerUrl))) return undefined;
  const root = path.resolve(cwd, storiesDir);
  const worker = new Worker(workerUrl, { workerData: { storiesDir: root, cwd } });
  const thread = holdThread(worker);
  const ended = new Promise<void>((resolve) => {
    worker.once('error', () => resolve());
    worker.once('exit', () => resolve());
  });
  /** The next reply of the thread; undefined when it ends first. */
  const reply = (): Promise<ScanReply | undefined> => Promise.race([new Promise<ScanReply>((resolve) => worker.once('message', resolve)), ended.then(() => undefined)]);
  let stories: Promise<ScannedFolder | undefined> | undefined = reply().then((answer) => (answer && 'stories' in answer && answer.stories ? unpackScan(answer.stories) : undefined));
  let taken = false;
  let outputAsked = false;
  return {
    storiesDir: root,
    take: () => {
      const result = stories && thread.hold(stories);
      stories = undefined;
      taken = true;
      return result;
    },
    scanOutput: (out) => {
      if (!taken || outputAsked) return undefined;
      outputAsked = true;
      const result = thread.hold(reply().then((answer) => (answer && 'output' in answer ? answer.output : undefined)));
      worker.postMessage(out);
      return { result, stop: thread.end };
    },
    close: thread.end,
  };
}
