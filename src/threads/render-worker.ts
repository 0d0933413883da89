import { parentPort } from 'node:worker_threads';
import { siteWithLookup, type PlainSite, type Site } from '../model/site.js';
import type { CompiledTemplate } from '../overrides/compile.js';
import { renderNamingPage, TemplateFailure, type PlainTemplateFailure } from '../overrides/failure.js';
import { loadOverrides } from '../overrides/load.js';
import { articlePages } from '../pages/article-pages.js';
import { feedPages } from '../pages/feed-pages.js';
import type { Page } from '../pages/page.js';
import type { ReadFields } from '../incremental/read-fields.js';
import { readRecorder, type ReadRecorder } from '../incremental/read-tracking.js';
import { writeRenderedSync, type WriteTarget, type WrittenElsewhere } from '../output/output-file.js';

// A thread of the render pool: started before the site is resolved, it is then handed the site
// and the site's compiled templates (once), renders its story pages and feeds by path, and writes
// each into the output tree (unless a tree already holds its bytes).

/** What the pool sends a render thread: the resolved site as a plain value with the compiled templates (first), then batches of story pages and feeds to render and write. */
export type RenderWorkerMessage =
  { readonly site: PlainSite; readonly templates: readonly CompiledTemplate[] } | { readonly batch: number; readonly pages: readonly { readonly path: string; readonly target: WriteTarget }[] };
/** What became of each page (in the order asked) with the fields the thread's renders read so far, or why the batch failed (with the template that failed, if one did). */
export type RenderWorkerReply =
  { readonly batch: number; readonly results: readonly WrittenElsewhere[]; readonly fields: ReadFields } | { readonly batch: number; readonly error: string; readonly template?: PlainTemplateFailure };

/** The site and its pages, once the templates are loaded. */
interface Served {
  readonly site: Site;
  readonly pages: ReadonlyMap<string, Page>;
  readonly recorder: ReadRecorder;
}

const port = parentPort;
if (port) {
  let served: Promise<Served> | undefined;
  const encoder = new TextEncoder();
  port.on('message', async (message: RenderWorkerMessage) => {
    if ('site' in message) {
      served = (async () => {
        const site = siteWithLookup(message.site);
        // The very modules the main thread loaded (it checked them): a page renders the same on any thread.
        const { templates, messages } = await loadOverrides(message.templates);
        if (messages.length > 0) throw new Error(messages.map((problem) => problem.reason).join('; '));
        return { site, pages: new Map([...articlePages(site, templates), ...feedPages(site)].map((page) => [page.path, page])), recorder: readRecorder() };
      })();
      // Failures are reported with the first batch that waits for it.
      served.catch(() => undefined);
      return;
    }
    const { batch, pages: asked } = message;
    try {
      if (!served) throw new Error('A render thread was asked for pages before it was handed the site');
      const { site, pages, recorder } = await served;
      const results = asked.map(({ path, target }) => {
        const page = pages.get(path);
        if (!page) throw new Error(`No story page or feed at "${path}" in the render thread's site`);
        const contents = renderNamingPage(path, () => page.render(recorder.view(site, page)));
        return writeRenderedSync(target, typeof contents === 'string' ? encoder.encode(contents) : contents);
      });
      port.postMessage({ batch, results, fields: recorder.fields() } satisfies RenderWorkerReply);
    } catch (error) {
      const template = error instanceof TemplateFailure ? { template: error.failure } : {};
      port.postMessage({ batch, error: error instanceof Error ? error.message : String(error), ...template } satisfies RenderWorkerReply);
    }
  });
}
