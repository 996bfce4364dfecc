import { defineConfig } from 'vitest/config';

// End-to-end tests: the built site (npm run build) in Debian's Chromium. One file at a time:
// each starts a browser, and CI machines have two cores.
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A page on a busy 2-core machine can take more than the default second to catch up.
    expect: { poll: { timeout: 10_000, interval: 50 } },
  },
});
