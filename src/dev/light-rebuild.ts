import { changedReads } from '../incremental/changed-reads.js';
import type { FieldsRead } from '../incremental/read-fields.js';
import { pagesReading } from '../incremental/invalidate.js';
import { reuseResolution } from '../incremental/resolution.js';
import { storyShape } from '../incremental/story-shape.js';
import type { Article } from '../model/article.js';
import type { KeptBuild } from './kept-build.js';

/** What a light rebuild did: the kept build with the new versions, and the site paths to render again or to reload. */
export interface LightRebuild {
  readonly kept: KeptBuild;
  /** The pages that read something that changed (see `pagesReading`). */
  readonly changed: ReadonlySet<string>;
  /** The draft pages that show an edited story (rendered on each request, so only to reload). */
  readonly drafts: readonly string[];
}

/**
 * Take new versions of stories (by id) into the kept build without resolving or planning, as a
 * build takes the last resolution (see `reuseResolution`) when every story keeps its shape: the
 * pages that read what changed (see `changedReads`) are found through the readers index.
 * Undefined when an edited story changed shape or is not live (then resolve the site).
 */
export function lightRebuild(kept: KeptBuild, edited: ReadonlyMap<string, Article>, fields: FieldsRead): LightRebuild | undefined {
  const { resolution } = kept;
  const versions: [now: Article, before: Article][] = [];
  for (const [id, article] of edited) {
    const before = resolution.byId.get(id);
    if (!before || storyShape(before) !== storyShape(article)) return undefined;
    versions.push([article, before]);
  }
  const site = reuseResolution(resolution, edited);
  if (!site) return undefined;
  const changed = pagesReading(changedReads(site, versions, fields), kept.readers);
  const drafts: string[] = [];
  for (const [sitePath, page] of kept.drafts) if (page.deps.teasers.some((id) => edited.has(id))) drafts.push(sitePath);
  // What the pages read changed with the site: digested again when a full rebuild compares them.
  return { kept: { ...kept, resolution: { ...resolution, site }, reads: undefined }, changed, drafts };
}
