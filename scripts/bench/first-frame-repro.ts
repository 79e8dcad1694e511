/**
 * The minimal reproduction of the encrypted first-frame stall, as figures
 * (docs/upstream/livekit-client-e2ee-first-frame.md): plain livekit-client pages
 * (scripts/bench/renderer/first-frame-repro), one publishing its camera, a new subscriber
 * page each run, timed from just before `connect()` to the first and fifth video frame it
 * shows. Three ways to join alternate run by run:
 *
 *   …_autosubscribe   E2EE, livekit-client's default `autoSubscribe: true` (the stall)
 *   …_after_connect   E2EE, `autoSubscribe: false` and subscribing once connected (the fix
 *                     the call core uses)
 *   …_plain           no encryption (the control)
 *
 * A run whose fifth frame comes more than a second after its first is a stall; the notes
 * count them.
 */
/// <reference lib="dom" />
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { benchToken, createBenchRoom, startBenchPage } from './bench-page';
import type { BenchContext } from './context';
import type { FigureGroup } from './framework';

const MODES = ['autosubscribe', 'after_connect', 'plain'] as const;
type Mode = (typeof MODES)[number];
const PAGE_MODE: Record<Mode, string> = {
  autosubscribe: 'auto',
  after_connect: 'after',
  plain: 'plain',
};
const STALL_MS = 1000;

declare global {
  interface Window {
    reproResult: Result;
    reproReady: boolean;
  }
}

interface Result {
  first?: number;
  fifth?: number;
  error?: string;
}

export const firstFrameRepro: FigureGroup<BenchContext> = {
  title: 'first-frame stall, minimal reproduction (plain livekit-client)',
  figures: MODES.flatMap((mode) => [
    { name: `repro_first_frame_ms_${mode}`, unit: 'ms' },
    { name: `repro_fifth_frame_ms_${mode}`, unit: 'ms' },
  ]),
  async measure(bench, record) {
    const page = await startBenchPage('first-frame-repro');
    const key = randomBytes(32).toString('hex');
    const address = (fragment: Record<string, string>) =>
      `${page.origin}/#${new URLSearchParams({ url: bench.livekit.url, key, ...fragment }).toString()}`;
    try {
      // One publisher in an encrypted room, one in a plain room, both for the whole group.
      const publisherBrowser = await bench.launch({ cameraFps: 20 });
      const publisherContext = await publisherBrowser.newContext({
        permissions: ['camera', 'microphone'],
      });
      const rooms = {
        encrypted: await createBenchRoom(bench.livekit),
        plain: await createBenchRoom(bench.livekit),
      };
      for (const [room, mode] of [
        [rooms.encrypted, 'auto'],
        [rooms.plain, 'plain'],
      ] as const) {
        const publisher: Page = await publisherContext.newPage();
        const token = await benchToken(bench.livekit, room);
        await publisher.goto(address({ role: 'publisher', mode, token }));
        await publisher.waitForFunction(() => window.reproReady || window.reproResult.error, {
          timeout: 30_000,
        });
      }
      // Let the publishers' simulcast settle.
      await publisherContext.pages()[0]?.waitForTimeout(3000);

      const subscriberBrowser = await bench.launch();
      const stalls = new Map<Mode, number>(MODES.map((mode) => [mode, 0]));
      for (let run = 0; run < bench.options.runs; run += 1) {
        bench.progress(`  run ${run + 1}/${bench.options.runs}`);
        for (const mode of MODES) {
          const room = mode === 'plain' ? rooms.plain : rooms.encrypted;
          const context = await subscriberBrowser.newContext();
          const subscriber = await context.newPage();
          const token = await benchToken(bench.livekit, room);
          await subscriber.goto(address({ role: 'subscriber', mode: PAGE_MODE[mode], token }));
          const result = await subscriber
            .waitForFunction(
              () =>
                window.reproResult.fifth || window.reproResult.error ? window.reproResult : null,
              undefined,
              { timeout: 15_000, polling: 50 },
            )
            .then((handle) => handle.jsonValue() as Promise<Result>)
            .catch(() => ({ error: 'no fifth frame within 15 s' }) as Result);
          await context.close();
          if (result.error || result.first === undefined || result.fifth === undefined) {
            record.failed(`repro_fifth_frame_ms_${mode}`, result.error ?? 'no frames');
            continue;
          }
          record.value(`repro_first_frame_ms_${mode}`, result.first);
          record.value(`repro_fifth_frame_ms_${mode}`, result.fifth);
          if (result.fifth - result.first > STALL_MS) stalls.set(mode, (stalls.get(mode) ?? 0) + 1);
        }
      }
      for (const mode of MODES)
        record.note(
          `repro_fifth_frame_ms_${mode}`,
          `stalls (fifth frame > ${STALL_MS} ms after the first): ${stalls.get(mode)} of ${bench.options.runs}`,
        );
    } finally {
      await page.close();
    }
  },
};
