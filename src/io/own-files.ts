import { createHash } from 'node:crypto';
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { loadStoryFile, type StoryFile } from './load.js';
import { stampText } from './file-stamp.js';
import { siteStylesheetSource } from '../pipeline/site-files.js';
import { problem } from '../report/problem.js';
import { openInside } from './open-inside.js';
import { scanOwnFolder, type OwnFile } from './own-folder.js';

/** The folder of the site's Markdown pages, relative to the site folder. */
export const pagesFolder = 'pages';

/** The folder of the site's static files, copied as they are, relative to the site folder. */
export const staticFolder = 'static';

/** A file of `static/`, published at the same path relative to the site's root. */
export interface StaticFile extends OwnFile {
  /** Absolute path on disk. */
  readonly absolutePath: string;
}

/** Everything the site's own folders hold, read: the page files, the static files, and what was refused. */
export interface OwnFiles {
  /** Page files of `pages/` (`*.md`), read: text and digest (the same shape as a story file). */
  readonly pages: readonly StoryFile[];
  readonly statics: readonly StaticFile[];
  /** The first 8 hex digits of the SHA-256 of `static/assets/site.css`, when there is one. */
  readonly stylesheetHash?: string;
  /** Errors of files that could not be read or published, warnings of files skipped. */
  readonly messages: readonly VFileMessage[];
  /** Every file of both folders with its stamp (see `FileStamp`), as one string: equal means nothing changed. */
  readonly stamp: string;
  /** What the pages and stylesheet say, as one string: equal means every page and the stylesheet link render the same. */
  readonly print: string;
  /** The latest modification time among the files (epoch ms), for the cache's racy check. */
  readonly newestMtimeMs: number;
}

/**
 * Read the site's own folders (below `cwd`): every `*.md` of `pages/` whole (pages are few and
 * small), every file of `static/` by stamp only. Files are opened without following a link (see
 * `openInside`); a file of `pages/` that is not Markdown is skipped with a warning.
 */
export async function loadOwnFiles(cwd: string): Promise<OwnFiles> {
  const [pagesScan, staticScan] = await Promise.all([scanOwnFolder(pagesFolder, cwd), scanOwnFolder(staticFolder, cwd)]);
  const messages: VFileMessage[] = [...pagesScan.messages, ...staticScan.messages];
  const pages: StoryFile[] = [];
  for (const file of pagesScan.files) {
    if (!file.source.endsWith('.md')) {
      messages.push(
        problem('skipped-file', `Not a page: only Markdown files (ending in ".md") in ${pagesFolder}/ are pages, expected pictures and other files in ${staticFolder}/`, file.displayPath, {
          line: 1,
          column: 1,
        }),
      );
      continue;
    }
    const loaded = await loadStoryFile(pagesScan.root, file.source, cwd);
    if ('message' in loaded) messages.push(retold(loaded.message));
    else pages.push(loaded);
  }
  const statics = staticScan.files.map((file) => ({ ...file, absolutePath: path.join(staticScan.root, file.source) }));
  const stylesheetHash = statics.some((file) => file.source === siteStylesheetSource) ? await hashOf(staticScan.root, siteStylesheetSource) : undefined;
  const all = [...pagesScan.files.map((file) => [`${pagesFolder}/${file.source}`, stampText(file)]), ...staticScan.files.map((file) => [`${staticFolder}/${file.source}`, stampText(file)])];
  const print = JSON.stringify([pages.map((page) => [page.source, page.digest]), stylesheetHash ?? '']);
  const newestMtimeMs = Math.max(0, ...pagesScan.files.map((file) => file.mtimeMs), ...staticScan.files.map((file) => file.mtimeMs));
  return { pages, statics, ...(stylesheetHash ? { stylesheetHash } : {}), messages, stamp: JSON.stringify([all, messages.map((message) => [message.file, message.reason])]), print, newestMtimeMs };
}

/** The short content hash of a file below `root` (opened without following a link), or undefined when it cannot be read. */
async function hashOf(root: string, source: string): Promise<string | undefined> {
  try {
    const { handle } = await openInside(root, source);
    const bytes = await handle.readFile().finally(() => handle.close());
    return createHash('sha256').update(bytes).digest('hex').slice(0, 8);
  } catch {
    return undefined;
  }
}

/** A story-file message (`Cannot read the story: …`) told of a page. */
function retold(message: VFileMessage): VFileMessage {
  const reason = message.reason.replace('Cannot read the story', 'Cannot read the page').replace('the stories folder', 'the pages folder');
  return problem('unreadable-file', reason, message.file ?? '', { line: message.line ?? 1, column: message.column ?? 1 });
}
