import path from 'node:path';
import { feedFormatOfPath } from '../model/feed-formats.js';
import type { Site } from '../model/site.js';
import { filePathOf } from '../model/urls.js';
import { TemplateFailure } from '../overrides/failure.js';
import type { Page } from '../pages/page.js';
import { fieldsOfAnyGroup, type FieldsRead } from '../incremental/read-fields.js';
import { readRecorder, type ReadRecorder } from '../incremental/read-tracking.js';
import { contentTypeOf } from './content-type.js';
import type { KeptBuild } from './kept-build.js';
import type { Served } from './site-source.js';
import { templateFailurePage } from './template-failure-page.js';

/** The pages of the last good build as served: each rendered on first request, then kept until a change touches it. */
export interface ServedPages {
  /** Drop changed and removed pages, rendering again at once the changed ones that had been served; how many were. */
  refresh(kept: KeptBuild, changed: Iterable<string>, removed: Iterable<string>): number;
  /** The response for a site path: a page, a draft page, or a story's picture (undefined for the site's own files). */
  lookup(kept: KeptBuild, sitePath: string, storiesDir: string): Served | undefined;
  /** The fields of teasers and stamps the renders so far read, of any page (see `readRecorder`): what fingerprints compare. */
  fieldsRead(): FieldsRead;
  /** The pages whose renders so far read their list's story count (see `noteListCountRead`). */
  listCountReaders(): ReadonlySet<string>;
}

/** An empty set of served pages. */
export function servedPages(): ServedPages {
  const cache = new Map<string, string | Uint8Array>();
  /** What the session's renders read of teasers and stamps. */
  const recorder = readRecorder();
  return {
    fieldsRead: () => fieldsOfAnyGroup(recorder.fields()),
    listCountReaders: () => recorder.listCountReaders(),
    refresh(kept, changed, removed) {
      let rendered = 0;
      for (const sitePath of removed) cache.delete(sitePath);
      for (const sitePath of changed) {
        const page = kept.pages.get(sitePath);
        if (!cache.delete(sitePath) || !page) continue;
        const { body, failed } = renderPage(page, kept.resolution.site, recorder);
        // A page a site's template fails on is rendered again on request, not kept.
        if (failed) continue;
        cache.set(sitePath, body);
        rendered++;
      }
      return rendered;
    },
    lookup(kept, sitePath, storiesDir) {
      const { site } = kept.resolution;
      const page = kept.pages.get(sitePath);
      if (page) {
        let body = cache.get(sitePath);
        if (body === undefined) {
          const rendered = renderPage(page, site, recorder);
          // A site's template that fails on this page: the message in its place, not kept, until the template is fixed.
          if (rendered.failed) return { kind: 'bytes', body: rendered.body, contentType: 'text/html; charset=utf-8' };
          body = rendered.body;
          cache.set(sitePath, body);
        }
        return { kind: 'bytes', body, contentType: contentTypeOfPage(page) };
      }
      const draft = kept.drafts.get(sitePath);
      if (draft) return { kind: 'bytes', body: draft.render(site), contentType: contentTypeOfPage(draft) };
      const media = sitePath.startsWith('media/') ? sitePath.slice('media/'.length) : undefined;
      if (media !== undefined && site.usedAssets.includes(media)) return { kind: 'file', absolutePath: path.join(storiesDir, media), contentType: contentTypeOf(media) };
      return undefined;
    },
  };
}

/** A page's contents, or (`failed`) the page saying which of the site's templates failed on it. */
function renderPage(page: Page, site: Site, recorder: ReadRecorder): { readonly body: string | Uint8Array; readonly failed: boolean } {
  try {
    return { body: page.render(recorder.view(site, page)), failed: false };
  } catch (error) {
    if (error instanceof TemplateFailure) return { body: templateFailurePage(error.onPage(page.path)), failed: true };
    throw error;
  }
}

function contentTypeOfPage(page: Page): string {
  if (page.kind === 'feed') return `${feedFormatOfPath(page.path)?.mediaType ?? 'application/xml'}; charset=utf-8`;
  if (page.kind === 'asset') return contentTypeOf(page.path);
  return contentTypeOf(filePathOf(page.path));
}
