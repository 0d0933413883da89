import type { VFileMessage } from 'vfile-message';
import { hasErrors } from '../report/problem.js';
import { frameOf } from '../incremental/site-frame.js';
import { siteShape } from '../incremental/story-shape.js';
import type { Article } from '../model/article.js';
import type { Site } from '../model/site.js';
import type { ModelResult } from '../pipeline/model.js';
import { assembleWithAdditions } from '../build/assemble.js';
import type { DevAssembly, DevAssemblyInputs, StoryEntry } from './assemble.js';

/**
 * What the preview keeps of a clean resolution to extend it later, as a build keeps its frame
 * (see `SiteFrame`): the shape of each story it was resolved from (by story path) and the messages
 * of resolving and planning. The frame itself is taken from the kept site when stories are added.
 */
export interface DevFrame {
  readonly shapes: ReadonlyMap<string, string | undefined>;
  readonly messages: readonly VFileMessage[];
}

/**
 * What to keep of an assembly to extend it, when a build would keep its frame: every story
 * readable and on the site at its latest version, and no error. Undefined otherwise: stories
 * added then resolve the whole site.
 */
export function devFrameOf(assembly: DevAssembly, stories: ReadonlyMap<string, StoryEntry>, unreadable: number): DevFrame | undefined {
  const { site, siteMessages, leftOut } = assembly.outcome;
  if (!site || !siteMessages || leftOut.length > 0 || unreadable > 0 || hasErrors(assembly.messages)) return undefined;
  const shapes = new Map<string, string | undefined>();
  for (const [source, entry] of stories) {
    if (entry.shape === undefined) return undefined;
    shapes.set(source, entry.shape);
  }
  return { shapes, messages: siteMessages };
}

/**
 * The assembly of the kept site's frame extended with the stories added since, as a build extends
 * the frame of its cache (see `assembleWithAdditions`): when every story reads well, the preview
 * shows no drafts, and the site's schedule holds at `now`. Undefined when that does not apply (then
 * resolve the site).
 */
export function extendedAssembly(site: Site, last: DevFrame, stories: ReadonlyMap<string, StoryEntry>, inputs: DevAssemblyInputs): DevAssembly | undefined {
  const { window } = site.schedule;
  if (inputs.drafts || !(window.from <= inputs.now && inputs.now < window.until) || [...inputs.unreadable].length > 0) return undefined;
  const results: ModelResult[] = [];
  const shapes = new Map<string, string | undefined>();
  for (const [source, entry] of stories) {
    if (hasErrors(entry.result.messages)) return undefined;
    results.push(entry.result);
    shapes.set(source, entry.shape);
  }
  // In story-path order, as `extendFrame` checks it.
  const inPathOrder = [...last.shapes].sort(([a], [b]) => (a < b ? -1 : 1));
  const frame = frameOf(site, siteShape(inPathOrder.map(([, shape]) => shape ?? '')), last.messages);
  const { config, files, extra, now, templates } = inputs;
  const outcome = assembleWithAdditions(results, frame, { previous: last.shapes, now: shapes }, { extra, config, files, now, templates });
  if (!outcome) return undefined;
  const lastGood = new Map<string, Article>();
  for (const [source, entry] of stories) if (entry.result.article) lastGood.set(source, entry.result.article);
  return { outcome, messages: outcome.messages, lastGood, drafts: new Map() };
}
