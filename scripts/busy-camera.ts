/**
 * A fake camera that needs its whole bitrate, for the network-fault tests and figures.
 *
 * Chromium's built-in fake camera shows a simple moving pattern that VP8 compresses to a
 * fraction of the layer's budget (about 200 of 450 kbit/s at 360p), so a 500 kbit/s line
 * never squeezes it. A real webcam picture (noise, light, movement) fills the budget; this
 * file does the same with fresh random 8×8 blocks in every frame, so bandwidth limits bite
 * as they would. Blocks rather than pixel noise: they line up with VP8's transform blocks,
 * so the encoder spends bits, not the shared test machine's CPU.
 */
import { randomFillSync } from 'node:crypto';
import { closeSync, existsSync, openSync, renameSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const WIDTH = 640;
const HEIGHT = 360;
const FPS = 15;
/** Two seconds; Chromium plays the file in a loop. */
const FRAMES = 30;
const BLOCK = 8;

/** Writes the Y4M file once per machine and returns its path. */
export function busyCameraFile(): string {
  const file = join(tmpdir(), `augenhoehe-busy-camera-${WIDTH}x${HEIGHT}-b${BLOCK}.y4m`);
  if (existsSync(file)) return file;
  const partial = `${file}.${process.pid}.partial`;
  const out = openSync(partial, 'w');
  try {
    writeSync(out, `YUV4MPEG2 W${WIDTH} H${HEIGHT} F${FPS}:1 Ip A1:1 C420jpeg\n`);
    const luma = Buffer.alloc(WIDTH * HEIGHT);
    const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
    const blocks = Buffer.alloc((WIDTH / BLOCK) * (HEIGHT / BLOCK));
    for (let frame = 0; frame < FRAMES; frame += 1) {
      randomFillSync(blocks);
      for (let y = 0; y < HEIGHT; y += 1)
        for (let x = 0; x < WIDTH; x += 1)
          luma[y * WIDTH + x] =
            blocks[Math.floor(y / BLOCK) * (WIDTH / BLOCK) + Math.floor(x / BLOCK)] ?? 0;
      writeSync(out, 'FRAME\n');
      writeSync(out, luma);
      writeSync(out, chroma);
    }
  } finally {
    closeSync(out);
  }
  renameSync(partial, file);
  return file;
}

/** Chromium arguments for the busy camera (the fake microphone stays as it is). */
export function busyCameraArgs(): string[] {
  return [`--use-file-for-fake-video-capture=${busyCameraFile()}`];
}
