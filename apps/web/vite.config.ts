/**
 * Builds the registry web app into apps/web/dist (served by `mmreg serve`). Two aliases keep Node-only
 * code out of the browser bundle: the app imports `@mmreg/contracts` and `@mmreg/report` by their
 * package names (so the type check and the boundary check see the real packages), and the bundle
 * resolves them to the browser-safe entry files — the registry schemas and the figures.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const fromRoot = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** Exact-match aliases shared with the vitest `web` project. */
export const browserEntryAliases = [
  { find: /^@mmreg\/contracts$/, replacement: fromRoot('packages/contracts/src/registry/index.ts') },
  { find: /^@mmreg\/report$/, replacement: fromRoot('packages/report/src/figures/index.ts') },
];

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: { alias: browserEntryAliases },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The login page must stay small (issue 6 item 8); Plot and the record pages load with their routes.
    chunkSizeWarningLimit: 600,
    reportCompressedSize: true,
  },
  // The dashboard's subgroup worker is a module worker: ES output shares the core, report and Plot chunks.
  worker: { format: 'es' },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
