import type * as pagefindModule from 'pagefind';
import type { HTMLFile, PagefindIndex } from 'pagefind';
import { rejectWhenLoopDry } from '../io/event-loop-dry.js';
import { threadIndexService } from './pagefind-thread.js';

/** The site-relative folder the search bundle is published in (Pagefind's own name for it). */
export const searchFolder = 'pagefind/';

/** The file beside Pagefind's that lists the shards the search page merges with the newest one: `{ "merge": ["2018-q1/", …] }`. */
export const shardListFile = 'wiredesk-shards.json';

/** One file of a Pagefind bundle: its path relative to the bundle's folder, and its bytes. */
export interface SearchFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** One index to make: its name (for messages) and the documents it holds, made as they are added. */
export interface IndexToMake {
  readonly name: string;
  documents(): Iterable<HTMLFile>;
}

/** Indexes made at once by this thread's Pagefind service (see `makeSearchIndexes`). */
const parallelIndexes = 2;
/** From this many indexes to make, a second service on another thread makes some (see `threadIndexService`). */
const threadFrom = 4;
/**
 * Documents sent to Pagefind before the first of them is answered: a whole shard's, so a publish
 * sends the newest shard's at once, before the pages render (with fewer, the rest wait for this
 * thread to turn from rendering to the answers, and the build then waits for Pagefind's files).
 */
const documentsInFlight = 512;

/** How to index. */
export interface SearchIndexOptions {
  /** The site's language tag: every story is indexed as this language, so one search finds them all. */
  readonly language: string;
  /** With many indexes to make, make some on a second Pagefind service, on another thread (`Tuning.searchThread`). */
  readonly thread?: boolean | undefined;
  /** Called once the first index's documents are all sent to Pagefind (the first index is this thread's). */
  readonly onFirstSent?: (() => void) | undefined;
}

/**
 * Make one Pagefind index per entry of `indexes`, in one run of Pagefind's service (and, with
 * `options.thread` and many indexes, of a second one on another thread: see `threadIndexService`), hand each
 * one's whole bundle (scripts, styles, WebAssembly, entry, metadata, index, filter and fragment
 * files) to `take` as soon as it is made (so that a build need not hold every shard's bytes at
 * once), and return what `take` gave, in the order asked. Only the elements marked
 * `data-pagefind-body` are indexed. Pagefind is loaded only when a site asks for search, and only
 * when an index is to be made.
 */
export function makeSearchIndexes<T>(indexes: readonly IndexToMake[], options: SearchIndexOptions, take: (files: SearchFile[], position: number) => Promise<T>): Promise<T[]> {
  // Pagefind runs as one service per process, which `close` stops: two indexings at once would stop each other's.
  const run = indexing.then(() => indexWithPagefind(indexes, options, take));
  indexing = run.catch(() => undefined);
  return run;
}

/**
 * The indexing under way in this process, if any: the next one waits for it. A lock, not a cache:
 * Pagefind's service is one per process (`close` stops it for every caller), so the queue is
 * the process's too; kept in a build's context, two builds of one process (a dev server's rebuild
 * beside a build) would again stop each other's indexing.
 */
let indexing: Promise<unknown> = Promise.resolve();

