import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fromPlainMessage, toPlainMessage, type PlainMessage } from '../store/serialize.js';
import type { ScannedFolder } from './load.js';

// Listing and stating ten thousand story files (see `scanStories`) needs nothing a build settles
// first: the CLI starts it on another thread as it starts, and the build takes its result while
// its own modules are still loading, rather than scanning on its thread once they have.

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

/** A scan of a stories folder running on another thread; its result is taken once. */
export interface StoriesScanAhead {
  /** The stories folder scanned, absolute. */
  readonly storiesDir: string;
  /** The scan's result the first time it is asked for (undefined when it failed: scan on this thread); undefined ever after. */
  take(): Promise<ScannedFolder | undefined> | undefined;
}

const workerUrl = new URL('./scan-worker.js', import.meta.url);

/**
 * Start scanning `storiesDir` (relative to `cwd`) on another thread; undefined where no compiled
 * worker is there (tests run the sources). Until its result is taken, the thread does not keep
 * the process alive (a build refused before reading exits without waiting for it).
 */
export function scanStoriesAhead(storiesDir: string, cwd: string): StoriesScanAhead | undefined {
  if (!existsSync(fileURLToPath(workerUrl))) return undefined;
  const root = path.resolve(cwd, storiesDir);
  const worker = new Worker(workerUrl, { workerData: { storiesDir: root, cwd } });
  worker.unref();
  let result: Promise<ScannedFolder | undefined> | undefined = new Promise((resolve) => {
    worker.once('message', (packed: PackedScan | undefined) => resolve(packed && unpackScan(packed)));
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
  return {
    storiesDir: root,
    take: () => {
      // Awaited now: the thread keeps the process alive until it answers.
      worker.ref();
      const taken = result;
      result = undefined;
      return taken;
    },
  };
}
