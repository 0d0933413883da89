import { readdirSync, readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Two kinds of test. `unit` (tests/unit/): modules called in the test's own process, from their
// TypeScript sources, no compile needed: the fast loop, `npm run test:unit`. `e2e` (tests/e2e/): the
// compiled CLI, child processes, threads, servers, a browser, real checkers and generated archives.
// `npm test` runs both.
//
// Unit files share their worker's modules (`isolate: false`): loading unified, zod and the rest again
// for every file was half of the unit run. What the sources keep at module level is memoisation keyed
// by its inputs, so sharing it between files is as safe as between the tests of one file. A file that
// replaces a module (`vi.mock`) needs modules of its own, loaded after its mock: those files run apart,
// isolated, as the project `unit-mocks`, found here by their text.
const unitFolder = 'tests/unit/';
const mocksModules = /\bvi\.(?:mock|doMock)\(/;
const unitFiles = readdirSync(new URL(`./${unitFolder}`, import.meta.url), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.test.ts'));
const mockingFiles = unitFiles.filter((file) => mocksModules.test(readFileSync(new URL(`./${unitFolder}${file}`, import.meta.url), 'utf8'))).map((file) => `${unitFolder}${file}`);

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Builds start no background tree catch-up unless a test asks for one: a detached process
    // still linking files into a fixture's folder would race the test's clean-up.
    env: { WIREDESK_CATCH_UP_FROM: '1000000000' },
    projects: [
      // Unit files are small and CPU-bound: two at a time even on a 2-core machine (vitest's default there
      // is one). Projects with different worker counts run one after the other (`groupOrder`): unit first.
      { extends: true, test: { name: 'unit', include: [`${unitFolder}**/*.test.ts`], exclude: mockingFiles, isolate: false, maxWorkers: 2, sequence: { groupOrder: 0 } } },
      ...(mockingFiles.length > 0 ? [{ extends: true, test: { name: 'unit-mocks', include: mockingFiles, sequence: { groupOrder: 1 } } }] : []),
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], sequence: { groupOrder: 2 } } },
    ],
  },
});
