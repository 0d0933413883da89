import { changedReads } from '../incremental/changed-reads.js';
import type { FieldsRead } from '../incremental/read-fields.js';
import { pagesReading } from '../incremental/invalidate.js';
import { reuseResolution } from '../incremental/resolution.js';
import { storyShape } from '../incremental/story-shape.js';
import type { Article } from '../model/article.js';
import type { Site } from '../model/site.js';
import type { Page } from '../pages/page.js';
import { sitemapFiles } from '../pages/sitemap-pages.js';
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
 * Undefined when an edited story changed shape, is not live, or has messages of resolving (then resolve the site).
 */
export function lightRebuild(kept: KeptBuild, edited: ReadonlyMap<string, Article>, fields: FieldsRead): LightRebuild | undefined {
  const { resolution } = kept;
  const versions: [now: Article, before: Article][] = [];
  // A story that resolving said something of (a link to a broken story, say) is resolved again: the message's place may have moved.
  const named = new Set(kept.siteMessages.map((message) => message.file));
  for (const [id, article] of edited) {
    const before = resolution.byId.get(id);
    if (!before || storyShape(before) !== storyShape(article) || named.has(article.displayPath)) return undefined;
    versions.push([article, before]);
  }
  const site = reuseResolution(resolution, edited);
  if (!site) return undefined;
  const changed = pagesReading(changedReads(site, versions, fields), kept.readers);
  const drafts: string[] = [];
  for (const [sitePath, page] of kept.drafts) if (page.deps.teasers.some((id) => edited.has(id))) drafts.push(sitePath);
  // What the pages read changed with the site: digested again when a full rebuild compares them.
  return { kept: { ...kept, resolution: { ...resolution, site }, pages: withSitemapsPlanned(kept.pages, changed, site), reads: undefined }, changed, drafts };
}

/**
 * `pages`, with the sitemap's files planned again for `site` when one of them is `changed` (a
 * story's modified time changed): their plans hold the lastmods they were planned with, which a
 * full rebuild compares with the next plan's, and would find changed though the files were rendered since.
 */
function withSitemapsPlanned(pages: ReadonlyMap<string, Page>, changed: ReadonlySet<string>, site: Site): ReadonlyMap<string, Page> {
  if (![...changed].some((sitePath) => pages.get(sitePath)?.kind === 'sitemap')) return pages;
  const planned = new Map(pages);
  for (const page of sitemapFiles(site)) if (planned.has(page.path)) planned.set(page.path, page);
  return planned;
}
