import type { VFileMessage } from 'vfile-message';
import type { BuildManifest } from '../deploy/manifest.js';
import type { SiteConfig } from '../model/config.js';
import type { Schedule, Site } from '../model/site.js';
import type { BuildWork } from './work.js';

/** The counts a successful build reports. */
export interface BuildStats {
  readonly stories: number;
  readonly pages: number;
  readonly feeds: number;
  /** Stories whose parsed result came from the cache. */
  readonly storiesReused: number;
  readonly written: number;
  readonly unchanged: number;
  readonly removed: number;
  readonly ms: number;
}

/** How a build went: `ok` when the site was written, plus every message and the counts. */
export interface BuildOutcome {
  readonly ok: boolean;
  readonly messages: readonly VFileMessage[];
  /** Story files left out by `keepGoing` (display paths). */
  readonly leftOut?: readonly string[];
  readonly site?: Site;
  readonly stats?: BuildStats;
  /** What a build that published the site did to publish it (also in `manifest`). */
  readonly work?: BuildWork;
  /** The embargoes around the build's instant (for the report's "next embargo" line). */
  readonly schedule?: Schedule;
  /** Why the build was refused before anything was read or written (a wrong `--out`, no stories folder: exit code 2). */
  readonly refused?: string;
  /** Why writing the output failed (a full disk, say), printed in place of the usual failure line. */
  readonly failure?: string;
  /** The settings the site was built with, when they were usable. */
  readonly config?: SiteConfig;
  /** What a build that published the site did to the output folder. */
  readonly manifest?: BuildManifest;
  /** Why the deploy command failed, after a build that published the site (the line printed). */
  readonly deployFailure?: string;
}
