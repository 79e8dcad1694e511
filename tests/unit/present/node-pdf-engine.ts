/** pdf.js's Node build with the canvas it brings along (@napi-rs/canvas), for unit tests. */
import { createRequire } from 'node:module';
import { createCanvas, type Canvas } from '@napi-rs/canvas';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PdfEngine } from '../../../src-renderer/features/present/pdf-document';

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

export const nodePdfEngine: PdfEngine = {
  getDocument: getDocument as PdfEngine['getDocument'],
  // PNG (the Node canvas has no WebP quality), each target scaled as the browser's does.
  encode: (canvas, targets) =>
    targets.map(async ({ width, height }) => {
      const scaled = createCanvas(width, height);
      scaled.getContext('2d').drawImage(canvas as Canvas, 0, 0, width, height);
      return { bytes: new Uint8Array(scaled.toBuffer('image/png')), format: 'image/png' as const };
    }),
  documentOptions: { standardFontDataUrl: `${join(pdfjsRoot, 'standard_fonts')}/` },
};
