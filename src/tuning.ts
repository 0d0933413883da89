// The knobs that tune how a build runs, not what it makes: none of them changes a byte of the
// output. They are read from `WIREDESK_*` environment variables in one place, `resolveTuning`,
// and handed to the modules that use them as plain values (see docs/performance.md).

/** How a build runs: thresholds and switches that change its speed and memory, never its output. */
export interface Tuning {
  /** Print how long each phase of a build took, to standard error (`WIREDESK_TIMINGS=1`). */
  readonly timings: boolean;
  /**
   * From this much rendering of story pages and feeds (counted in story pages, a feed as three),
   * render them on threads (`WIREDESK_RENDER_POOL_FROM`): below it, starting threads costs more than it saves.
   */
  readonly renderPoolFrom: number;
  /** From this many files that the tree left behind lacks, a swap build links them up in the background (`WIREDESK_CATCH_UP_FROM`). */
  readonly catchUpFrom: number;
  /** Resident bytes past which a build collects its garbage itself (`WIREDESK_MEMORY_CEILING_MB`, in MiB; see `memoryCeiling`). */
  readonly memoryCeiling: number;
  /** Milliseconds a command runs before its progress line shows on a terminal (`WIREDESK_PROGRESS_AFTER_MS`). */
  readonly progressAfterMs: number;
  /** From this many stories, a build keeps their bodies in a file rather than in memory (no variable: tests set it). */
  readonly bodySpillFrom: number;
  /** Index a cold build's many search shards on a second Pagefind service too, on another thread (`WIREDESK_SEARCH_THREAD=0` turns it off). */
  readonly searchThread: boolean;
  /**
   * From this size of the output folder's record, in bytes (about 180 a file), a build scans the
   * folder on a thread of its own from its start, beside the stories folder's scan, rather than
   * after it on the same thread (`WIREDESK_OUTPUT_SCAN_ALONE_FROM`): one thread more pays only
   * where the scan is long.
   */
  readonly outputScanAloneFrom: number;
}

/** The tuning of a build when no variable is set. */
export const defaultTuning: Tuning = {
  timings: false,
  renderPoolFrom: 2_000,
  catchUpFrom: 1_000,
  // V8 lets the heap of a 100,000-story build grow to three times what it holds alive; 1.25 GiB holds it near its need
  // (a cold build's peak 1.77–1.79 GiB, against 1.82–1.89 GiB at 1.5 GiB, in about the same time).
  memoryCeiling: 1.25 * 1024 ** 3,
  progressAfterMs: 1_000,
  bodySpillFrom: 20_000,
  searchThread: true,
  // Measured (8 December 2026): alone, the scan costs a 10,000-story publish (a 4.7 MB record) 90 ms and saves a 30,000-story one
  // (13 MB) 220 ms and a 100,000-story one (43 MB) 0.4–0.7 s; the two meet near 16,000 stories (7 MB).
  outputScanAloneFrom: 8 * 1024 ** 2,
};

/**
 * The tuning that the `WIREDESK_*` variables of `env` ask for, each one unset, empty, zero or not
 * a number taking its default (a delay of `0` is a delay, though: `WIREDESK_PROGRESS_AFTER_MS=0`).
 */
export function resolveTuning(env: Readonly<Record<string, string | undefined>>): Tuning {
  const ceilingMb = Number(env.WIREDESK_MEMORY_CEILING_MB);
  const afterMs = env.WIREDESK_PROGRESS_AFTER_MS;
  return {
    timings: env.WIREDESK_TIMINGS === '1',
    renderPoolFrom: Number(env.WIREDESK_RENDER_POOL_FROM) || defaultTuning.renderPoolFrom,
    catchUpFrom: Number(env.WIREDESK_CATCH_UP_FROM) || defaultTuning.catchUpFrom,
    memoryCeiling: ceilingMb > 0 ? ceilingMb * 1024 ** 2 : defaultTuning.memoryCeiling,
    progressAfterMs: afterMs !== undefined && /^\d+$/.test(afterMs) ? Number(afterMs) : defaultTuning.progressAfterMs,
    bodySpillFrom: defaultTuning.bodySpillFrom,
    searchThread: env.WIREDESK_SEARCH_THREAD !== '0',
    outputScanAloneFrom: Number(env.WIREDESK_OUTPUT_SCAN_ALONE_FROM) || defaultTuning.outputScanAloneFrom,
  };
}
