/** Collects changed paths and runs one job at a time over everything that changed meanwhile. */
export interface RebuildQueue {
  /** Note a changed path; a job starts after `quietMs` without further changes (or when the running one ends). */
  push(file: string): void;
  /** Resolves when nothing is running or waiting. */
  idle(): Promise<void>;
  /** Stop: no job starts after this. */
  stop(): void;
}

/**
 * Coalesce rapid saves: paths are gathered for `quietMs`, then handed to `run` as one batch; while
 * a batch runs, new paths wait for the next one, so only one rebuild ever runs at a time.
 */
export function createRebuildQueue(run: (files: readonly string[]) => Promise<void>, quietMs = 15): RebuildQueue {
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const waiters: (() => void)[] = [];

  const settle = () => {
    if (!running && !timer && pending.size === 0) for (const resolve of waiters.splice(0)) resolve();
  };
  const start = () => {
    timer = undefined;
    if (stopped || running || pending.size === 0) return settle();
    const batch = [...pending];
    pending = new Set();
    running = run(batch)
      .catch(() => undefined)
      .finally(() => {
        running = undefined;
        if (pending.size > 0 && !timer) start();
        else settle();
      });
  };
  return {
    push(file) {
      if (stopped) return;
      pending.add(file);
      if (timer) clearTimeout(timer);
      timer = setTimeout(start, quietMs);
    },
    idle() {
      return new Promise((resolve) => {
        waiters.push(resolve);
        settle();
      });
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      pending.clear();
      settle();
    },
  };
}
