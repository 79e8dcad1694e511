/**
 * A fake camera that needs its whole bitrate, for the network-fault tests and figures.
 *
 * Chromium's built-in fake camera shows a simple moving pattern that the encoder compresses
 * to a fraction of the layer's budget (about 200 of 450 kbit/s at 360p), so a 500 kbit/s
 * line never squeezes it. A real webcam picture fills the budget, yet an encoder can always
 * fit it into less by coarsening it. This file does both: a soft pattern that drifts across
 * the picture (so every frame moves) under fresh fine grain in every frame (so every frame
 * costs what the encoder is allowed to spend).
 *
 * The grain is faint on purpose. An earlier version filled each frame with fresh random
 * 8×8 blocks at full contrast: no quantiser could fit that into the small layer's budget,
 * so the encoder dropped to a few frames a second and a quarter of the size even on a clean
 * line, which no camera does, and the server's estimate of the receiver's line sometimes
 * never recovered from the bursts.
 */
import { randomFillSync } from 'node:crypto';
import { closeSync, existsSync, openSync, renameSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const WIDTH = 640;
const HEIGHT = 360;
const FPS = 15;
/** Two seconds; Chromium plays the file in a loop, and the drift's period fits it exactly. */
const FRAMES = 30;
/** Grain cells of 2×2 pixels, ±GRAIN levels of luma around the pattern. */
const CELL = 2;
const GRAIN = 16;
/** The soft pattern's wavelength in pixels; it drifts one wavelength per loop. */
const WAVE = 80;

/** Writes the Y4M file once per machine and returns its path. */
export function busyCameraFile(): string {
  const file = join(
    tmpdir(),
    `augenhoehe-busy-camera-${WIDTH}x${HEIGHT}-grain${CELL}x${GRAIN}-wave${WAVE}.y4m`,
  );
  if (existsSync(file)) return file;
  const partial = `${file}.${process.pid}.partial`;
  const out = openSync(partial, 'w');
  try {
    writeSync(out, `YUV4MPEG2 W${WIDTH} H${HEIGHT} F${FPS}:1 Ip A1:1 C420jpeg\n`);
    const luma = Buffer.alloc(WIDTH * HEIGHT);
    const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
    const cellsPerRow = WIDTH / CELL;
    const grain = Buffer.alloc(cellsPerRow * (HEIGHT / CELL));
    // The pattern is a column wave (drifting) times a row wave (still): each computed once.
    const rows = Array.from({ length: HEIGHT }, (_, y) =>
      Math.cos((2 * Math.PI * y) / (WAVE * 0.75)),
    );
    const columns = new Float64Array(WIDTH);
    for (let frame = 0; frame < FRAMES; frame += 1) {
      randomFillSync(grain);
      for (let x = 0; x < WIDTH; x += 1)
        columns[x] = Math.sin(2 * Math.PI * (x / WAVE + frame / FRAMES));
      for (let y = 0; y < HEIGHT; y += 1) {
        const row = rows[y] ?? 0;
        for (let x = 0; x < WIDTH; x += 1) {
          const pattern = 128 + 64 * (columns[x] ?? 0) * row;
          const cell = grain[Math.floor(y / CELL) * cellsPerRow + Math.floor(x / CELL)] ?? 0;
          const value = pattern + (cell % (2 * GRAIN + 1)) - GRAIN;
          luma[y * WIDTH + x] = Math.max(16, Math.min(235, Math.round(value)));
        }
      }
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
