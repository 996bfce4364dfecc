// The module scripts/pyodide-plugin.ts provides: where the build put Pyodide's files.
declare module 'virtual:pyodide-assets' {
  export const pyodideAssets: { version: string; path: string; sizes: Record<string, number> };
}
