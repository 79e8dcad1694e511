/// <reference lib="webworker" />
/**
 * Encodes a rendered page off the presenter's main thread: the sharp image and its preview
 * from one bitmap, each scaled onto an OffscreenCanvas and encoded as WebP. Encoding a
 * 1600 px page takes hundreds of milliseconds on a slow laptop; on the main thread that
 * delayed the presenter's next click and the call's own work.
 *
 * Messages in: { id, bitmap, targets: { width, height, quality }[] } (the bitmap transferred).
 * Messages out: { id, index, image } for each target as soon as it is encoded, in the
 * targets' order (the preview comes first, so it need not wait for the sharp image), or
 * { id, failed: true } for whatever was not encoded.
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
    for (const [index, { width, height, quality }] of targets.entries()) {
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d context');
      context.drawImage(bitmap, 0, 0, width, height);
      const blob = await canvas.convertToBlob({ type: 'image/webp', quality });
      const image = new Uint8Array(await blob.arrayBuffer());
      scope.postMessage({ id, index, image }, [image.buffer]);
    }
  } catch {
    scope.postMessage({ id, failed: true });
  } finally {
    bitmap.close();
  }
};
