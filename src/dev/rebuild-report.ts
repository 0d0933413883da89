import type { VFileMessage } from 'vfile-message';

/** What one (re)build did: its problems, the pages it changed or removed, and how long it took. */
export interface RebuildReport {
  /**
   * True when the site was rebuilt, broken stories left out or shown at their last good version;
   * false when problems no story can be left out for (the settings') kept the last good site in place.
   */
  readonly ok: boolean;
  readonly messages: readonly VFileMessage[];
  /** Story files on no page because they are broken and have no good version yet (display paths, sorted). */
  readonly leftOut: readonly string[];
  /** Site paths whose output changed (new pages included). */
  readonly changed: readonly string[];
  readonly removed: readonly string[];
  /** How many of the changed pages were rendered at once (those already served); the rest render on request. */
  readonly rendered: number;
  readonly pages: number;
  readonly ms: number;
  /**
   * `light` when only articles were swapped or only `skipped-file` warnings changed (no resolving,
   * no page planning), `extended` when stories were added to the last resolution (only they were
   * resolved, as a build does) and the pages planned anew, `full` when the site was resolved
   * again, `unchanged` when no file's content had changed (nothing was done).
   */
  readonly path: 'light' | 'extended' | 'full' | 'unchanged';
}
