import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { problem } from '../report/problem.js';

/** A story file as read from disk: its text and where it came from. */
export interface StoryFile {
  /** Path relative to the stories folder, POSIX separators. */
  readonly source: string;
  /** Path as shown in messages: relative to the working directory. */
  readonly displayPath: string;
  /** The file's text, decoded as UTF-8, byte-order mark removed. */
  readonly text: string;
  /** SHA-256 (hex) of the file's bytes. */
  readonly digest: string;
}

/** A file in the stories folder that is not a story (a picture, say), copied on demand. */
export interface AssetFile {
  /** Path relative to the stories folder, POSIX separators. */
  readonly source: string;
  /** Absolute path on disk. */
  readonly absolutePath: string;
}

/** Everything the load stage found. */
export interface LoadedStories {
  readonly stories: readonly StoryFile[];
  readonly assets: readonly AssetFile[];
  readonly messages: readonly VFileMessage[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Read every `*.md` below `storiesDir` (sorted by path), and list the other files as assets.
 * Symbolic links and dot-files are skipped, so nothing outside the folder is ever read.
 */
export async function loadStories(storiesDir: string, cwd: string = process.cwd()): Promise<LoadedStories> {
  const root = path.resolve(cwd, storiesDir);
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const stories: StoryFile[] = [];
  const assets: AssetFile[] = [];
  const messages: VFileMessage[] = [];
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !path.relative(root, file).split(path.sep).some((part) => part.startsWith('.')))
    .sort();
  await Promise.all(
    files.map(async (absolutePath) => {
      const source = path.relative(root, absolutePath).split(path.sep).join('/');
      if (!source.endsWith('.md')) {
        assets.push({ source, absolutePath });
        return;
      }
      const displayPath = path.relative(cwd, absolutePath).split(path.sep).join('/');
      try {
        const bytes = await readFile(absolutePath);
        const digest = createHash('sha256').update(bytes).digest('hex');
        stories.push({ source, displayPath, text: utf8.decode(bytes), digest });
      } catch (error) {
        const why = error instanceof TypeError ? 'it is not valid UTF-8' : String((error as Error).message);
        messages.push(problem('unreadable-file', `Cannot read the story: ${why}, expected a UTF-8 text file`, displayPath, { line: 1, column: 1 }));
      }
    }),
  );
  const bySource = (a: { source: string }, b: { source: string }) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0);
  return { stories: stories.sort(bySource), assets: assets.sort(bySource), messages };
}
