import path from 'node:path';
import { isMap, parseDocument } from 'yaml';
import { maxAliasCount } from '../model/front-matter-values.js';
import { loadStories } from '../io/load.js';
import type { ExistingStories, ExistingStory } from './imported-story.js';
import { headlineKey } from './story-link.js';

/** The stories index an import run keeps: what is on disk, plus what the run has imported so far. */
export interface StoryIndex extends ExistingStories {
  /** Know a story imported in this run, so later inputs can link to it. */
  add(story: ExistingStory): void;
}

/** An index of the given stories, by headline (only headlines that name one story), id and wire URI. */
export function storyIndex(stories: readonly ExistingStory[]): StoryIndex {
  const byTitle = new Map<string, ExistingStory | null>();
  const byId = new Map<string, ExistingStory>();
  const byUri = new Map<string, ExistingStory>();
  const add = (story: ExistingStory) => {
    const key = headlineKey(story.title);
    const taken = byTitle.get(key);
    // Two stories with one headline: neither is the one a READ MORE line means.
    byTitle.set(key, taken === undefined || taken?.id === story.id ? story : null);
    byId.set(story.id, story);
    if (story.wire) byUri.set(story.wire.uri, story);
  };
  for (const story of stories) add(story);
  return {
    add,
    byTitle: (title) => byTitle.get(headlineKey(title)) ?? undefined,
    byId: (id) => byId.get(id),
    byWireUri: (uri) => byUri.get(uri),
  };
}

/**
 * Read the stories folder's stories as an import needs them: id, headline and wire identity.
 * A story that does not parse is skipped (the build reports it); a missing folder is empty.
 */
export async function existingStories(storiesDir: string): Promise<ExistingStory[]> {
  let loaded;
  try {
    loaded = await loadStories(storiesDir);
  } catch {
    return [];
  }
  return loaded.stories.flatMap((file): ExistingStory[] => {
    const data = frontMatterOf(file.text);
    if (!data) return [];
    const id = typeof data.id === 'string' ? data.id : path.posix.basename(file.source, '.md');
    const title = typeof data.title === 'string' ? data.title : '';
    const wire = wireOf(data.wire);
    return [{ id, source: file.source, title, ...(wire ? { wire } : {}) }];
  });
}

/**
 * The front matter of a story file as plain data, or undefined when it has none that parses.
 * Only the YAML is read: an import needs no story's Markdown body.
 */
function frontMatterOf(text: string): Record<string, unknown> | undefined {
  const block = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!block) return undefined;
  const document = parseDocument(block[1] ?? '', { prettyErrors: false });
  if (document.errors.length > 0 || !isMap(document.contents)) return undefined;
  try {
    return document.toJS({ maxAliasCount }) as Record<string, unknown>;
  } catch {
    // Aliases that expand too far ("billion laughs"): `build` reports that story; the import passes it over.
    return undefined;
  }
}

function wireOf(value: unknown): ExistingStory['wire'] {
  if (typeof value !== 'object' || value === null) return undefined;
  const { uri, version } = value as { uri?: unknown; version?: unknown };
  if (typeof uri !== 'string') return undefined;
  return typeof version === 'number' ? { uri, version } : { uri };
}