async function indexWithPagefind<T>(indexes: readonly IndexToMake[], options: SearchIndexOptions, take: (files: SearchFile[], position: number) => Promise<T>): Promise<T[]> {
  if (indexes.length === 0) return [];
  const pagefind = await import('pagefind');
  // The first index is asked for at once: its service starts and answers while the first documents are made.
  const first = createIndex(pagefind, options);
  first.catch(() => undefined);
  // Many indexes (a cold build): a second service on another thread takes them too, so two cores index.
  const thread = options.thread === true && indexes.length >= threadFrom ? threadIndexService() : undefined;
  const results = new Array<T>(indexes.length);
  let next = 0;
  const lane = async (make: (wanted: IndexToMake, position: number) => Promise<SearchFile[]>) => {
    while (next < indexes.length) {
      const position = next++;
      const wanted = indexes[position] as IndexToMake;
      results[position] = await take(await saidAsPagefinds(() => make(wanted, position)), position);
    }
  };
  // Pagefind's service answers from its own process; one that ended without a word (killed, say) never answers, and
  // nothing else would end the wait: the event loop running dry then says so.
  const gone = rejectWhenLoopDry(() => new Error('its service stopped without answering'));
  try {
    // Two indexes at a time in this thread's service: it works on one while this thread makes the other's documents.
    const local = Array.from({ length: Math.min(parallelIndexes, indexes.length) }, () =>
      lane((wanted, position) => indexOne(position === 0 ? first : createIndex(pagefind, options), wanted, position === 0 ? options.onFirstSent : undefined)),
    );
    await Promise.race([Promise.all([...local, ...(thread ? [lane((wanted) => thread.make(wanted, primaryLanguage(options.language)))] : [])]), saidAsPagefinds(() => gone.dry)]);
    return results;
  } finally {
    gone.stop();
    await Promise.all([pagefind.close(), thread?.close()]);
  }
}

/** A new index of this thread's Pagefind service, as Pagefind answers (a service that cannot start rejects, to be said as Pagefind's failure). */
async function createIndex(pagefind: typeof pagefindModule, options: SearchIndexOptions): ReturnType<typeof pagefindModule.createIndex> {
  return pagefind.createIndex({ forceLanguage: primaryLanguage(options.language) });
}

/** One index made by this thread's Pagefind service (`creating`, asked for): its whole bundle. */
async function indexOne(creating: ReturnType<typeof pagefindModule.createIndex>, wanted: IndexToMake, onSent?: () => void): Promise<SearchFile[]> {
  const created = await creating;
  const index = created.index;
  if (!index) throw new Error(created.errors.join('; ') || 'it could not start');
  const { answered } = await sendInOrder(index, wanted);
  onSent?.();
  // Asked for as soon as the last document is sent: the service answers in order, once it has added them all.
  const asked = index.getFiles();
  asked.catch(() => undefined);
  await answered;
  const { files, errors } = await asked;
  throwOn(errors, wanted.name);
  await index.deleteIndex();
  return bundleFiles(files);
}

/** Pagefind's files as a bundle's: paths with `/` on every platform. */
export function bundleFiles(files: readonly { readonly path: string; readonly content: Uint8Array }[]): SearchFile[] {
  return files.map((file) => ({ path: file.path.split('\\').join('/'), bytes: file.content }));
}

/** An index made by `make`; a failure is said as Pagefind's, with what to do. */
async function saidAsPagefinds(make: () => Promise<SearchFile[]>): Promise<SearchFile[]> {
  try {
    return await make();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `search: Pagefind could not index the site (${reason}); the previous output is unchanged. Reinstall wiredesk's dependencies so Pagefind's binary for this platform is there, or set \`search: false\` in site.yaml`,
      { cause: error },
    );
  }
}

/**
 * Send an index's documents, many on their way at once: Pagefind's service handles its messages
 * one after another, in the order sent, so the index is the same as when each waits for the one
 * before (its bytes depend on that order), without a round trip per document. Resolves once the
 * last is sent, with the promise of their answers.
 */
async function sendInOrder(index: PagefindIndex, wanted: IndexToMake): Promise<{ readonly answered: Promise<void> }> {
  const pending: Promise<void>[] = [];
  for (const document of wanted.documents()) {
    const adding = index.addHTMLFile(document).then((added) => throwOn(added.errors, wanted.name));
    // Awaited in the end; a failure before then is not an unhandled rejection.
    adding.catch(() => undefined);
    pending.push(adding);
    if (pending.length >= documentsInFlight) await pending.shift();
  }
  const answered = Promise.all(pending).then(() => undefined);
  answered.catch(() => undefined);
  // In an object: a promise returned from an async function would be waited for.
  return { answered };
}

function throwOn(errors: readonly string[], name: string): void {
  if (errors.length > 0) throw new Error(`${name}: ${errors.join('; ')}`);
}

/** Pagefind takes an ISO 639-1 code: `en` of `en-GB`. */
function primaryLanguage(tag: string): string {
  return (tag.split('-')[0] ?? tag).toLowerCase();
}
