/**
 * Puts pdf.js's own assets into the renderer build under `pdfjs/`, so the presenter's pdf.js
 * loads them from the app's origin: the standard fonts (for PDFs that do not embed
 * Helvetica, Times and friends) and the plain-JavaScript JPEG 2000 decoder (the CSP allows
 * no WebAssembly). Names stay as pdf.js expects them; pdf.js asks for them by name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

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
