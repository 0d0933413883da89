import { parentPort, workerData } from 'node:worker_threads';
import { siteWithLookup, type PlainSite } from '../model/site.js';
import { articlePages } from '../render/article-pages.js';

// A thread of the render pool: renders the story pages of the site it was handed, by path.

/** What the pool hands a render thread when it starts: the resolved site, as a plain value. */
export interface RenderWorkerData {
  readonly site: PlainSite;
}

/** A batch of story pages to render, by site path. */
export type RenderWorkerRequest = { readonly batch: number; readonly paths: readonly string[] };
/** The rendered pages as UTF-8 bytes (in the order asked), or why the batch failed. */
export type RenderWorkerReply = { readonly batch: number; readonly pages: readonly Uint8Array[] } | { readonly batch: number; readonly error: string };

const port = parentPort;
if (port) {
  const site = siteWithLookup((workerData as RenderWorkerData).site);
  const pages = new Map(articlePages(site).map((page) => [page.path, page]));
  const encoder = new TextEncoder();
  port.on('message', ({ batch, paths }: RenderWorkerRequest) => {
    try {
      const rendered = paths.map((path) => {
        const page = pages.get(path);
        if (!page) throw new Error(`No story page at "${path}" in the render thread's site`);
        const contents = page.render(site);
        return typeof contents === 'string' ? encoder.encode(contents) : contents;
      });
      port.postMessage({ batch, pages: rendered } satisfies RenderWorkerReply, rendered.map((bytes) => bytes.buffer as ArrayBuffer));
    } catch (error) {
      port.postMessage({ batch, error: error instanceof Error ? error.message : String(error) } satisfies RenderWorkerReply);
    }
  });
}
