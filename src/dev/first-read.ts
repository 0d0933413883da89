import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import type { SiteConfig } from '../model/config.js';
import { displayPathOf, scanStories } from '../io/load.js';
import { modelWithCache } from '../store/story-cache.js';
import { readBatch } from '../threads/story-job.js';
import type { StoryEntry } from './assemble.js';

/** What the preview's first read of the stories folder found: each story modelled, the pictures, the files not read. */
export interface FirstRead {
  /** Every readable story (by path in the stories folder, in path order): none without settings to model it with. */
  readonly entries: ReadonlyMap<string, StoryEntry>;
  /** The paths (in the stories folder) of the files that are not stories. */
  readonly assets: readonly string[];
  /** One error per story file that could not be read, in path order. */
  readonly unreadable: readonly VFileMessage[];
  /** One `skipped-file` warning per file named like a story that is not read as one. */
  readonly skipped: readonly VFileMessage[];
}

/**
 * Read the stories folder as a build's read phase does: scan it, then read and model every story
 * through `modelWithCache` (on the model threads from 200 stories), with no cache to reuse. Without
 * settings the stories are only read, for the messages of those that cannot be.
 */
export async function readStoriesFolder(storiesDir: string, cwd: string, config: SiteConfig | undefined): Promise<FirstRead> {
  const scan = await scanStories(storiesDir, cwd);
  const assets = scan.assets.map((asset) => asset.source);
  if (!config) {
    const read = await readBatch(scan.stories, { root: scan.root, cwd });
    const unreadable = read.known.flatMap((outcome) => (outcome?.kind === 'unreadable' ? [outcome.message] : []));
    return { entries: new Map(), assets, unreadable, skipped: scan.messages };
  }
  const modelled = await modelWithCache(scan.stories, new Map(), undefined, { root: scan.root, cwd, config, assets: new Set(assets) });
  // `results` and `entries` hold the readable stories in the same order (see `modelWithCache`): the entries give the path, digest and shape.
  const readable = [...modelled.entries];
  if (readable.length !== modelled.results.length) throw new Error('Every readable story has one model result');
  const entries = new Map<string, StoryEntry>();
  modelled.results.forEach((result, index) => {
    const [source, cached] = readable[index] as (typeof readable)[number];
    const file = { source, displayPath: displayPathOf(path.join(scan.root, source), cwd), digest: cached.digest };
    entries.set(source, { file, result, shape: cached.shape });
  });
  return { entries, assets, unreadable: modelled.messages, skipped: scan.messages };
}
