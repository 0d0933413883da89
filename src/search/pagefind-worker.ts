import { parentPort } from 'node:worker_threads';
import type { HTMLFile, PagefindIndex } from 'pagefind';
import { bundleFiles, type SearchFile } from './pagefind-index.js';

// The thread of a second Pagefind service (see `threadIndexService`): Pagefind runs one service
// per thread's module graph, each in its own process, so a cold build indexes two shards at once
// on two cores. It makes one index at a time, from the documents the build sends, in their order.

/** What the build sends: start an index, some of its documents, ask for its files, or stop the service. */
export type PagefindWorkerRequest =
  { readonly kind: 'begin'; readonly language: string } | { readonly kind: 'documents'; readonly documents: readonly HTMLFile[] } | { readonly kind: 'end' } | { readonly kind: 'close' };

/** What the thread answers to `end`: the index's files, or why it could not be made. */
export type PagefindWorkerReply = { readonly kind: 'files'; readonly files: readonly SearchFile[] } | { readonly kind: 'failed'; readonly reason: string };

const port = parentPort;
if (port) {
  const pagefind = await import('pagefind');
  let index: PagefindIndex | undefined;
  let added: Promise<unknown>[] = [];
  let failure: string | undefined;
  const fail = (error: unknown) => {
    failure ??= error instanceof Error ? error.message : String(error);
  };
  const handle = async (request: PagefindWorkerRequest): Promise<void> => {
    if (request.kind === 'begin') {
      failure = undefined;
      added = [];
      const created = await pagefind.createIndex({ forceLanguage: request.language }).catch((error: unknown) => ({ index: undefined, errors: [String(error)] }));
      index = created.index;
      if (!index) fail(new Error(created.errors.join('; ') || 'it could not start'));
    } else if (request.kind === 'documents') {
      for (const document of request.documents) {
        const adding = index?.addHTMLFile(document).then((result) => (result.errors.length > 0 ? fail(new Error(result.errors.join('; '))) : undefined), fail);
        if (adding) added.push(adding);
      }
    } else if (request.kind === 'close') {
      await pagefind.close();
      port.close();
    } else {
      await Promise.all(added);
      const made = failure === undefined && index ? await index.getFiles().catch((error: unknown) => ({ files: [], errors: [String(error)] })) : undefined;
      if (made && made.errors.length > 0) fail(new Error(made.errors.join('; ')));
      await index?.deleteIndex().catch(() => undefined);
      index = undefined;
      if (failure !== undefined || !made) port.postMessage({ kind: 'failed', reason: failure ?? 'no index' } satisfies PagefindWorkerReply);
      else {
        port.postMessage({ kind: 'files', files: bundleFiles(made.files) } satisfies PagefindWorkerReply);
      }
    }
  };
  // Requests are handled one after another, in the order sent.
  let queue: Promise<void> = Promise.resolve();
  // While a request waits for Pagefind, only Pagefind's process holds the thread: one that ended without a word
  // (killed, say) never answers, and the thread ends instead of waiting forever (the build is told, see `threadIndexService`).
  port.on('message', (request: PagefindWorkerRequest) => {
    queue = queue.then(async () => {
      port.unref();
      try {
        await handle(request);
      } finally {
        port.ref();
      }
    });
  });
}
