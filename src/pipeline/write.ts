import { linkSync, mkdirSync, rmSync } from 'node:fs';
import { copyFile, mkdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { filePathOf } from '../model/urls.js';
import { stampText } from './file-stamp.js';
import { mapBounded } from './bounded.js';
import { bytesDigest, type WriteTarget, type WrittenElsewhere } from './output-file.js';
import { insideFolder, openTrees, outputStamp, removeFromTree } from './output-trees.js';

/** A file from the stories folder that the site publishes (a lead image), and where. */
export interface CopiedAsset {
  /** Absolute path of the source file. */
  readonly from: string;
  /** Site-relative path it is published at (`media/…`). */
  readonly path: string;
}

/** A file to write: its site-relative URL path and how to produce its bytes (called at most once). */
export interface OutputFile {
  readonly path: string;
  readonly render: () => string | Uint8Array | Promise<Uint8Array>;
  /**
   * Render and write the file on another thread (see `writeRenderedSync`): many such pages are
   * asked for at once, and their bytes never come back here. `render` stays for the rare file the
   * write stage must write itself (one it could not share with the live tree).
   */
  readonly writeElsewhere?: (target: WriteTarget) => Promise<WrittenElsewhere>;
  /** The output was proven unchanged (same reads, same code): keep the previous file without rendering. */
  readonly unchanged?: boolean;
  /** The digest of the previous build's bytes for this file, as the cache recorded it (with `unchanged`). */
  readonly previousDigest?: string | undefined;
}

/**
 * Files made from the written pages before the tree goes live (the search index), all in one
 * folder. When no HTML file changed and `reuse` allows it, the live tree's are kept without making them.
 */
export interface DerivedFiles {
  /** Their site-relative folder, ending in `/` (`pagefind/`). */
  readonly folder: string;
  /** Whether the live tree's files may be kept when no HTML file changed (false when they were made by other code or settings). */
  readonly reuse: boolean;
  /** Make them from the tree's folder, which then holds every page of the site and nothing stale. */
  readonly make: (treeDir: string) => Promise<readonly { readonly path: string; readonly bytes: Uint8Array }[]>;
}

/** What happened to one output file. */
export type FileOutcome = 'added' | 'changed' | 'unchanged';

/** What the write stage did: per file, its outcome and the digest of its bytes, and what disappeared. */
export interface WriteResult {
  readonly files: ReadonlyMap<string, { readonly outcome: FileOutcome; readonly digest: string }>;
  readonly removed: readonly string[];
  readonly bytes: number;
  /** The stamp of the output link as this build left it (see `outputStamp`). */
  readonly published?: string | undefined;
  /** How many files the tree this build left behind (the one live before it) differs from the new live one in. */
  readonly behind: number;
}

const parallelWrites = 32;
/** Pages asked of other threads at once: enough to keep them busy between two replies. */
const parallelOffThread = 96;

/**
 * Write every page and copied asset into the output tree that is not live (see `openTrees`), then
 * make it the live one: a build that fails or is killed before that leaves the previous output
 * exactly as it was. Only files whose bytes differ from what that tree holds are touched; files
 * whose bytes did not change since the live build are hard links to the live ones, so they keep
 * their modification time and deploy tools that sync by time or size upload only what changed.
 * With `rewriteAll`, every file is written anew. `onWait` hears of a tree catch-up it waits for.
 */
export async function writeSite(
  pages: readonly OutputFile[],
  assets: readonly CopiedAsset[],
  outDir: string,
  options: { readonly rewriteAll?: boolean; readonly derived?: DerivedFiles | undefined; readonly onWait?: ((pid: number) => void) | undefined } = {},
): Promise<WriteResult> {
  const trees = await openTrees(path.resolve(outDir), options.rewriteAll !== true, options.onWait);
  const { live, next } = trees;
  let bytes = 0;
  const files = new Map<string, { outcome: FileOutcome; digest: string }>();
  // Folders made (or being made) in the next tree: a new page's folder is made on the thread pool
  // while the next pages render; the few hard links that need one make it at once. A folder still
  // being made on the pool is not there yet: a link made now makes it again, synchronously.
  const made = new Map<string, Promise<unknown>>();
  const there = new Set<string>();
  const ensureDir = (file: string): Promise<unknown> => {
    const dir = path.dirname(file);
    let making = made.get(dir);
    if (!making) {
      making = mkdir(dir, { recursive: true }).then(() => there.add(dir));
      made.set(dir, making);
    }
    return making;
  };
  const ensureDirNow = (file: string) => {
    const dir = path.dirname(file);
    if (there.has(dir)) return;
    mkdirSync(dir, { recursive: true });
    there.add(dir);
    if (!made.has(dir)) made.set(dir, Promise.resolve());
  };
  // Synchronous on purpose: thousands of tiny calls cost far less in one loop than queued on the thread pool.
  /** Make the next tree's file the live tree's (same bytes, same inode); false when that is not possible. */
  const shareLive = (relative: string, digest: string): boolean => {
    if (next.files.get(relative) === digest) return true;
    if (!live || live.files.get(relative) !== digest) return false;
    const file = insideFolder(next.dir, relative);
    try {
      ensureDirNow(file);
      rmSync(file, { force: true });
      linkSync(insideFolder(live.dir, relative), file);
      return true;
    } catch {
      return false;
    }
  };
  const outcomeOf = (relative: string): FileOutcome => (live?.files.has(relative) ? 'changed' : 'added');
  try {
    // Files proven unchanged are kept first, in one pass, without rendering.
    const toRender: OutputFile[] = [];
    for (const page of pages) {
      const relative = filePathOf(page.path);
      if (page.unchanged && page.previousDigest !== undefined && shareLive(relative, page.previousDigest)) {
        files.set(relative, { outcome: 'unchanged', digest: page.previousDigest });
        continue;
      }
      toRender.push(page);
    }
    /** Write one file's bytes unless the tree already holds them (or the live tree does: then share its inode). */
    const writeBytes = async (relative: string, rendered: string | Uint8Array): Promise<void> => {
      // Encoded once: hashing, measuring and writing a string each encode it again (a 130 KB feed three times).
      const contents = typeof rendered === 'string' ? Buffer.from(rendered) : rendered;
      const digest = bytesDigest(contents);
      bytes += contents.byteLength;
      if (live?.files.get(relative) === digest && shareLive(relative, digest)) {
        files.set(relative, { outcome: 'unchanged', digest });
        return;
      }
      if (next.files.get(relative) !== digest) await writeFresh(insideFolder(next.dir, relative), contents, ensureDir);
      files.set(relative, { outcome: outcomeOf(relative), digest });
    };
    // Rendering here is CPU work chained through promises, which can keep the event loop from its
    // I/O phase for seconds: with pages on other threads, their replies would wait and they would
    // idle, so each page here first lets the loop run (which costs a build without them 5%).
    const waitForReplies = toRender.some((page) => page.writeElsewhere !== undefined);
    const jobs: (() => Promise<void>)[] = [
      ...toRender
        .filter((page) => page.writeElsewhere === undefined)
        .map((page) => async () => {
          if (waitForReplies) await yieldToEventLoop();
          await writeBytes(filePathOf(page.path), await page.render());
        }),
      ...assets.map((asset) => async () => {
        const relative = filePathOf(asset.path);
        const file = insideFolder(next.dir, relative);
        // A picture is known by its stamp (see `FileStamp`), as a story is: the copy keeps the original's times.
        const info = await stat(asset.from);
        const { atime, mtime } = info;
        const digest = `asset:${stampText(info)}`;
        if (live?.files.get(relative) === digest && shareLive(relative, digest)) {
          files.set(relative, { outcome: 'unchanged', digest });
          return;
        }
        if (next.files.get(relative) !== digest) {
          await ensureDir(file);
          await rm(file, { force: true });
          await copyFile(asset.from, file);
          await utimes(file, atime, mtime);
        }
        files.set(relative, { outcome: outcomeOf(relative), digest });
      }),
    ];
    /** Have another thread render and write a page; share it with the live tree here when its bytes are the live file's. */
    const writeOnThread = async (page: OutputFile, writeElsewhere: NonNullable<OutputFile['writeElsewhere']>): Promise<void> => {
      const relative = filePathOf(page.path);
      const liveDigest = live?.files.get(relative);
      const result = await writeElsewhere({ file: insideFolder(next.dir, relative), treeDigest: next.files.get(relative), liveDigest });
      if (result.digest === liveDigest && shareLive(relative, result.digest)) {
        bytes += result.size;
        files.set(relative, { outcome: 'unchanged', digest: result.digest });
      } else if (result.outcome === 'live') await writeBytes(relative, await page.render());
      else {
        bytes += result.size;
        files.set(relative, { outcome: outcomeOf(relative), digest: result.digest });
      }
    };
    // Pages rendered on other threads are asked for many at a time, while this thread renders the rest.
    const elsewhere = toRender.flatMap((page) => (page.writeElsewhere ? [{ page, writeElsewhere: page.writeElsewhere }] : []));
    await Promise.all([
      mapBounded(jobs, parallelWrites, (job) => job()),
      mapBounded(elsewhere, parallelOffThread, async ({ page, writeElsewhere }) => writeOnThread(page, writeElsewhere)),
    ]);
    const derived = options.derived;
    const isDerived = (relative: string) => derived !== undefined && relative.startsWith(derived.folder);
    // Stale pages go before derived files are made from the tree; stale derived files once they are.
    const removeStale = async (which: (relative: string) => boolean) => {
      for (const relative of next.files.keys()) {
        if (!files.has(relative) && which(relative)) await removeFromTree(next.dir, insideFolder(next.dir, relative));
      }
    };
    await removeStale((relative) => !isDerived(relative));
    if (derived) {
      const htmlChanged = (relative: string) => relative.endsWith('.html') && !isDerived(relative);
      const unchangedHtml =
        live !== undefined &&
        [...files].every(([relative, file]) => file.outcome === 'unchanged' || !htmlChanged(relative)) &&
        [...live.files.keys()].every((relative) => files.has(relative) || !htmlChanged(relative));
      const kept = derived.reuse && unchangedHtml ? keepLiveFiles(live, derived.folder, shareLive) : undefined;
      if (kept) for (const [relative, digest] of kept) files.set(relative, { outcome: 'unchanged', digest });
      else await mapBounded(await derived.make(next.dir), parallelWrites, (file) => writeBytes(filePathOf(file.path), file.bytes));
    }
    await removeStale(isDerived);
    const removed = live ? [...live.files.keys()].filter((relative) => !files.has(relative)).sort() : [];
    await trees.publish(new Map([...files].map(([relative, file]) => [relative, file.digest])));
    let behind = live ? removed.length : files.size;
    if (live) for (const [relative, file] of files) if (live.files.get(relative) !== file.digest) behind++;
    return { files, removed, bytes, published: outputStamp(trees.out), behind };
  } catch (error) {
    trees.abandon();
    throw error;
  }
}

/** The live tree's files under `folder`, each now shared into the next tree; undefined when it has none or one could not be shared. */
function keepLiveFiles(live: { readonly files: ReadonlyMap<string, string> } | undefined, folder: string, share: (relative: string, digest: string) => boolean): Map<string, string> | undefined {
  const kept = new Map([...(live?.files ?? [])].filter(([relative]) => relative.startsWith(folder)));
  if (kept.size === 0) return undefined;
  for (const [relative, digest] of kept) if (!share(relative, digest)) return undefined;
  return kept;
}

/**
 * Write a file as a new inode: a file of the tree being written may be a hard link to a live
 * file, which must never change in place.
 */
async function writeFresh(file: string, contents: Uint8Array, ensureDir: (file: string) => Promise<unknown>): Promise<void> {
  await ensureDir(file);
  try {
    await writeFile(file, contents, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    await rm(file, { force: true });
    await writeFile(file, contents, { flag: 'wx' });
  }
}

/** Let the event loop run its pending I/O callbacks (replies of other threads among them) before going on. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
