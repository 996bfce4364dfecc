// A Vite plugin that serves Pyodide (the `pyodide` npm package) from our own build, so that the
// browser's Python never loads anything from another host:
// - the build copies its runtime files into `pyodide/<version>/` (the version in the path: the
//   service worker keeps them across builds, and a new version is a new path);
// - `npm run dev` serves the same path from node_modules;
// - `virtual:pyodide-assets` tells the Python worker where they are and how big they are (its
//   progress bar counts bytes against these sizes).
// Nothing here is loaded before the learner first runs Python: the worker that imports the
// virtual module is itself a lazy chunk.

import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

/** What Pyodide's loader fetches: its ES module glue, the WebAssembly, the standard library, the package list. */
export const PYODIDE_FILES = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'] as const;

const VIRTUAL = 'virtual:pyodide-assets';
const TYPES: Record<string, string> = { '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.zip': 'application/zip', '.json': 'application/json' };

function pyodideDir(): { dir: string; version: string } {
  const pkg = createRequire(import.meta.url).resolve('pyodide/package.json');
  const { version } = JSON.parse(readFileSync(pkg, 'utf8')) as { version: string };
  return { dir: dirname(pkg), version };
}

/**
 * `copy`: the page's build copies the files (the workers' builds, which Vite runs with their own
 * plugins, only need the virtual module).
 */
export function pyodidePlugin({ copy }: { copy: boolean }): Plugin {
  const { dir, version } = pyodideDir();
  const base = `pyodide/${version}/`;
  const sizes = Object.fromEntries(PYODIDE_FILES.map((f) => [f, statSync(join(dir, f)).size]));
  return {
    name: 'redis-playground-pyodide',
    resolveId(id) {
      return id === VIRTUAL ? '\0' + VIRTUAL : null;
    },
    load(id) {
      if (id !== '\0' + VIRTUAL) return null;
      return `export const pyodideAssets = ${JSON.stringify({ version, path: base, sizes })};`;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        const i = path.indexOf('/' + base);
        const file = i >= 0 ? path.slice(i + base.length + 1) : '';
        if (!(PYODIDE_FILES as readonly string[]).includes(file)) return next();
        res.setHeader('content-type', TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream');
        res.end(readFileSync(join(dir, file)));
      });
    },
    generateBundle() {
      if (!copy) return;
      for (const file of PYODIDE_FILES) this.emitFile({ type: 'asset', fileName: base + file, source: readFileSync(join(dir, file)) });
    },
  };
}
