/// <reference lib="webworker" />
/**
 * Encodes a rendered page off the presenter's main thread: the sharp image and its preview
 * from one bitmap, each scaled onto an OffscreenCanvas and encoded as WebP. Encoding a
 * 1600 px page takes hundreds of milliseconds on a slow laptop; on the main thread that
 * delayed the presenter's next click and the call's own work.
 *
 * Messages in: { id, bitmap, targets: { width, height, quality }[] } (the bitmap transferred).
 * Messages out: { id, images: Uint8Array[] } in the targets' order, or { id, failed: true }.
 */
import type { EncodeTarget } from './pdf-document';

interface Request {
  id: number;
  bitmap: ImageBitmap;
  targets: EncodeTarget[];
}

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async ({ data }: MessageEvent<Request>) => {
  const { id, bitmap, targets } = data;
  try {
    const images: Uint8Array[] = [];
    for (const { width, height, quality } of targets) {
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d context');
      context.drawImage(bitmap, 0, 0, width, height);
      const blob = await canvas.convertToBlob({ type: 'image/webp', quality });
      images.push(new Uint8Array(await blob.arrayBuffer()));
    }
    scope.postMessage(
      { id, images },
      images.map((image) => image.buffer as ArrayBuffer),
    );
  } catch {
    scope.postMessage({ id, failed: true });
  } finally {
    bitmap.close();
  }
};
