/** Test only: builds the presentation test page into out/present-harness. */
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { pdfjsAssets } from '../../../vite.web.config';

export default defineConfig({
  root: resolve('tests/e2e/present-harness'),
  base: '/',
  plugins: [react(), pdfjsAssets()],
  logLevel: 'error',
  build: {
    outDir: resolve('out/present-harness'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
});
