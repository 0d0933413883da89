import { parentPort } from 'node:worker_threads';
import { siteWithLookup, type PlainSite, type Site } from '../model/site.js';
import { articlePages } from '../render/article-pages.js';
import { feedPages } from '../render/feed-pages.js';
import type { Page } from '../render/page.js';
import { writeRenderedSync, type WriteTarget, type WrittenElsewhere } from './output-file.js';

// A thread of the render pool: started before the site is resolved, it is then handed the site
// (once), renders its story pages and feeds by path, and writes each into the output tree (unless
// a tree already holds its bytes).

/** What the pool sends a render thread: the resolved site as a plain value and the path of the stylesheet its pages link (first), then batches of story pages and feeds to render and write. */
export type RenderWorkerMessage =
  | { readonly site: PlainSite; readonly stylesheetPath: string }
  | { readonly batch: number; readonly pages: readonly { readonly path: string; readonly target: WriteTarget }[] };
/** What became of each page (in the order asked), or why the batch failed. */
export type RenderWorkerReply = { readonly batch: number; readonly results: readonly WrittenElsewhere[] } | { readonly batch: number; readonly error: string };

const port = parentPort;
if (port) {
  let served: { readonly site: Site; readonly pages: ReadonlyMap<string, Page> } | undefined;
  const encoder = new TextEncoder();
  port.on('message', (message: RenderWorkerMessage) => {
    if ('site' in message) {
      const site = siteWithLookup(message.site);
      served = { site, pages: new Map([...articlePages(site, message.stylesheetPath), ...feedPages(site)].map((page) => [page.path, page])) };
      return;
    }
    const { batch, pages: asked } = message;
    try {
      if (!served) throw new Error('A render thread was asked for pages before it was handed the site');
      const { site, pages } = served;
      const results = asked.map(({ path, target }) => {
        const page = pages.get(path);
        if (!page) throw new Error(`No story page or feed at "${path}" in the render thread's site`);
        const contents = page.render(site);
        return writeRenderedSync(target, typeof contents === 'string' ? encoder.encode(contents) : contents);
      });
      port.postMessage({ batch, results } satisfies RenderWorkerReply);
    } catch (error) {
      port.postMessage({ batch, error: error instanceof Error ? error.message : String(error) } satisfies RenderWorkerReply);
    }
  });
}
