import { parentPort, workerData } from 'node:worker_threads';
import { siteWithLookup, type PlainSite } from '../model/site.js';
import { articlePages } from '../render/article-pages.js';
import { writeRenderedSync, type WriteTarget, type WrittenElsewhere } from './output-file.js';

// A thread of the render pool: renders the story pages of the site it was handed, by path, and
// writes each into the output tree (unless a tree already holds its bytes).

/** What the pool hands a render thread when it starts: the resolved site, as a plain value. */
export interface RenderWorkerData {
  readonly site: PlainSite;
}

/** A batch of story pages to render and write: each page's site path and where it goes. */
export type RenderWorkerRequest = { readonly batch: number; readonly pages: readonly { readonly path: string; readonly target: WriteTarget }[] };
/** What became of each page (in the order asked), or why the batch failed. */
export type RenderWorkerReply = { readonly batch: number; readonly results: readonly WrittenElsewhere[] } | { readonly batch: number; readonly error: string };

const port = parentPort;
if (port) {
  const site = siteWithLookup((workerData as RenderWorkerData).site);
  const pages = new Map(articlePages(site).map((page) => [page.path, page]));
  const encoder = new TextEncoder();
  port.on('message', ({ batch, pages: asked }: RenderWorkerRequest) => {
    try {
      const results = asked.map(({ path, target }) => {
        const page = pages.get(path);
        if (!page) throw new Error(`No story page at "${path}" in the render thread's site`);
        const contents = page.render(site);
        return writeRenderedSync(target, typeof contents === 'string' ? encoder.encode(contents) : contents);
      });
      port.postMessage({ batch, results } satisfies RenderWorkerReply);
    } catch (error) {
      port.postMessage({ batch, error: error instanceof Error ? error.message : String(error) } satisfies RenderWorkerReply);
    }
  });
}
