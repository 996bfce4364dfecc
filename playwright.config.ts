import { defineConfig } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, contextOptions } from './e2e/support.js';

// End-to-end tests: the built site (`npm run build` first: Vite's preview serves dist/) in
// Debian's Chromium, never a downloaded browser. One test at a time: CI machines have two
// cores, and a test that needs a retry is a bug to fix, so there are none.
const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.test.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  // A page on a busy 2-core machine can take more than the default 5 s to catch up.
  expect: { timeout: 10_000 },
  outputDir: 'test-results',
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'playwright-report' }],
    // Read by scripts/test.sh for its closing "N passed, N failed, N skipped" line.
    ['json', { outputFile: '.tmp/playwright-e2e.json' }],
  ],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
    ...contextOptions(),
    actionTimeout: 15_000,
    // A failed test keeps its trace (test-results/<test>/trace.zip: npx playwright show-trace)
    // with the page's DOM at every step; the trace's screencast is left out, as it made each
    // test about twice as slow on two cores. The screenshot at the failure is kept.
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure',
  },
  webServer: {
    // Vite's preview serves dist/ as any static host would; it stops when the tests end.
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    // Never another checkout's server, or another build's.
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
