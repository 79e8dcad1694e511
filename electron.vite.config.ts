import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import { pdfjsAssets } from './vite.web.config';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      lib: { entry: resolve('src-main/electron/main.ts'), formats: ['es'] },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload must be CommonJS.
      lib: { entry: resolve('src-main/preload/index.ts'), formats: ['cjs'] },
    },
  },
  renderer: {
    root: resolve('src-renderer'),
    plugins: [react(), pdfjsAssets()],
    build: {
      outDir: resolve('out/renderer'),
      // Minified and ASCII only, as the web build (see vite.web.config.ts): electron-vite
      // leaves the renderer unminified, and the window then keeps the full text of every
      // script, comments included, for as long as it runs (two bytes a character, where a
      // comment has a "…").
      minify: true,
      rolldownOptions: {
        input: resolve('src-renderer/index.html'),
        output: { charset: 'ascii' },
      },
    },
  },
});
