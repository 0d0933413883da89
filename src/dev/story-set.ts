import type { VFileMessage } from 'vfile-message';
import type { SiteConfig } from '../model/config.js';
import { storyToArticle } from '../pipeline/index.js';
import { storyShape } from '../incremental/story-shape.js';
import { loadStoryFile, type StoryFile } from '../io/load.js';
import type { PinnedFolder } from '../io/open-inside.js';
import { mapBounded } from '../threads/bounded.js';
import type { StoryEntry } from './assemble.js';
import type { FirstRead } from './first-read.js';

/**
 * The stories folder as the preview knows it: each story file with what modelling it gave, the
 * pictures (asset paths) beside them, and the files that could not be read (by display path).
 */
export interface StorySet {
  readonly entries: ReadonlyMap<string, StoryEntry>;
  readonly assets: Set<string>;
  readonly unreadable: Map<string, VFileMessage>;
  /** Model a story file (by path in the stories folder) and keep it, in place of its last version. */
  model(source: string, file: StoryFile): StoryEntry;
  /** Forget a story file; true when it was known. */
  delete(source: string): boolean;
  /** The messages of the story files read (only those that carry any are looked at). */
  messages(): VFileMessage[];
  /** Read again and model again the stories that read the asset list (through a lead image), after it changed. */
  remodelStoriesWithImages(): Promise<void>;
}

/** Where the stories are read again from: the stories folder as it was at start (see `pinFolderIfPresent`). */
export interface StoriesRoot {
  readonly root: string | PinnedFolder;
  readonly cwd: string;
}

/** Story files read again at once when the pictures changed. */
const readsAtOnce = 16;

/** The stories of a first read (see `readStoriesFolder`), kept up to date with the site's settings and the folder's pictures. */
export function storySet(first: FirstRead, folder: StoriesRoot, config: SiteConfig | undefined): StorySet {
  const entries = new Map(first.entries);
  /** Stories whose results carry messages: the only ones a report has to look at. */
  const withMessages = new Set([...entries].flatMap(([source, entry]) => (entry.result.messages.length > 0 ? [source] : [])));
  const set = {
    entries,
    assets: new Set(first.assets),
    unreadable: new Map(first.unreadable.map((message) => [message.file ?? '', message])),
    model(source: string, file: StoryFile): StoryEntry {
      if (!config) throw new Error('Stories are modelled only with settings');
      const entry = modelledEntry(file, config, set.assets);
      entries.set(source, entry);
      if (entry.result.messages.length > 0) withMessages.add(source);
      else withMessages.delete(source);
      return entry;
    },
    delete(source: string): boolean {
      withMessages.delete(source);
      return entries.delete(source);
    },
    messages: () => [...withMessages].flatMap((source) => entries.get(source)?.result.messages ?? []),
    async remodelStoriesWithImages() {
      const sources = [...entries].flatMap(([source, entry]) => (readsAssets(entry) ? [source] : []));
      const files = await mapBounded(sources, readsAtOnce, (source) => loadStoryFile(folder.root, source, folder.cwd));
      files.forEach((file, index) => {
        // One that cannot be read now keeps its last result: the watcher tells of that change, and it is read then.
        if (!('message' in file)) set.model(sources[index] as string, file);
      });
    },
  };
  return set;
}

/** Whether a story's result read the asset list: it has a lead image, or one that is missing. */
function readsAssets(entry: StoryEntry): boolean {
  return Boolean(entry.result.article?.image?.source) || entry.result.messages.some((message) => message.ruleId === 'missing-image');
}

/** A story file modelled, with its shape (see `storyShape`) taken at once, as the build's model threads do; its text is not kept. */
function modelledEntry(file: StoryFile, config: SiteConfig, assets: ReadonlySet<string>): StoryEntry {
  const result = storyToArticle(file, config, assets);
  const { source, displayPath, digest } = file;
  return { file: { source, displayPath, digest }, result, shape: result.article && storyShape(result.article) };
}
