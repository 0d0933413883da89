import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Builds start no background tree catch-up unless a test asks for one: a detached process
    // still linking files into a fixture's folder would race the test's clean-up.
    env: { WIREDESK_CATCH_UP_FROM: '1000000000' },
  },
});
