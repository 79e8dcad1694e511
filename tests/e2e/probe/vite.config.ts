/** The test probe's build (see probe.ts): its own folder, never part of the app's builds. */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: resolve(import.meta.dirname),
  base: '/',
  logLevel: 'error',
  build: {
    outDir: resolve(import.meta.dirname, '../../../out/probe'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
