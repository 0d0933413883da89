import type { DevProblem, Served } from './site-source.js';

/** A rebuild as it crosses from the engine's worker to the server: plain, cloneable values. */
export interface RebuildSummary {
  readonly ok: boolean;
  readonly problems: readonly DevProblem[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
  readonly rendered: number;
  readonly pages: number;
  readonly ms: number;
}

/** What the host asks the engine worker. */
export type EngineRequest =
  | { readonly id: number; readonly type: 'update'; readonly files: readonly string[] }
  | { readonly id: number; readonly type: 'lookup'; readonly sitePath: string };

/** What the engine worker answers (`ready` once, after the first build). */
export type EngineReply =
  | { readonly type: 'ready'; readonly report: RebuildSummary; readonly basePath: string; readonly storiesDir: string }
  | { readonly id: number; readonly type: 'updated'; readonly report: RebuildSummary }
  | { readonly id: number; readonly type: 'found'; readonly served: Served | undefined }
  | { readonly id: number; readonly type: 'failed'; readonly error: string };

/** The options the worker is started with (the dev engine's). */
export interface EngineWorkerData {
  readonly cwd: string;
  readonly stories?: string | undefined;
  readonly config?: string | undefined;
  readonly baseUrl?: string | undefined;
}
