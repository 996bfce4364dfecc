import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { koreanFontPlugin } from './scripts/korean-font-plugin.js';
import { offlinePlugin } from './scripts/offline-plugin.js';

export default defineConfig({
  // Relative asset paths: the built site works from any static file server, at any path.
  base: './',
  plugins: [react(), koreanFontPlugin(), offlinePlugin()],
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    target: 'es2022',
    sourcemap: true,
    // React DOM and xterm.js make the page's one chunk ~600 kB (~170 kB gzip); that is expected.
    chunkSizeWarningLimit: 800,
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
