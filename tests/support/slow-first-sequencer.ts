import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The end-to-end files that take longest, longest first, as measured on the 2-core CI machine. Two
 * workers share the e2e files: started last, one of these would run alone at the end while the
 * other worker idles. Files not named here keep vitest's order (longest last run first, or larger
 * files first without a results cache, as on a fresh CI clone).
 */
const slowestFirst = [
  'tests/e2e/cached-build.test.ts',
  'tests/e2e/interrupted-build.test.ts',
  'tests/e2e/git-install.test.ts',
  'tests/e2e/real-checkers.test.ts',
  'tests/e2e/render-pool.test.ts',
  'tests/e2e/sitemap-index-rebuilds.test.ts',
  'tests/e2e/cache-after-kill.test.ts',
  'tests/e2e/output-guard-property.test.ts',
  'tests/e2e/output-guard.test.ts',
  'tests/e2e/hostile-input.property.test.ts',
  'tests/e2e/dev-browser.test.ts',
  'tests/e2e/ci-cache.test.ts',
  'tests/e2e/recorded-reads.test.ts',
  'tests/e2e/packed-install.test.ts',
  'tests/e2e/search.test.ts',
];

/** Where a file stands in {@link slowestFirst}; files not listed come after every listed one. */
function slowness(spec: TestSpecification): number {
  const rank = slowestFirst.findIndex((file) => spec.moduleId.endsWith(`/${file}`));
  return rank === -1 ? slowestFirst.length : rank;
}

/** Vitest's order of projects and files, with the known slowest files of each project moved to its front. */
export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // Projects stay where vitest put them (one after the other): each project's files are re-ordered among themselves.
    const projectStart = new Map<string, number>();
    sorted.forEach((spec, index) => {
      if (!projectStart.has(spec.project.name)) projectStart.set(spec.project.name, index);
    });
    const keyed = sorted.map((spec, index) => ({ spec, index, project: projectStart.get(spec.project.name) ?? 0, rank: slowness(spec) }));
    keyed.sort((a, b) => a.project - b.project || a.rank - b.rank || a.index - b.index);
    return keyed.map(({ spec }) => spec);
  }
}
