import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/cleanup.ts'],
    testTimeout: 30_000,
    // Set-up that loads models or scores thousands of sentences takes seconds on a quiet machine, many on a busy one.
    hookTimeout: 180_000,
  },
});
