import { hasErrors } from '../report/problem.js';
import { frameOf, type SiteFrame } from '../incremental/site-frame.js';
import { siteShape } from '../incremental/story-shape.js';
import type { Article } from '../model/article.js';
import { assembleWithAdditions } from '../pipeline/index.js';
import type { DevAssembly, DevAssemblyInputs, StoryEntry } from './assemble.js';

/** The preview's last clean resolution as a frame (see `SiteFrame`), and the shape of each story it was resolved from, by story path. */
export interface DevFrame {
  readonly frame: SiteFrame;
  readonly shapes: ReadonlyMap<string, string | undefined>;
}

/**
 * The frame of an assembly, when a build would keep one: every story readable and on the site at
 * its latest version, and no error. Undefined otherwise: stories added then resolve the whole site.
 */
export function devFrameOf(assembly: DevAssembly, stories: ReadonlyMap<string, StoryEntry>, unreadable: number): DevFrame | undefined {
  const { site, siteMessages, leftOut } = assembly.outcome;
  if (!site || !siteMessages || leftOut.length > 0 || unreadable > 0 || hasErrors(assembly.messages)) return undefined;
  const shapes = new Map<string, string | undefined>();
  for (const [source, entry] of stories) {
    if (entry.shape === undefined) return undefined;
    shapes.set(source, entry.shape);
  }
  // In story-path order, as `extendFrame` checks it.
  const inPathOrder = [...shapes].sort(([a], [b]) => (a < b ? -1 : 1));
  return { frame: frameOf(site, siteShape(inPathOrder.map(([, shape]) => shape ?? '')), siteMessages), shapes };
}

/**
 * The assembly of the last frame extended with the stories added since, as a build extends the
 * frame of its cache (see `assembleWithAdditions`): when every story reads well, the preview shows
 * no drafts, and the frame's schedule holds at `now`. Undefined when that does not apply (then
 * resolve the site).
 */
export function extendedAssembly(last: DevFrame, stories: ReadonlyMap<string, StoryEntry>, inputs: DevAssemblyInputs): DevAssembly | undefined {
  const { window } = last.frame.schedule;
  if (inputs.drafts || !(window.from <= inputs.now && inputs.now < window.until) || [...inputs.unreadable].length > 0) return undefined;
  const results = [];
  const shapes = new Map<string, string | undefined>();
  for (const [source, entry] of stories) {
    if (hasErrors(entry.result.messages)) return undefined;
    results.push(entry.result);
    shapes.set(source, entry.shape);
  }
  const { config, files, extra, now, templates } = inputs;
  const outcome = assembleWithAdditions(results, extra, config, files, last.frame, { previous: last.shapes, now: shapes }, now, templates);
  if (!outcome) return undefined;
  const lastGood = new Map<string, Article>();
  for (const [source, entry] of stories) if (entry.result.article) lastGood.set(source, entry.result.article);
  return { outcome, messages: outcome.messages, lastGood, drafts: new Map() };
}
