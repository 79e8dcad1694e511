/**
 * pdf.js for the browser and the Electron window. Only ever imported dynamically (see
 * open-file.ts), so pdf.js is not part of any page's first load. The worker and the
 * fonts come from the app's own origin; nothing is fetched from anywhere else.
 */
import { getDocument, GlobalWorkerOptions, PDFWorker } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { PdfEngine } from './pdf-document';
import { sniffPageImage } from './transport';

GlobalWorkerOptions.workerSrc = workerUrl;

/** Where the build puts pdf.js's assets (`pdfjsAssets` in vite.web.config.ts); absolute for the worker. */
const assets = new URL(`${import.meta.env.BASE_URL}pdfjs/`, document.baseURI);

async function encode(canvas: unknown, quality = 0.9) {
  const blob = await new Promise<Blob | null>((resolve) =>
    // WebP keeps text sharp at a fraction of PNG's size; Safari cannot encode it and
    // falls back to PNG, which the viewers accept as well.
    (canvas as HTMLCanvasElement).toBlob(resolve, 'image/webp', quality),
  );
  if (!blob) throw new Error('canvas could not be encoded');
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const format = sniffPageImage(bytes);
  if (!format) throw new Error('canvas encoded to an unknown format');
  return { bytes, format };
}

/**
 * One worker for every document this page opens, started as soon as this module loads
 * (when the presenter opens the question), so choosing a file does not wait for it.
 */
let worker: PDFWorker | null = null;
const sharedWorker = () => {
  if (!worker || worker.destroyed) worker = new PDFWorker();
  return worker;
};
sharedWorker();

export const browserPdfEngine: PdfEngine = {
  getDocument: (params) =>
    getDocument({
      ...(params as Exclude<typeof params, string | URL | ArrayBuffer>),
      worker: sharedWorker(),
    }),
  encode,
  documentOptions: {
    standardFontDataUrl: new URL('standard_fonts/', assets).href,
    // Read only when a JPEG 2000 image needs the plain-JavaScript decoder (no WebAssembly).
    wasmUrl: new URL('wasm/', assets).href,
  },
};
