import type { WatchBatch, FileEvent } from './batch.js';
import { wakeAt, type CancelTimer, type WatchClock } from './clock.js';

/** How long the watch loop waits, in milliseconds. */
export interface WatchTiming {
  /** A file must keep its size this long before its change counts: a file written in pieces is taken whole. */
  readonly settleMs: number;
  /** How often a file still being written is looked at. */
  readonly settlePollMs: number;
  /** Changes are gathered until none came for this long, so a burst of files is one build. */
  readonly quietMs: number;
  /** A build starts at most this long after the first change it takes, even while changes keep coming. */
  readonly maxWaitMs: number;
  /** While waiting for an embargo, the wall clock is looked at least this often (a clock set forward, a machine that slept). */
  readonly checkClockEveryMs: number;
}

/** The watch loop's waits by default. */
export const defaultTiming: WatchTiming = { settleMs: 100, settlePollMs: 25, quietMs: 40, maxWaitMs: 1_000, checkClockEveryMs: 60_000 };

/** What one build of the loop tells it: when the site it published changes by itself, if it published one. */
export interface RoundResult {
  /** The published site is right until this instant (epoch ms; +Infinity: until a file changes); undefined when the build published nothing. */
  readonly rightUntil: number | undefined;
  /** Why the build was refused before it read anything (a wrong `--out`), when it was. */
  readonly refused?: string;
}

/** The watch loop: it builds once, then for each batch of changes and at each instant the site changes. */
export interface WatchLoop {
  /** Note a changed file: a build follows once changes stop for `quietMs`. */
  changed(file: string, event: FileEvent): void;
  /** Resolves once no build runs or waits to run (for tests: after a change or a clock step). */
  idle(): Promise<void>;
  /** Whether a build is running. */
  busy(): boolean;
  /** Take no more changes and set no more timers; resolves after the build in progress, if any, ends. */
  stop(): Promise<void>;
}

/**
 * Run `build` for the first build at once, then for every batch of changes (gathered until quiet,
 * one build at a time, changes during a build waiting for the next), and when the clock reaches
 * the instant the last published site said it changes by itself. A build that publishes nothing
 * (errors) leaves the timer of the last one that did.
 */
export function startWatchLoop(clock: WatchClock, timing: WatchTiming, build: (batch: WatchBatch) => Promise<RoundResult>): WatchLoop {
  let pending = new Map<string, FileEvent>();
  let firstPendingAt: number | undefined;
  let first = true;
  let woke = false;
  let quiet: CancelTimer | undefined;
  let wake: CancelTimer | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const waiters: (() => void)[] = [];

  const settle = (): void => {
    if (running === undefined && quiet === undefined && !due()) for (const resolve of waiters.splice(0)) resolve();
  };
  // A batch is due when nothing gathers it any longer: the first build, the clock, or a quiet spell that ended.
  const due = (): boolean => !stopped && (first || woke || (pending.size > 0 && quiet === undefined));
  const start = (): void => {
    if (running !== undefined || !due()) return settle();
    const batch: WatchBatch = { first, files: pending, woke };
    first = false;
    woke = false;
    pending = new Map();
    firstPendingAt = undefined;
    running = build(batch)
      .then((result) => rearm(result.rightUntil))
      .catch(() => undefined)
      .finally(() => {
        running = undefined;
        start();
      });
  };
  const rearm = (until: number | undefined): void => {
    if (until === undefined || stopped) return;
    wake?.();
    wake = wakeAt(
      clock,
      until,
      () => {
        wake = undefined;
        woke = true;
        start();
      },
      timing.checkClockEveryMs,
    );
  };

  start();
  return {
    changed(file, event) {
      if (stopped) return;
      // An added then removed file is removed; a removed then added one changed.
      const before = pending.get(file);
      pending.set(file, before === 'removed' && event === 'added' ? 'changed' : before === 'added' && event === 'changed' ? 'added' : event);
      const now = clock.now();
      firstPendingAt ??= now;
      quiet?.();
      quiet = clock.after(Math.max(0, Math.min(timing.quietMs, firstPendingAt + timing.maxWaitMs - now)), () => {
        quiet = undefined;
        start();
      });
    },
    idle: () =>
      new Promise<void>((resolve) => {
        waiters.push(resolve);
        settle();
      }),
    busy: () => running !== undefined,
    async stop() {
      stopped = true;
      quiet?.();
      quiet = undefined;
      wake?.();
      wake = undefined;
      await running;
      settle();
    },
  };
}
