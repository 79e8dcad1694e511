/**
 * The renderer as a static web page: the browser guest client, and the host page of
 * browser mode. Same code as the Electron window; only the shell around it differs.
 */
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { pdfjsAssets } from './scripts/vite-pdfjs-assets';

export default defineConfig({
  root: resolve('src-renderer'),
  base: '/',
  plugins: [react(), pdfjsAssets()],
  build: {
    outDir: resolve('out/web'),
    emptyOutDir: true,
    sourcemap: false,
    // livekit-client alone is about 800 kB; the guest page loads it once.
    chunkSizeWarningLimit: 1500,
  },
});
