import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { koreanFontPlugin } from './scripts/korean-font-plugin.js';
import { offlinePlugin } from './scripts/offline-plugin.js';

/** The tests under test/ that need no external program: our own server, recorded screens. */
const selfContained = ['test/server/server.test.ts', 'test/server/blocking.test.ts', 'test/server/bgsave.test.ts', 'test/cli/golden.test.ts'];

export default defineConfig({
  // Relative asset paths: the built site works from any static file server, at any path.
  base: './',
  plugins: [react(), koreanFontPlugin(), offlinePlugin()],
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    target: 'es2022',
    sourcemap: true,
    // React DOM and xterm.js make the page's one chunk ~600 kB (~170 kB gzip); the workbench's
    // chunk, Monaco's editor core, ~3.4 MB (~830 kB gzip), is fetched only when it is opened.
    chunkSizeWarningLimit: 3500,
  },
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Tests wait for conditions (expect.poll), not for time: a busy 2-core machine gets 10 s.
    expect: { poll: { timeout: 10_000, interval: 5 } },
    // `npm run test:unit` runs the tests that need nothing but Node; `npm run test:diff` the
    // ones that start Debian's redis-server (and redis-cli, python3-redis) to compare with.
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts', ...selfContained] } },
      { extends: true, test: { name: 'diff', include: ['test/**/*.test.ts'], exclude: selfContained } },
    ],
  },
});
