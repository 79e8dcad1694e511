/// <reference lib="webworker" />
/**
 * The transform for main.ts, on both sides of the call. With `copy`, each frame's payload
 * is sealed and opened again (so the decoder gets what the encoder made) and handed back
 * as a new buffer: three buffers a frame, as an end-to-end encrypting transform makes.
 */
interface FrameTransformer {
  readable: ReadableStream<EncodedFrame>;
  writable: WritableStream<EncodedFrame>;
}
interface EncodedFrame {
  data: ArrayBuffer;
}

const scope = self as unknown as DedicatedWorkerGlobalScope & {
  onrtctransform: ((event: Event & { transformer: FrameTransformer }) => void) | null;
};

let transform = 'pass';
const key = crypto.subtle.generateKey({ name: 'AES-GCM', length: 128 }, false, [
  'encrypt',
  'decrypt',
]);
// A fixed IV is fine for a reproduction that only measures memory; never in real use.
const iv = new Uint8Array(12);

async function handle(
  frame: EncodedFrame,
  controller: TransformStreamDefaultController<EncodedFrame>,
): Promise<void> {
  if (transform === 'copy') {
    const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await key, frame.data);
    const opened = await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, await key, sealed);
    const payload = new Uint8Array(opened.byteLength);
    payload.set(new Uint8Array(opened));
    frame.data = payload.buffer;
  }
  controller.enqueue(frame);
}

function run({ readable, writable }: FrameTransformer): void {
  const through = new TransformStream<EncodedFrame, EncodedFrame>({ transform: handle });
  void readable.pipeThrough(through).pipeTo(writable);
}

scope.onmessage = ({ data }: MessageEvent<{ transform?: string } & Partial<FrameTransformer>>) => {
  if (data.transform) transform = data.transform;
  if (data.readable && data.writable) run({ readable: data.readable, writable: data.writable });
};
scope.onrtctransform = ({ transformer }) => run(transformer);
