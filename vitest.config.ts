import { readdirSync, readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { SlowFirstSequencer } from './tests/support/slow-first-sequencer.js';

// Two kinds of test. `unit` (tests/unit/): modules called in the test's own process, from their
// TypeScript sources, no compile needed: the fast loop, `npm run test:unit`. `e2e` (tests/e2e/): the
// compiled CLI, child processes, threads, servers, a browser, real checkers and generated archives.
// `npm test` runs both.
//
// Unit files share their worker's modules (`isolate: false`): loading unified, zod and the rest again
// for every file was half of the unit run. What the sources keep at module level is memoisation keyed
// by its inputs, so sharing it between files is as safe as between the tests of one file. A file that
// replaces a module (`vi.mock`) needs modules of its own, loaded after its mock: those files run apart,
// isolated, as the projects `unit-mocks` and `e2e-mocks`, found here by their text.
//
// End-to-end files spend much of their time waiting for what they started (the CLI, npm, Java,
// Python, Chromium, nginx), with one core of two idle: two of them run at once, and they too share
// their worker's modules. The slowest start first (`SlowFirstSequencer`), so that none of them runs
// alone at the end while the other worker idles. A file that makes `wiredesk dev` recompile the package
// itself (tsc and the bundle into lib/, by touching its templates) must not run beside any file that
// imports lib/ (the e2e files, and unit files whose site has template overrides, which import
// `wiredesk/templates` from it): it runs last, alone (project `e2e-recompiles`).
const mocksModules = /\bvi\.(?:mock|doMock)\(/;

/** The test files of `folder`, split into those that replace a module and the others. */
function testFiles(folder: string): { readonly mocking: string[]; readonly plain: string[] } {
  const files = readdirSync(new URL(`./${folder}`, import.meta.url), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => `${folder}${file}`);
  const mocking = files.filter((file) => mocksModules.test(readFileSync(new URL(`./${file}`, import.meta.url), 'utf8')));
  return { mocking, plain: files.filter((file) => !mocking.includes(file)) };
}

const unit = testFiles('tests/unit/');
const e2e = testFiles('tests/e2e/');
/** End-to-end files that rewrite lib/ while they run. */
const recompiling = ['tests/e2e/dev-browser.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Builds start no background tree catch-up unless a test asks for one: a detached process
    // still linking files into a fixture's folder would race the test's clean-up.
    env: { WIREDESK_CATCH_UP_FROM: '1000000000' },
    sequence: { sequencer: SlowFirstSequencer },
    // WIREDESK_TEST_CPU_LOG=<file>: where each test file's CPU seconds go (see tests/support/cpu-per-file.ts).
    setupFiles: process.env.WIREDESK_TEST_CPU_LOG ? ['tests/support/cpu-per-file.ts'] : [],
    projects: [
      // Unit files are small and CPU-bound: two at a time even on a 2-core machine (vitest's default there
      // is one). Projects with different worker counts run one after the other (`groupOrder`): unit first.
      { extends: true, test: { name: 'unit', include: unit.plain, isolate: false, maxWorkers: 2, sequence: { groupOrder: 0 } } },
      ...(unit.mocking.length > 0 ? [{ extends: true, test: { name: 'unit-mocks', include: unit.mocking, sequence: { groupOrder: 1 } } }] : []),
      // Projects of one group must have the same worker count: two for both.
      { extends: true, test: { name: 'e2e', include: e2e.plain.filter((file) => !recompiling.includes(file)), isolate: false, maxWorkers: 2, sequence: { groupOrder: 2 } } },
      ...(e2e.mocking.length > 0 ? [{ extends: true, test: { name: 'e2e-mocks', include: e2e.mocking, maxWorkers: 2, sequence: { groupOrder: 2 } } }] : []),
      // Last and alone: a unit file that compiles a site's templates (the dev engine's) imports lib/ too.
      { extends: true, test: { name: 'e2e-recompiles', include: recompiling, sequence: { groupOrder: 3 } } },
    ],
  },
});
