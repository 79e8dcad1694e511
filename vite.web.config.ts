/**
 * The renderer as a static web page: the browser guest client, and the host page of
 * browser mode. Same code as the Electron window; only the shell around it differs.
 */
import react from '@vitejs/plugin-react';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { precompressPlugin } from './scripts/precompress';

/**
 * Puts pdf.js's own assets into the renderer build under `pdfjs/`, so the presenter's pdf.js
 * loads them from the app's origin: the standard fonts (for PDFs that do not embed
 * Helvetica, Times and friends) and the plain-JavaScript JPEG 2000 decoder (the CSP allows
 * no WebAssembly). Names stay as pdf.js expects them; pdf.js asks for them by name.
 */
const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

export function pdfjsAssets(): Plugin {
  return {
    name: 'augenhoehe-pdfjs-assets',
    apply: 'build',
    generateBundle() {
      const fonts = join(pdfjsRoot, 'standard_fonts');
      for (const name of readdirSync(fonts)) {
        this.emitFile({
          type: 'asset',
          fileName: `pdfjs/standard_fonts/${name}`,
          source: readFileSync(join(fonts, name)),
        });
      }
      for (const name of [
        'openjpeg_nowasm_fallback.js',
        'LICENSE_OPENJPEG',
        'LICENSE_PDFJS_OPENJPEG',
      ]) {
        this.emitFile({
          type: 'asset',
          fileName: `pdfjs/wasm/${name}`,
          source: readFileSync(join(pdfjsRoot, 'wasm', name)),
        });
      }
    },
  };
}

export default defineConfig({
  root: resolve('src-renderer'),
  base: '/',
  // pdf.js's own assets, and brotli and gzip copies of every text file (the embedded server
  // sends them as they are).
  plugins: [react(), pdfjsAssets(), precompressPlugin()],
  build: {
    outDir: resolve('out/web'),
    emptyOutDir: true,
    sourcemap: false,
    // livekit-client alone is about 530 kB (140 kB gzipped); it loads after the welcome.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // Every character outside ASCII escaped (`\u2026`): a browser keeps a script's
        // source for as long as the page runs, in one byte a character only if none is
        // past U+00FF. Two in livekit-client ("→", "–") and the German texts' "…" and
        // quotes made it hold every chunk in two, 1 MiB more on each page in a call
        // (README, "Scripts kept in one byte a character").
        charset: 'ascii',
        // livekit-client in a chunk of its own, under its own name: left to itself, the
        // bundler merges in the app's modules both the device check and the call import,
        // and names the chunk after one of them.
        codeSplitting: {
          groups: [{ name: 'livekit-client', test: /[\\/]node_modules[\\/]livekit-client[\\/]/ }],
        },
      },
    },
  },
});
