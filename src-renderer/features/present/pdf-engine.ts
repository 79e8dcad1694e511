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

/** One image on this thread: where OffscreenCanvas or the encoder worker is missing. */
async function encodeHere(
  canvas: unknown,
  { width, height, quality }: EncodeTarget,
): Promise<EncodedImage> {
  const source = canvas as HTMLCanvasElement;
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
  return checked(new Uint8Array(await blob.arrayBuffer()));
}

function checked(bytes: Uint8Array): EncodedImage {
  const format = sniffPageImage(bytes);
  if (!format) throw new Error('canvas encoded to an unknown format');
  return { bytes, format };
}

/** The worker's answers: each image as it is done, in the targets' order, or a failure. */
type EncoderAnswer =
  { id: number; index: number; image: Uint8Array } | { id: number; failed: true };

/** Per request, one answer per target: its bytes, or null where the worker could not. */
type Answers = ((image: Uint8Array | null) => void)[];

/** The encoder worker, started with the first page; null where it cannot run. */
let encoder: Worker | null | undefined;
let nextRequest = 0;
const waiting = new Map<number, Answers>();

function encoderWorker(): Worker | null {
  if (encoder !== undefined) return encoder;
  if (typeof OffscreenCanvas === 'undefined') return (encoder = null);
  try {
    encoder = new PageEncoder();
  } catch {
    return (encoder = null);
  }
  encoder.onmessage = ({ data }: MessageEvent<EncoderAnswer>) => {
    const answers = waiting.get(data.id);
    if (!answers) return;
    if ('failed' in data) {
      answers.forEach((answer) => answer(null));
      waiting.delete(data.id);
      return;
    }
    answers[data.index]?.(data.image);
    if (data.index === answers.length - 1) waiting.delete(data.id);
  };
  encoder.onerror = () => {
    // It cannot run here (an old browser): what waits, and what follows, is encoded on
    // this thread instead.
    encoder?.terminate();
    encoder = null;
    for (const answers of waiting.values()) answers.forEach((answer) => answer(null));
    waiting.clear();
  };
  return encoder;
}

function encode(canvas: unknown, targets: EncodeTarget[]): Promise<EncodedImage>[] {
  const worker = encoderWorker();
  if (!worker) return targets.map((target) => encodeHere(canvas, target));
  const answers: Answers = [];
  const fromWorker = targets.map(
    (_, index) => new Promise<Uint8Array | null>((answer) => (answers[index] = answer)),
  );
  // A copy of the pixels, handed over to the worker; the canvas goes back to pdf.js.
  createImageBitmap(canvas as HTMLCanvasElement).then(
    (bitmap) => {
      const id = (nextRequest += 1);
      waiting.set(id, answers);
      worker.postMessage({ id, bitmap, targets }, [bitmap]);
    },
    () => answers.forEach((answer) => answer(null)),
  );
  // What the worker could not encode is encoded here.
  return fromWorker.map(async (image, index) => {
    const bytes = await image;
    return bytes ? checked(bytes) : encodeHere(canvas, targets[index] as EncodeTarget);
  });
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
