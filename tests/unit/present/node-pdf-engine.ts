/** pdf.js's Node build with the canvas it brings along (@napi-rs/canvas), for unit tests. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PdfEngine } from '../../../src-renderer/features/present/pdf-document';

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

export const nodePdfEngine: PdfEngine = {
  getDocument: getDocument as PdfEngine['getDocument'],
  encode: async (canvas) => ({
    bytes: new Uint8Array(
      (canvas as { toBuffer(type: 'image/png'): Buffer }).toBuffer('image/png'),
    ),
    format: 'image/png',
  }),
  documentOptions: { standardFontDataUrl: `${join(pdfjsRoot, 'standard_fonts')}/` },
};
