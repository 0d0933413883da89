import { defineConfig } from 'vitest/config';

// Two projects: `unit` (pure modules, run from the TypeScript sources, no compile needed; the fast loop)
// and `e2e` (the compiled CLI, processes, threads, real servers, browsers, checkers and big corpora).
// `npm run test:unit`, `npm run test:e2e`, and `npm test` for both.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Builds start no background tree catch-up unless a test asks for one: a detached process
    // still linking files into a fixture's folder would race the test's clean-up.
    env: { WIREDESK_CATCH_UP_FROM: '1000000000' },
    projects: [
      // Unit files are small and CPU-bound: two at a time even on a 2-core machine (vitest's default
      // there is one). Each file keeps its own process (isolation): some mock node modules.
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], maxWorkers: 2 } },
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'] } },
    ],
  },
});
