/**
 * The renderer as a static web page: the browser guest client, and the host page of
 * browser mode. Same code as the Electron window; only the shell around it differs.
 */
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { precompressPlugin } from './scripts/precompress';

export default defineConfig({
  root: resolve('src-renderer'),
  base: '/',
  // Brotli and gzip copies of every text file: the embedded server sends them as they are.
  plugins: [react(), precompressPlugin()],
  build: {
    outDir: resolve('out/web'),
    emptyOutDir: true,
    sourcemap: false,
    // livekit-client alone is about 530 kB (140 kB gzipped); it loads after the welcome.
    chunkSizeWarningLimit: 600,
  },
});
