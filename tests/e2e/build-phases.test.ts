import { describe, expect, it } from 'vitest';
import { runBuild } from '../../src/build/index.js';
import { memoryLogger } from '../../src/report/logger.js';
import { noProgress, type Progress } from '../../src/report/progress.js';
import { defaultTuning } from '../../src/tuning.js';
import { fixtureStory, siteMaker } from '../support/fixture-site.js';

const site = siteMaker();

/** Progress that throws when told of the phase `failing`: a fault in the middle of that phase of the build. */
function failingAt(failing: string): Progress {
  return {
    ...noProgress,
    phase: (name) => {
      if (name === failing) throw new Error(`progress broke at ${name}`);
    },
  };
}

describe('the phases of a build', () => {
  it('should name the phase an unexpected error broke in, and keep it as the cause', async () => {
    const built = await site(fixtureStory('first', 20) + fixtureStory('second', 21));
    const cases = [
      ['Reading the stories folder', 'read'],
      ['Resolving the site', 'assemble'],
      ['Rendering pages and feeds', 'publish'],
    ] as const;
    for (const [progressPhase, buildPhase] of cases) {
      const failed = runBuild({ cwd: built.dir, logger: memoryLogger(), threads: 1, cache: false, progress: failingAt(progressPhase) }, defaultTuning);
      await expect(failed).rejects.toThrow(`${buildPhase}: progress broke at ${progressPhase}`);
      await expect(failed).rejects.toHaveProperty('cause.message', `progress broke at ${progressPhase}`);
    }
  });

  it('should return what the build did as its work, without printing anything of its own', async () => {
    const built = await site(fixtureStory('first', 20) + fixtureStory('second', 21));
    const logger = memoryLogger();
    const cold = await runBuild({ cwd: built.dir, logger, threads: 1 }, defaultTuning);
    expect(cold.ok).toBe(true);
    expect(cold.work).toMatchObject({ assembled: 'resolved', storiesModelled: 2, storiesReused: 0, renderThreads: 0, bodiesSpilled: false, collectionsUnderCeiling: 0 });
    expect(cold.manifest?.work).toEqual(cold.work);
    const again = await runBuild({ cwd: built.dir, logger, threads: 1 }, defaultTuning);
    // Story files written this close to the last build are read again (see `CacheIndex.writtenAt`), and found unchanged.
    expect(['up-to-date', 'reused']).toContain(again.work?.assembled);
    expect(again.work).toMatchObject({ storiesModelled: 0, storiesReused: 2, pagesRendered: 0 });
    expect(logger.lines).toEqual([]);
  });
});
