import { performance } from 'node:perf_hooks';
import type { VFileMessage } from 'vfile-message';
import type { Templates } from '../../templates/table.js';
import type { PinnedFolder } from '../io/open-inside.js';
import type { Article } from '../model/article.js';
import type { SiteConfig } from '../model/config.js';
import type { KeptBuild } from './kept-build.js';
import type { DevOwnFolders } from './own-folders.js';
import type { ServedPages } from './served-pages.js';
import type { SkippedFiles } from './skipped-files.js';
import type { StorySet } from './story-set.js';

/** What the dev engine read once at start: the settings, the site's templates, where its files are. */
export interface DevSetup {
  readonly config: SiteConfig | undefined;
  readonly cwd: string;
  readonly storiesDir: string;
  /** The stories folder as it was at start (see `pinFolderIfPresent`). */
  readonly storiesRoot: string | PinnedFolder;
  /** The messages of the settings and of the site's templates. */
  readonly settingsMessages: readonly VFileMessage[];
  readonly templates: Templates;
  readonly templatesFailed: boolean;
  /** `false` resolves and plans the whole site on every change (the reference the incremental paths are tested against). */
  readonly incremental: boolean;
  /** The instant to preview (epoch milliseconds); the clock at each rebuild when absent. */
  readonly now: number | undefined;
  readonly drafts: boolean;
}

/** The last good build, whether the last rebuild made one, and each story as the last good site has it. */
export interface DevState {
  kept: KeptBuild | undefined;
  lastOk: boolean;
  /** Each story as the last good site has it, shown in its place while a save of it is broken. */
  lastGood: Map<string, Article>;
}

/** The dev engine's session: its setup, the inputs it keeps up to date, the pages it serves, and its state. */
export interface DevSession {
  readonly setup: DevSetup;
  readonly stories: StorySet;
  readonly skipped: SkippedFiles;
  readonly own: DevOwnFolders;
  readonly served: ServedPages;
  readonly state: DevState;
}

/** The messages of the settings, the story files and the site's own files, in the order a report lists them. */
export function inputMessages(session: DevSession): VFileMessage[] {
  const { setup, stories, skipped, own } = session;
  return [...setup.settingsMessages, ...stories.unreadable.values(), ...skipped.messages(), ...own.messages(), ...stories.messages()];
}

/** Milliseconds since `since`, to a tenth. */
export function elapsed(since: number): number {
  return Math.round((performance.now() - since) * 10) / 10;
}
