import type { VFileMessage } from 'vfile-message';
import type { SiteConfig } from '../model/config.js';
import { storyToArticle } from '../pipeline/index.js';
import { storyShape } from '../incremental/story-shape.js';
import type { StoryFile } from '../io/load.js';
import type { StoryEntry } from './assemble.js';

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
  /** Model again the stories that read the asset list (through a lead image), after it changed. */
  remodelStoriesWithImages(): void;
}

/** The stories of a first scan (`files`), modelled with the site's settings and the folder's pictures. */
export function storySet(files: readonly StoryFile[], assets: Iterable<string>, unreadable: readonly VFileMessage[], config: SiteConfig | undefined): StorySet {
  const entries = new Map<string, StoryEntry>();
  /** Stories whose results carry messages: the only ones a report has to look at. */
  const withMessages = new Set<string>();
  const set = {
    entries,
    assets: new Set(assets),
    unreadable: new Map(unreadable.map((message) => [message.file ?? '', message])),
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
    remodelStoriesWithImages() {
      for (const [source, entry] of [...entries]) {
        if (entry.result.article?.image?.source || entry.result.messages.some((message) => message.ruleId === 'missing-image')) set.model(source, entry.file);
      }
    },
  };
  if (config) for (const file of files) set.model(file.source, file);
  return set;
}

/** A story file modelled, with its shape (see `storyShape`) taken at once, as the build's model threads do. */
function modelledEntry(file: StoryFile, config: SiteConfig, assets: ReadonlySet<string>): StoryEntry {
  const result = storyToArticle(file, config, assets);
  return { file, result, shape: result.article && storyShape(result.article) };
}
