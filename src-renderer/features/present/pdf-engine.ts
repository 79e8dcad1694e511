/**
 * pdf.js for the browser and the Electron window. Only ever imported dynamically (see
 * open-file.ts), so pdf.js is not part of any page's first load. The worker and the
 * fonts come from the app's own origin; nothing is fetched from anywhere else.
 */
import { getDocument, GlobalWorkerOptions, PDFWorker } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import PageEncoder from './page-encoder.worker?worker';
import type { EncodedImage, EncodeTarget, PdfEngine } from './pdf-document';
import { sniffPageImage } from './transport';

GlobalWorkerOptions.workerSrc = workerUrl;

/** Where the build puts pdf.js's assets (`pdfjsAssets` in vite.web.config.ts); absolute for the worker. */
const assets = new URL(`${import.meta.env.BASE_URL}pdfjs/`, document.baseURI);

/** On this thread: where OffscreenCanvas or the encoder worker is missing. */
async function encodeHere(canvas: unknown, targets: EncodeTarget[]): Promise<EncodedImage[]> {
  const source = canvas as HTMLCanvasElement;
  const images: EncodedImage[] = [];
  for (const { width, height, quality } of targets) {
    let target = source;
    if (width !== source.width || height !== source.height) {
      target = document.createElement('canvas');
      target.width = width;
      target.height = height;
      target.getContext('2d')?.drawImage(source, 0, 0, width, height);
    }
    const blob = await new Promise<Blob | null>((resolve) =>
      // WebP keeps text sharp at a fraction of PNG's size; Safari cannot encode it and
      // falls back to PNG, which the viewers accept as well.
      target.toBlob(resolve, 'image/webp', quality),
    );
    if (!blob) throw new Error('canvas could not be encoded');
    images.push(checked(new Uint8Array(await blob.arrayBuffer())));
  }
  return images;
}

function checked(bytes: Uint8Array): EncodedImage {
  const format = sniffPageImage(bytes);
  if (!format) throw new Error('canvas encoded to an unknown format');
  return { bytes, format };
}

/** The encoder worker, started with the first page; null where it cannot run. */
let encoder: Worker | null | undefined;
let nextRequest = 0;
const waiting = new Map<number, (images: Uint8Array[] | null) => void>();

function encoderWorker(): Worker | null {
  if (encoder !== undefined) return encoder;
  if (typeof OffscreenCanvas === 'undefined') return (encoder = null);
  try {
    encoder = new PageEncoder();
  } catch {
    return (encoder = null);
  }
  encoder.onmessage = ({ data }: MessageEvent<{ id: number; images?: Uint8Array[] }>) => {
    waiting.get(data.id)?.(data.images ?? null);
    waiting.delete(data.id);
  };
  encoder.onerror = () => {
    // It cannot run here (an old browser): what waits, and what follows, is encoded on
    // this thread instead.
    encoder?.terminate();
    encoder = null;
    for (const answer of waiting.values()) answer(null);
    waiting.clear();
  };
  return encoder;
}

async function encode(canvas: unknown, targets: EncodeTarget[]): Promise<EncodedImage[]> {
  const worker = encoderWorker();
  if (!worker) return encodeHere(canvas, targets);
  // A copy of the pixels, handed over to the worker; the canvas goes back to pdf.js.
  const bitmap = await createImageBitmap(canvas as HTMLCanvasElement);
  const id = (nextRequest += 1);
  const images = await new Promise<Uint8Array[] | null>((answer) => {
    waiting.set(id, answer);
    worker.postMessage({ id, bitmap, targets }, [bitmap]);
  });
  if (!images) return encodeHere(canvas, targets);
  return images.map(checked);
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
