import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { koreanFontPlugin } from './scripts/korean-font-plugin.js';
import { offlinePlugin } from './scripts/offline-plugin.js';
import { pyodidePlugin } from './scripts/pyodide-plugin.js';

/** The tests under test/ that need no external program: our own server, recorded screens. */
const selfContained = ['test/server/server.test.ts', 'test/server/blocking.test.ts', 'test/server/bgsave.test.ts', 'test/cli/golden.test.ts'];

const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  // Relative asset paths: the built site works from any static file server, at any path.
  base: './',
  plugins: [react(), koreanFontPlugin(), pyodidePlugin({ copy: true }), offlinePlugin()],
  worker: { format: 'es', plugins: () => [pyodidePlugin({ copy: false })] },
  // The browser's Python waits for the engine with Atomics.wait on a SharedArrayBuffer, which
  // needs cross-origin isolation: these headers give it from the first load under `npm start`
  // and `npm run dev`; on any other static host the service worker adds them (docs/PYTHON.md).
  server: { headers: ISOLATION },
  preview: { headers: ISOLATION },
  build: {
    outDir: 'dist',
    target: 'es2022',
    // Every browser the site runs in (module workers, SharedArrayBuffer) knows modulepreload.
    modulePreload: { polyfill: false },
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
