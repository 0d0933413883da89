import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDevEngine, type DevEngine, type RebuildReport } from '../../src/dev/engine.js';
import { Desk } from '../support/desk-changes.js';
import { draft, firstSettings, storyStep } from '../support/desk-drafts.js';
import { siteMaker } from '../support/fixture-site.js';

// For arbitrary sequences of what a desk does to its stories (see `Desk`), the preview updated
// incrementally serves, byte for byte, what a preview that resolves the whole site again on every
// change serves, and reports the same pages changed and removed (those are the pages open
// browsers reload). Every page is served before each change, so a page a change touches and the
// report leaves out would be served stale.

const site = siteMaker();

/** What the engine serves at `sitePath`: its bytes as text, a file's path, or nothing. */
function served(engine: DevEngine, sitePath: string): string | undefined {
  const found = engine.lookup(sitePath);
  if (!found) return undefined;
  return found.kind === 'bytes' ? `${found.contentType}\n${String(found.body)}` : `${found.contentType}\n${found.absolutePath}`;
}

/** What a report says, in an order that does not depend on how the engine found it. */
function reported(report: RebuildReport): unknown {
  return { ok: report.ok, changed: [...report.changed].sort(), removed: [...report.removed].sort(), messages: report.messages };
}

describe('the preview, through what a desk does', () => {
  it('should serve what resolving the whole site again serves, and report the same pages changed, at every change', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(draft, { minLength: 3, maxLength: 7 }), fc.array(fc.array(storyStep, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 8 }), async (first, batches) => {
        const now = Date.parse('2018-05-05T12:00:00Z');
        const desks = [new Desk(await site('')), new Desk(await site(''))] as const;
        for (const desk of desks) {
          await desk.settings(firstSettings);
          for (const made of first) await desk.apply({ kind: 'publish', draft: { ...made, broken: false } });
          desk.takeTouched();
        }
        const [incremental, full] = [await createDevEngine({ cwd: desks[0].built.dir, now }), await createDevEngine({ cwd: desks[1].built.dir, now, incremental: false })];
        const seen = new Set(full.initial.changed);
        for (const batch of batches) {
          for (const sitePath of seen) served(incremental, sitePath);
          for (const desk of desks) {
            await desk.mend();
            for (const change of batch) await desk.apply(change);
          }
          const reports = [await incremental.update(desks[0].takeTouched()), await full.update(desks[1].takeTouched())] as const;
          expect(reported(reports[0]), `report after ${JSON.stringify(batch)}`).toEqual(reported(reports[1]));
          for (const sitePath of reports[1].changed) seen.add(sitePath);
          for (const sitePath of seen) expect(served(incremental, sitePath), `${sitePath} after ${JSON.stringify(batch)}`).toBe(served(full, sitePath));
        }
        for (const desk of desks) await desk.built.remove();
      }),
      { numRuns: 8 },
    );
  }, 300_000);
});
