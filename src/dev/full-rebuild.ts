import type { VFileMessage } from 'vfile-message';
import { invalidatedPages, type Invalidation } from '../incremental/invalidate.js';
import type { Article } from '../model/article.js';
import { assembleForDev, withDrafts, type DevAssemblyInputs, type StoryEntry } from './assemble.js';
import { devFrameOf, extendedAssembly } from './frame-reuse.js';
import { keptBuild, readsOf, type KeptBuild } from './kept-build.js';
import type { FieldsRead } from '../incremental/read-fields.js';

/** How a full rebuild may reuse the last one. */
export interface FullRebuildOptions {
  /** The last good build, whose pages' reads the new ones are compared with. */
  readonly previous: KeptBuild | undefined;
  /** Each story as the last good site has it, shown in its place while a save of it is broken. */
  readonly lastGood: ReadonlyMap<string, Article>;
  /** Keep a frame of the resolution for the next rebuild to extend (`false`: resolve in full every time). */
  readonly keepFrame: boolean;
  /** Extend the last build's frame when only stories were added since. */
  readonly extend: boolean;
  /** The messages of the stories and the site's files, to tell the site's own (resolving and planning) from them. */
  readonly storyMessages: ReadonlySet<VFileMessage>;
  /** The fields of teasers and stamps that renders read so far: what pages' reads are digested by. */
  readonly fieldsRead: FieldsRead;
  /** The pages whose renders so far read their list's story count: their reads digest it. */
  readonly listCountReaders: ReadonlySet<string>;
}

/** A full rebuild's outcome: the build to keep, the pages it changed or removed, and every message. */
export interface FullRebuild {
  readonly kept: KeptBuild;
  readonly lastGood: Map<string, Article>;
  readonly invalidation: Invalidation;
  readonly messages: readonly VFileMessage[];
  /** Whether the last resolution was extended with stories added (see `extendedAssembly`), not the site resolved in full. */
  readonly extended: boolean;
}

/**
 * Assemble the site again (see `assembleForDev`), or the last frame extended with stories added
 * since, as a build would (see `extendedAssembly`), and compare what each page reads with the
 * last good build (see `invalidatedPages`). The messages alone when no site could be made.
 */
export function fullRebuild(stories: ReadonlyMap<string, StoryEntry>, inputs: DevAssemblyInputs, options: FullRebuildOptions): FullRebuild | { readonly failed: readonly VFileMessage[] } {
  const { previous } = options;
  const extended = options.extend && previous?.frame ? extendedAssembly(previous.resolution.site, previous.frame, stories, inputs) : undefined;
  const assembly = extended ?? assembleForDev(stories, options.lastGood, inputs);
  const { outcome } = assembly;
  if (!outcome.site || !outcome.pages) return { failed: assembly.messages };
  const built = keptBuild({
    site: outcome.site,
    pages: outcome.pages,
    frame: options.keepFrame ? devFrameOf(assembly, stories, [...inputs.unreadable].length) : undefined,
    siteMessages: outcome.messages.filter((message) => !options.storyMessages.has(message)),
    leftOut: outcome.leftOut,
    drafts: assembly.drafts,
  });
  // The first build renders every page; later ones compare what each page reads (kept for the next while no light edit follows).
  const reads = previous ? readsOf(built, options.fieldsRead, options.listCountReaders) : undefined;
  const kept = { ...built, reads };
  const invalidation = withDrafts(
    previous && reads ? invalidatedPages(readsOf(previous, options.fieldsRead, options.listCountReaders), reads) : { changed: [...kept.pages.keys()], removed: [] },
    previous?.drafts,
    kept,
  );
  return { kept, lastGood: assembly.lastGood, invalidation, messages: assembly.messages, extended: extended !== undefined };
}
