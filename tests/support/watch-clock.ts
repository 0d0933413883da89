import type { WatchClock } from '../../src/watch/clock.js';

/** A clock that stands still until a test moves it, firing the timers that fall due on the way. */
export interface FixedClock extends WatchClock {
  /** Let `ms` pass, running each timer due by then at its own instant, in order. */
  advance(ms: number): void;
  /** Let time pass until the wall clock reads `to` (epoch ms). */
  advanceTo(to: number): void;
  /** Set the wall clock to `to` without time passing (NTP stepping it, a machine waking from sleep): timers keep their own count. */
  setWall(to: number): void;
  /** Timers set and not yet run or cancelled. */
  timers(): number;
}

/** A fixed clock whose wall clock reads `start` (epoch ms). Timers count time passing, as `setTimeout` does, not the wall clock. */
export function fixedClock(start: number): FixedClock {
  let passed = 0;
  let wallOffset = start;
  let serial = 0;
  const timers = new Map<number, { due: number; run: () => void }>();
  const clock: FixedClock = {
    now: () => passed + wallOffset,
    after(ms, run) {
      const id = serial++;
      timers.set(id, { due: passed + Math.max(0, ms), run });
      return () => timers.delete(id);
    },
    advance(ms) {
      const until = passed + ms;
      for (;;) {
        const next = [...timers].filter(([, timer]) => timer.due <= until).sort(([a, x], [b, y]) => x.due - y.due || a - b)[0];
        if (next === undefined) break;
        timers.delete(next[0]);
        passed = Math.max(passed, next[1].due);
        next[1].run();
      }
      passed = until;
    },
    advanceTo: (to) => clock.advance(Math.max(0, to - clock.now())),
    setWall(to) {
      wallOffset = to - passed;
    },
    timers: () => timers.size,
  };
  return clock;
}
