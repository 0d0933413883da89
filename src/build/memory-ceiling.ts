import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** How many calls of `check` pass between two looks at the memory in use. */
const checkEvery = 64;

/** V8's full garbage collection, reached the way `--expose-gc` would (set now, for a new context). */
function fullCollection(): () => void {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  if (typeof gc !== 'function') throw new Error('V8 did not expose its garbage collector');
  return () => void gc();
}

/**
 * Collect all the garbage of this thread now, in full: for a process that waits between builds
 * (`build --watch`), so the next build does not grow the heap on top of the last one's garbage.
 */
export function collectGarbage(): void {
  fullCollection()();
}

/** A memory ceiling in use: `check` it often (per page, per story), `checkNow` between phases; it says how many collections it forced. */
export interface MemoryCeiling {
  /** Look at the memory in use every so many calls. */
  check(): void;
  /** Look at the memory in use now. */
  checkNow(): void;
  /** Before a step that holds much at once: collect now when above the ceiling, however little the heap grew since the last collection. */
  makeRoom(): void;
  readonly collections: number;
}

/** What the ceiling looks at: the process's resident size and this thread's heap in use, in bytes. */
export interface MemoryGauges {
  readonly residentSize: () => number;
  readonly heapUsed: () => number;
}

const processGauges: MemoryGauges = { residentSize: () => process.memoryUsage.rss(), heapUsed: () => process.memoryUsage().heapUsed };

/**
 * Keep this thread near `bytes` of resident memory (`Tuning.memoryCeiling`): past it a build
 * collects its garbage itself rather than when V8 would, since on a machine with plenty of memory
 * V8 lets the heap of a 100,000-story build grow to three times what it holds alive. A ceiling,
 * not a limit: a bigger archive still builds, collecting more often. Below it, V8 collects as it likes. Above it,
 * every so many checks, a full collection runs once the heap holds an eighth of the ceiling more
 * than it held alive after the last one. V8 keeps the pages a collection frees and fills them
 * again, so collecting before the garbage outgrows them keeps the heap from growing further;
 * the step keeps a live heap above the ceiling from costing a collection at every look.
 */
export function memoryCeiling(bytes: number, gauges: MemoryGauges = processGauges): MemoryCeiling {
  let calls = 0;
  let collections = 0;
  let liveAfterLast = 0;
  // Reached the first time the ceiling is passed: most builds never collect.
  let collect: (() => void) | undefined;
  const collectNow = () => {
    (collect ??= fullCollection())();
    collections++;
    liveAfterLast = gauges.heapUsed();
  };
  const checkNow = () => {
    if (gauges.residentSize() < bytes) return;
    if (gauges.heapUsed() < liveAfterLast + bytes / 8) return;
    collectNow();
  };
  return {
    check() {
      if (++calls % checkEvery === 0) checkNow();
    },
    checkNow,
    makeRoom() {
      if (gauges.residentSize() >= bytes) collectNow();
    },
    get collections() {
      return collections;
    },
  };
}
