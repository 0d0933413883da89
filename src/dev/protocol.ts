import type { DevEngineOptions, RebuildReport } from './engine.js';
import type { DevProblem, Served } from './site-source.js';

/** A rebuild as it crosses from the engine's worker to the server: its messages as plain, cloneable problems. */
export type RebuildSummary = Omit<RebuildReport, 'messages'> & { readonly problems: readonly DevProblem[] };

/** What the host asks the engine worker. */
export type EngineRequest = { readonly id: number; readonly type: 'update'; readonly files: readonly string[] } | { readonly id: number; readonly type: 'lookup'; readonly sitePath: string };

/** What the engine worker answers (`ready` once, after the first build). */
export type EngineReply =
  | { readonly type: 'ready'; readonly report: RebuildSummary; readonly basePath: string; readonly storiesDir: string }
  | { readonly id: number; readonly type: 'updated'; readonly report: RebuildSummary }
  | { readonly id: number; readonly type: 'found'; readonly served: Served | undefined }
  | { readonly id: number; readonly type: 'failed'; readonly error: string };

/** The options the worker is started with: the dev engine's. */
export type EngineWorkerData = DevEngineOptions;
