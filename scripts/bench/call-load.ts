/**
 * A 1:1 call, both with camera (Chromium's fake device at 20 fps, the app's 640x360
 * capture) and microphone, held for `--call-seconds` (60) and cut into `--runs` equal
 * windows (20 × 3 s):
 *
 *   call_cpu_pct_per_mpx  per window: the CPU time of both renderer processes (CDP
 *                         `Performance.getMetrics` ProcessTime: the page, its workers and
 *                         WebRTC's threads), in % of one core, per megapixel per second of
 *                         video the two pages decoded (inbound-rtp framesDecoded × size)
 *   call_freezes          per window: freezes both receivers counted (inbound-rtp
 *                         freezeCount); the total is printed too
 */
import type { CDPSession, Page } from '@playwright/test';
import type { BenchContext } from './context';
import type { FigureGroup } from './framework';
import { oneToOneCall } from './journeys';
import { inboundVideo } from './probe';

const CAMERA_FPS = 20;

interface Sample {
  wall: number;
  cpuSeconds: number;
  heapBytes: number;
  streams: Map<string, { framesDecoded: number; pixels: number; freezeCount: number }>;
}

async function sample(page: Page, cdp: CDPSession, side: string): Promise<Sample> {
  const [{ metrics }, video] = await Promise.all([
    cdp.send('Performance.getMetrics'),
    inboundVideo(page),
  ]);
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  return {
    wall: Date.now(),
    cpuSeconds: metric('ProcessTime'),
    heapBytes: metric('JSHeapUsedSize'),
    streams: new Map(video.streams.map((stream) => [`${side}:${stream.id}`, stream])),
  };
}

export const callLoad: FigureGroup<BenchContext> = {
  title: `1:1 call load (640x360, ${CAMERA_FPS} fps, E2EE)`,
  figures: [
    { name: 'call_cpu_pct_per_mpx', unit: '% per Mpx/s', digits: 1 },
    { name: 'call_freezes', unit: 'freezes', total: true },
  ],
  async measure(bench, record) {
    const app = await bench.app('encrypted');
    const { host, guest } = await oneToOneCall(
      await bench.launch({ cameraFps: CAMERA_FPS }),
      await bench.launch({ cameraFps: CAMERA_FPS }),
      app.appUrl,
      'Last',
      { frames: false, watches: [] },
    );
    const sides = await Promise.all(
      [host.page, guest.page].map(async (page, index) => {
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Performance.enable');
        return { page, cdp, side: index === 0 ? 'host' : 'guest' };
      }),
    );
    const sampleAll = () =>
      Promise.all(sides.map(({ page, cdp, side }) => sample(page, cdp, side)));

    // Let simulcast and bandwidth estimation settle before the first window.
    await host.page.waitForTimeout(5000);
    const windowMs = (bench.options.callSeconds * 1000) / bench.options.runs;
    let previous = await sampleAll();
    let cpuPercentSum = 0;
    let mpxSum = 0;
    for (let run = 0; run < bench.options.runs; run += 1) {
      bench.progress(`  call window ${run + 1}/${bench.options.runs}`);
      await host.page.waitForTimeout(windowMs);
      const current = await sampleAll();
      let cpuPercent = 0;
      let megapixelsPerSecond = 0;
      let freezes = 0;
      current.forEach((now, index) => {
        const then = previous[index];
        if (!then) return;
        const seconds = (now.wall - then.wall) / 1000;
        cpuPercent += ((now.cpuSeconds - then.cpuSeconds) / seconds) * 100;
        for (const [id, stream] of now.streams) {
          const earlier = then.streams.get(id);
          if (!earlier) continue;
          megapixelsPerSecond +=
            ((stream.framesDecoded - earlier.framesDecoded) * stream.pixels) / 1e6 / seconds;
          freezes += stream.freezeCount - earlier.freezeCount;
        }
      });
      if (megapixelsPerSecond > 0)
        record.value('call_cpu_pct_per_mpx', cpuPercent / megapixelsPerSecond);
      else record.failed('call_cpu_pct_per_mpx', 'no video decoded in the window');
      record.value('call_freezes', freezes);
      cpuPercentSum += cpuPercent;
      mpxSum += megapixelsPerSecond;
      previous = current;
    }
    const runs = bench.options.runs;
    const heap = previous.map((s) => `${(s.heapBytes / 2 ** 20).toFixed(1)}`).join(' / ');
    record.note(
      'call_cpu_pct_per_mpx',
      `both renderers: ${(cpuPercentSum / runs).toFixed(1)} % of one core on average, ` +
        `${(mpxSum / runs).toFixed(2)} Mpx/s decoded; JS heap host / guest ${heap} MiB`,
    );
    await Promise.all([host.context.close(), guest.context.close()]);
  },
};
