/** Cancels a timer set with `WatchClock.after`; cancelling twice, or after it ran, does nothing. */
export type CancelTimer = () => void;

/**
 * The time as the watch loop sees it: the wall clock, which embargoes are written in, and
 * timers. Injected, so that a test can drive the loop through an embargo with a fixed clock.
 */
export interface WatchClock {
  /** The wall clock, in epoch milliseconds. */
  now(): number;
  /** Run `run` once, `ms` milliseconds from now (as the machine counts time passing). */
  after(ms: number, run: () => void): CancelTimer;
}

/** The longest delay `setTimeout` takes: a longer one fires at once (Node's 32-bit limit). */
export const longestTimerMs = 2 ** 31 - 1;

/** A delay `setTimeout` keeps as asked: not negative, not NaN, at most `longestTimerMs`. */
export function timerDelay(ms: number): number {
  return Number.isNaN(ms) ? 0 : Math.min(Math.max(0, ms), longestTimerMs);
}

/** The machine's clock: `Date.now()` and `setTimeout` (unref'd: the watcher, not a timer, keeps the process running). */
export const systemClock: WatchClock = {
  now: () => Date.now(),
  after(ms, run) {
    const timer = setTimeout(run, timerDelay(ms));
    timer.unref();
    return () => clearTimeout(timer);
  },
};

/**
 * Run `fire` once the wall clock reaches `at` (at once when it has), with one timer at a time.
 * A timer counts time passing, not the wall clock: set forward (or after the machine slept) the
 * wall clock is ahead of it. So it sleeps at most `checkEveryMs` at a time and looks at the wall
 * clock on waking, re-arming for what is left: on a steady clock it fires to the millisecond, and
 * at most `checkEveryMs` late after the clock was set forward; set back, it waits the longer.
 */
export function wakeAt(clock: WatchClock, at: number, fire: () => void, checkEveryMs: number): CancelTimer {
  let cancel: CancelTimer | undefined;
  const arm = (): void => {
    const left = at - clock.now();
    if (left <= 0) {
      cancel = undefined;
      fire();
      return;
    }
    cancel = clock.after(Math.min(left, checkEveryMs), arm);
  };
  if (Number.isFinite(at)) cancel = clock.after(Math.max(0, Math.min(at - clock.now(), checkEveryMs)), arm);
  return () => {
    cancel?.();
    cancel = undefined;
  };
}
