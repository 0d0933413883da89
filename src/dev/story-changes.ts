import path from 'node:path';
import type { Article } from '../model/article.js';
import type { PinnedFolder } from '../io/open-inside.js';
import { isHidden, isStorySource, loadStoryFile } from '../io/load.js';
import { expandFolders, isRegularFile, isRegularFileInside } from './changed-files.js';
import type { SkippedFiles } from './skipped-files.js';
import type { StorySet } from './story-set.js';

/** Where the changed files are read from. */
export interface StoriesFolder {
  readonly storiesDir: string;
  /** The stories folder as it was when the preview started (see `pinFolderIfPresent`). */
  readonly root: string | PinnedFolder;
  readonly cwd: string;
}

/** What changed files did to the stories: the stories edited in place, and whether more changed. */
export interface StoryChanges {
  /** New versions of stories that still read well, by id: they may keep their shape (see `storyShape`). */
  readonly edited: ReadonlyMap<string, Article>;
  /** A story came, went, broke or was renamed, or a picture came or went: the site is resolved again. */
  readonly restructured: boolean;
  /** A `skipped-file` warning came, went or changed. */
  readonly warningsChanged: boolean;
}

/**
 * Read the changed files below the stories folder (absolute paths; a folder stands for what is
 * known below it) into `stories`: a story is modelled again when its bytes changed, forgotten when
 * it is gone, and kept unreadable with its message when it cannot be read.
 */
export async function readStoryChanges(files: readonly string[], folder: StoriesFolder, stories: StorySet, skipped: SkippedFiles): Promise<StoryChanges> {
  const { storiesDir, root, cwd } = folder;
  let restructured = false;
  let assetsChanged = false;
  let warningsChanged = false;
  const edited = new Map<string, Article>();
  const knownUnder = (prefix: string) => [...stories.entries.keys(), ...stories.assets, ...skipped.sources()].filter((source) => source.startsWith(prefix));
  for (const file of await expandFolders(files, storiesDir, knownUnder)) {
    const source = path.relative(storiesDir, file).split(path.sep).join('/');
    if (source.startsWith('../') || source === '..' || path.isAbsolute(source) || isHidden(source)) continue;
    const displayPath = path.relative(cwd, file).split(path.sep).join('/');
    warningsChanged = (await skipped.recheck(file, source, displayPath)) || warningsChanged;
    // A story behind a link is read (and refused, with its message); a picture there is not served.
    const exists = isStorySource(source) ? await isRegularFile(file) : await isRegularFileInside(root, file);
    if (!isStorySource(source)) {
      restructured = assetsChanged = true;
      if (exists) stories.assets.add(source);
      else stories.assets.delete(source);
      continue;
    }
    stories.unreadable.delete(displayPath);
    const before = stories.entries.get(source);
    const loaded = exists ? await loadStoryFile(root, source, cwd) : undefined;
    if (!loaded || 'message' in loaded) {
      if (loaded) stories.unreadable.set(displayPath, loaded.message);
      restructured ||= stories.delete(source) || loaded !== undefined;
      continue;
    }
    if (before?.file.digest === loaded.digest) continue;
    const { result } = stories.model(source, loaded);
    if (before?.result.article && result.article && before.result.article.id === result.article.id && !result.messages.some((message) => message.fatal === true)) {
      edited.set(result.article.id, result.article);
    } else {
      restructured = true;
    }
  }
  if (assetsChanged) await stories.remodelStoriesWithImages();
  return { edited, restructured, warningsChanged };
}
