import { linkSync, mkdirSync, rmSync } from 'node:fs';
import { copyFile, mkdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { filePathOf } from '../model/urls.js';
import { stampText } from '../io/file-stamp.js';
import { firstFailure, mapBounded } from '../threads/bounded.js';
import { bytesDigest, type WriteTarget, type WrittenElsewhere } from './output-file.js';
import { FileSettler, type FileOutcome, type SettledFiles } from './settled-files.js';
import { stageFiles } from './staged-files.js';
import { openOutput, type OutputLayout } from './output-layout.js';
import type { ScanAhead } from './output-scan-ahead.js';
import { insideFolder, removeFromTree } from './output-trees.js';

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
  /** Its file in the output (`filePathOf(path)`), when the caller knows it already. */
  readonly file?: string;
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
 * Files made for the site before the tree goes live (the search index), all in one folder, written
 * once every page is: a file the output holds already, known by its digest, is kept as it is.
 */
export interface DerivedFiles {
  /** Their site-relative folder, ending in `/` (`pagefind/`). */
  readonly folder: string;
  /** Make them (from the site, not from the pages written: a plain folder shows no new page until they are made too). */
  readonly make: () => Promise<readonly DerivedFile[]>;
}

/**
 * One derived file: its site-relative path and its bytes, or how to read them. With `digest` (a
 * `bytesDigest` of the bytes), a file the output holds already is kept without reading them.
 */
export interface DerivedFile {
  readonly path: string;
  readonly bytes: Uint8Array | (() => Promise<Uint8Array>);
  readonly digest?: string | undefined;
}

export type { FileOutcome } from './settled-files.js';

/** What the write stage did: per file, its outcome and the digest of its bytes, and what disappeared. */
export interface WriteResult {
  readonly files: SettledFiles;
  readonly removed: readonly string[];
  readonly bytes: number;
  /** The stamp of the output as this build left it (see `currentOutputStamp`). */
  readonly published?: string | undefined;
  /** Swap layout: how many files the tree this build left behind (the one live before it) differs from the new live one in. */
  readonly behind: number;
  /** Files found in the output that no build wrote, removed (relative to it). */
  readonly strays: readonly string[];
  /** Files of the last build changed or removed outside wiredesk since, written again (relative to the output). */
  readonly altered: readonly string[];
}

const parallelWrites = 32;
/** Pages asked of other threads at once: enough to keep them busy between two replies. */
const parallelOffThread = 96;

/** How `writeSite` writes. */
export interface WriteOptions {
  /** Believe no record of what the output holds (every file is read or written anew). */
  readonly rewriteAll?: boolean | undefined;
  readonly derived?: DerivedFiles | undefined;
  /** Hears of a tree catch-up the build waits for. */
  readonly onWait?: ((pid: number) => void) | undefined;
  /** `folder` (default): update the output folder in place; `swap`: write the tree behind the output link that is not live, then swap the link. */
  readonly layout?: OutputLayout | undefined;
  /** A scan of the plain output folder started earlier on another thread (see `scanOutputAhead`). */
  readonly ahead?: ScanAhead | undefined;
  /**
   * Called once every file is in place, before the output's record is made: a build held under a
   * memory ceiling collects its garbage there, so that making the record of 240,000 files fills
   * the pages freed rather than new ones (see `memoryCeiling`).
   */
  readonly beforeRecord?: (() => void) | undefined;
}

/**
 * Write every page and copied asset into the output (see `openOutput`). Only files whose bytes
 * differ from what the output holds are written, so deploy tools that sync by time or size upload
 * only what changed. In a plain folder each is written beside its place, after a journal names
 * what the build may write, and all are renamed into place once the whole site (its search index
 * too) is made: a build that fails before then leaves the folder as it was, and one killed while
 * renaming is completed by the next. In the swap layout the tree that is not live is written,
 * files unchanged since the live build being hard links to the live ones, then made the live one:
 * a build that fails or is killed before that leaves the previous output exactly as it was.
 */
export async function writeSite(pages: readonly OutputFile[], assets: readonly CopiedAsset[], outDir: string, options: WriteOptions = {}): Promise<WriteResult> {
  const target = await openOutput(path.resolve(outDir), options.layout ?? 'folder', options.rewriteAll !== true, options.onWait, options.ahead);
  const { live, held, shown, dir, inPlace } = target;
  // A plain folder stays the last good site until the whole new one is made: new files wait beside their places (see `stageFiles`).
  const stage = inPlace ? stageFiles(dir) : undefined;
  let bytes = 0;
  // The digest of each file the output holds once written, and the outcome of those that changed: what the output's record is made of.
  const settler = new FileSettler();
  const settle = (relative: string, outcome: FileOutcome, digest: string) => settler.settle(relative, outcome, digest);
  const files = settler.held;
  // A plain folder found as recorded holds what it shows: one lookup tells a file kept unchanged.
  const heldShown = shown === held;
  // Folders made (or being made) in the folder written: a new page's folder is made on the thread pool
  // while the next pages render; the few hard links that need one make it at once. A folder still
  // being made on the pool is not there yet: a link made now makes it again, synchronously.
  const made = new Map<string, Promise<unknown>>();
  const there = new Set<string>();
  const ensureDir = (file: string): Promise<unknown> => {
    const folder = path.dirname(file);
    let making = made.get(folder);
    if (!making) {
      making = mkdir(folder, { recursive: true }).then((first) => {
        stage?.madeFolder(first);
        there.add(folder);
      });
      made.set(folder, making);
    }
    return making;
  };
  const ensureDirNow = (file: string) => {
    const folder = path.dirname(file);
    if (there.has(folder)) return;
    const first = mkdirSync(folder, { recursive: true });
    stage?.madeFolder(first);
    there.add(folder);
    if (!made.has(folder)) made.set(folder, Promise.resolve());
  };
  // Synchronous on purpose: thousands of tiny calls cost far less in one loop than queued on the thread pool.
  /** Make the written folder's file hold the shown bytes `digest` (in a tree, the live file's inode); false when that is not possible. */
  const share = (relative: string, digest: string): boolean => {
    if (held.get(relative) === digest) return true;
    if (!live || live.files.get(relative) !== digest) return false;
    const file = insideFolder(dir, relative);
    try {
      ensureDirNow(file);
      rmSync(file, { force: true });
      linkSync(insideFolder(live.dir, relative), file);
      return true;
    } catch {
      return false;
    }
  };
  // The first write that fails stops the others from starting, and is thrown once those in flight have ended:
  // then nothing is written any more when what was staged is removed.
  const failure = firstFailure();
  const outcomeOf = (relative: string): FileOutcome => (target.before.has(relative) ? 'changed' : 'added');
  /** Write one file's bytes: beside its place in a plain folder (staged), or in a tree as a new inode (it may be a hard link to a live file). */
  const writeOne = async (relative: string, contents: Uint8Array): Promise<void> => {
    const file = insideFolder(dir, relative);
    await ensureDir(file);
    await (stage ? stage.write(relative, contents) : writeFresh(file, contents));
  };
  try {
    // Files proven unchanged are kept first, in one pass, without rendering.
    const toRender: OutputFile[] = [];
    for (const page of pages) {
      const relative = outputFileOf(page);
      const previous = page.previousDigest;
      if (page.unchanged && previous !== undefined) {
        if (heldShown) {
          if (held.get(relative) === previous) {
            settle(relative, 'unchanged', previous);
            continue;
          }
        } else if (share(relative, previous)) {
          settle(relative, shown?.get(relative) === previous ? 'unchanged' : outcomeOf(relative), previous);
          continue;
        }
      }
      toRender.push(page);
    }
    const derived = options.derived;
    // Nothing in the output has changed yet: say what may (a plain folder's journal), then begin.
    await target.begin({ names: new Set([...toRender.map((page) => outputFileOf(page)), ...assets.map((asset) => filePathOf(asset.path))]), folders: derived ? [derived.folder] : [] });
    /** Write one file's bytes unless the folder already holds them (or the live tree does: then share its inode). */
    const writeBytes = async (relative: string, rendered: string | Uint8Array): Promise<void> => {
      // Encoded once: hashing, measuring and writing a string each encode it again (a 130 KB feed three times).
      const contents = typeof rendered === 'string' ? Buffer.from(rendered) : rendered;
      const digest = bytesDigest(contents);
      bytes += contents.byteLength;
      if (shown?.get(relative) === digest && share(relative, digest)) {
        settle(relative, 'unchanged', digest);
        return;
      }
      if (held.get(relative) !== digest) await writeOne(relative, contents);
      settle(relative, outcomeOf(relative), digest);
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
          await writeBytes(outputFileOf(page), await page.render());
        }),
      ...assets.map((asset) => async () => {
        const relative = filePathOf(asset.path);
        const file = insideFolder(dir, relative);
        // A picture is known by its stamp (see `FileStamp`), as a story is: the copy keeps the original's times.
        const info = await stat(asset.from);
        const { atime, mtime } = info;
        const digest = `asset:${stampText(info)}`;
        if (shown?.get(relative) === digest && share(relative, digest)) {
          settle(relative, 'unchanged', digest);
          return;
        }
        if (held.get(relative) !== digest) {
          await ensureDir(file);
          if (stage) await stage.copy(asset.from, relative, { atime, mtime });
          else {
            await rm(file, { force: true });
            await copyFile(asset.from, file);
            await utimes(file, atime, mtime);
          }
        }
        settle(relative, outcomeOf(relative), digest);
      }),
    ];
    /** Have another thread render and write a page; share it with the live tree here when its bytes are the live file's. */
    const writeOnThread = async (page: OutputFile, writeElsewhere: NonNullable<OutputFile['writeElsewhere']>): Promise<void> => {
      const relative = outputFileOf(page);
      const file = insideFolder(dir, relative);
      const result = await writeElsewhere({ file, treeDigest: held.get(relative), liveDigest: live?.files.get(relative), inPlace });
      stage?.madeFolder(result.folder);
      if (result.outcome === 'written') stage?.take(relative);
      if (result.digest === shown?.get(relative) && share(relative, result.digest)) {
        bytes += result.size;
        settle(relative, 'unchanged', result.digest);
      } else if (result.outcome === 'live') await writeBytes(relative, await page.render());
      else {
        bytes += result.size;
        settle(relative, outcomeOf(relative), result.digest);
      }
    };
    // Pages rendered on other threads are asked for many at a time, while this thread renders the rest.
    const elsewhere = toRender.flatMap((page) => (page.writeElsewhere ? [{ page, writeElsewhere: page.writeElsewhere }] : []));
    await Promise.all([
      mapBounded(jobs, parallelWrites, (job) => failure.attempt(job)),
      mapBounded(elsewhere, parallelOffThread, ({ page, writeElsewhere }) => failure.attempt(() => writeOnThread(page, writeElsewhere))),
    ]);
    failure.throwIfAny();
    if (derived) {
      // A file known by its digest that the output holds is kept without reading its bytes: in one
      // pass, as pages proven unchanged are (most of a search index of 100,000 stories' 105,000 files).
      const toWrite: { readonly relative: string; readonly file: DerivedFile }[] = [];
      for (const file of await derived.make()) {
        const relative = filePathOf(file.path);
        if (file.digest !== undefined && shown?.get(relative) === file.digest && (heldShown || share(relative, file.digest))) settle(relative, 'unchanged', file.digest);
        else toWrite.push({ relative, file });
      }
      await mapBounded(toWrite, parallelWrites, ({ relative, file }) => failure.attempt(async () => writeBytes(relative, typeof file.bytes === 'function' ? await file.bytes() : file.bytes)));
      failure.throwIfAny();
    }
    // The whole site is made: a plain folder's new files go into place together, then what no longer belongs goes.
    if (stage) await stage.commit();
    // What the folder written holds that the site no longer has; in a plain folder, what it held before the build, too.
    const gone = filesGone(held.keys(), files);
    for (const relative of gone) await removeFromTree(dir, insideFolder(dir, relative));
    // In a plain folder found as recorded, what it held before is what it holds: the files gone are those removed.
    const removed = target.before === held ? [...gone] : filesGone(target.before.keys(), files);
    removed.sort();
    options.beforeRecord?.();
    const settled = settler.settled();
    const published = await target.publish(settled, gone);
    let behind = 0;
    if (!inPlace) {
      behind = live ? removed.length : files.size;
      if (live) for (const [relative, digest] of files) if (live.files.get(relative) !== digest) behind++;
    }
    return { files: settled, removed, bytes, published, behind, strays: target.strays, altered: target.altered };
  } catch (error) {
    stage?.discard();
    target.abandon();
    throw error;
  }
}

/** The files of `names` that `files` does not hold, in their order. */
function filesGone(names: Iterable<string>, files: ReadonlyMap<string, string>): string[] {
  const gone: string[] = [];
  for (const relative of names) if (!files.has(relative)) gone.push(relative);
  return gone;
}

/**
 * Write a file as a new inode: a file of the tree being written may be a hard link to a live
 * file, which must never change in place.
 */
async function writeFresh(file: string, contents: Uint8Array): Promise<void> {
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

/** The file `page` is written to in the output: the one its plan names, or the one its path gives. */
function outputFileOf(page: OutputFile): string {
  return page.file ?? filePathOf(page.path);
}
