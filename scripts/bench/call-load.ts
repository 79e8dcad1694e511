/**
 * A 1:1 call, both with camera (Chromium's fake device at 20 fps, a 640x360 capture) and
 * microphone, held for `--call-seconds` (60) and cut into `--runs` equal windows (20 × 3 s),
 * once in the app and once in the Meet yardstick (scripts/bench/meet-reference.ts), the two
 * alternating in blocks of `--block` windows (a new call each block), so that the machine's
 * load drifts over both alike:
 *
 *   call_cpu_pct_per_mpx  per window: the CPU time of both renderer processes (CDP
 *                         `Performance.getMetrics` ProcessTime: the page, its workers and
 *                         WebRTC's threads), in % of one core, per megapixel per second of
 *                         video the two pages decoded (inbound-rtp framesDecoded × size)
 *   call_freezes          per window: freezes both receivers counted (inbound-rtp
 *                         freezeCount); the total is printed too
 *   call_renderer_mib     at the end of each window: the proportional set size (PSS) of a
 *                         page's renderer process, the mean of the two people
 *   …_host, …_guest       the same for each person alone: the host's page is the
 *                         social worker's app, with more screens than the guest's
 *   …_settled             at the end of each block: the same mean, with the garbage
 *                         collected: every page and worker of both people calls `gc()`
 *                         every 2 s for 16 s, and each person's lowest reading counts;
 *                         one value a block
 *   …_meet                the same in the Meet yardstick
 *
 * The app is served for this group alone (`freshApp`): its host comes to the call from a
 * list of this group's consultations, as a worker with a day's list does, not from every
 * consultation the groups before made.
 */
import type { Browser, CDPSession, Page } from '@playwright/test';
import type { BenchContext } from './context';
import type { FigureGroup, Recorder } from './framework';
import { oneToOneCall, type Person } from './journeys';
import {
  browserProcesses,
  busiestRenderer,
  cpuByProcessType,
  memoryOf,
  settledPss,
  type BrowserProcess,
} from './process-memory';
import { meetCall, startMeetReference, type MeetReference } from './meet-reference';
import { inboundVideo, type InboundVideo, type ProbeOptions } from './probe';

const CAMERA_FPS = 20;
const PROBE: ProbeOptions = { frames: false, watches: [] };

interface Sample {
  wall: number;
  cpuSeconds: number;
  heapBytes: number;
  pssMiB: number;
  /** CPU seconds per kind of process of this person's browser (GPU, browser, renderer …). */
  processCpu: Map<string, number>;
  streams: Map<string, InboundVideo['streams'][number]>;
  layers: InboundVideo['layers'];
  sources: InboundVideo['sources'];
}

interface Side {
  page: Page;
  cdp: CDPSession;
  browserCdp: CDPSession;
  side: string;
}

function rendererPss(processes: BrowserProcess[]): number {
  const renderer = busiestRenderer(processes);
  return renderer === undefined ? Number.NaN : memoryOf(renderer).pssMiB;
}

async function sample({ page, cdp, browserCdp, side }: Side): Promise<Sample> {
  const [{ metrics }, video, processes] = await Promise.all([
    cdp.send('Performance.getMetrics'),
    inboundVideo(page),
    browserProcesses(browserCdp),
  ]);
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  return {
    wall: Date.now(),
    cpuSeconds: metric('ProcessTime'),
    heapBytes: metric('JSHeapUsedSize'),
    pssMiB: rendererPss(processes),
    processCpu: cpuByProcessType(processes),
    streams: new Map(video.streams.map((stream) => [`${side}:${stream.id}`, stream])),
    layers: video.layers,
    sources: video.sources,
  };
}

interface Totals {
  cpuPercent: number;
  mpx: number;
  windows: number;
  last: string;
}

/** Holds the call for `windows` windows and records each one under `suffix`. */
async function measureWindows(
  bench: BenchContext,
  people: [Person, Person],
  browsers: [Browser, Browser],
  windows: number,
  suffix: '' | '_meet',
  record: Recorder,
  totals: Totals,
): Promise<void> {
  const sides: Side[] = await Promise.all(
    people.map(async ({ page }, index) => {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const browserCdp = await (browsers[index] as Browser).newBrowserCDPSession();
      return { page, cdp, browserCdp, side: index === 0 ? 'host' : 'guest' };
    }),
  );
  const sampleAll = () => Promise.all(sides.map(sample));
  // Let simulcast and bandwidth estimation settle before the first window.
  await people[0].page.waitForTimeout(5000);
  const windowMs = (bench.options.callSeconds * 1000) / bench.options.runs;
  let previous = await sampleAll();
  for (let run = 0; run < windows; run += 1) {
    await people[0].page.waitForTimeout(windowMs);
    const current = await sampleAll();
    let cpuPercent = 0;
    let megapixelsPerSecond = 0;
    let freezes = 0;
    const decoded: string[] = [];
    const sent: string[] = [];
    const sources: string[] = [];
    // The browsers' other processes (the GPU process composites the pictures): their CPU is
    // not in the figure, which counts the renderers, but it competes for the same cores.
    const processes = new Map<string, number>();
    current.forEach((now, index) => {
      const then = previous[index];
      if (!then) return;
      const seconds = (now.wall - then.wall) / 1000;
      const side = sides[index]?.side;
      for (const layer of now.layers) {
        const earlier = then.layers.find((other) => other.id === layer.id);
        const frames = layer.framesEncoded - (earlier?.framesEncoded ?? layer.framesEncoded);
        if (frames > 0)
          sent.push(
            `${side} ${layer.size}@${Math.round(frames / seconds)}` +
              (layer.limitedBy && layer.limitedBy !== 'none' ? ` (${layer.limitedBy})` : ''),
          );
      }
      for (const [type, cpuSeconds] of now.processCpu) {
        const used = cpuSeconds - (then.processCpu.get(type) ?? cpuSeconds);
        processes.set(type, (processes.get(type) ?? 0) + (used / seconds) * 100);
      }
      for (const source of now.sources) {
        const earlier = then.sources.find((other) => other.id === source.id);
        const frames = source.frames - (earlier?.frames ?? source.frames);
        if (frames > 0) sources.push(`${side} ${Math.round(frames / seconds)}`);
      }
      cpuPercent += ((now.cpuSeconds - then.cpuSeconds) / seconds) * 100;
      for (const [id, stream] of now.streams) {
        const earlier = then.streams.get(id);
        if (!earlier) continue;
        const frames = stream.framesDecoded - earlier.framesDecoded;
        megapixelsPerSecond += (frames * stream.pixels) / 1e6 / seconds;
        const froze = stream.freezeCount - earlier.freezeCount;
        if (frames > 0)
          decoded.push(
            `${side} ${stream.size}@${Math.round(frames / seconds)}` +
              (froze > 0 ? ` (${froze} freezes)` : ''),
          );
        freezes += froze;
      }
    });
    if (megapixelsPerSecond > 0)
      record.value(`call_cpu_pct_per_mpx${suffix}`, cpuPercent / megapixelsPerSecond);
    else record.failed(`call_cpu_pct_per_mpx${suffix}`, 'no video decoded in the window');
    record.value(`call_freezes${suffix}`, freezes);
    const [hostPss, guestPss] = [current[0]!.pssMiB, current[1]!.pssMiB];
    record.value(`call_renderer_mib${suffix}`, (hostPss + guestPss) / 2);
    record.value(`call_renderer_mib_host${suffix}`, hostPss);
    record.value(`call_renderer_mib_guest${suffix}`, guestPss);
    // Which streams were decoded and which layers sent, at what size and rate, and what
    // limited a layer: a window that decodes more pixels than the call sends (a stream
    // twice, a larger layer) or fewer frames than the camera gives shows here.
    bench.progress(
      `    window ${run + 1}: ${megapixelsPerSecond.toFixed(2)} Mpx/s decoded ` +
        `(${decoded.join(', ')}); sent ${sent.join(', ')}; ` +
        `the cameras gave ${sources.join(', ')} frames a second; both browsers' processes ` +
        [...processes].map(([type, percent]) => `${type} ${percent.toFixed(0)} %`).join(', '),
    );
    totals.cpuPercent += cpuPercent;
    totals.mpx += megapixelsPerSecond;
    totals.windows += 1;
    const each = (value: (s: Sample) => number) =>
      current.map((s) => value(s).toFixed(1)).join(' / ');
    totals.last =
      `JS heap host / guest ${each((s) => s.heapBytes / 2 ** 20)} MiB, ` +
      `renderer PSS ${each((s) => s.pssMiB)} MiB`;
    previous = current;
  }
}

export const callLoad: FigureGroup<BenchContext> = {
  title: `1:1 call load (640x360, ${CAMERA_FPS} fps, E2EE), the app against Meet`,
  figures: [
    { name: 'call_cpu_pct_per_mpx', unit: '% per Mpx/s', digits: 1 },
    { name: 'call_freezes', unit: 'freezes', total: true },
    { name: 'call_renderer_mib', unit: 'MiB', digits: 1 },
    { name: 'call_renderer_mib_host', unit: 'MiB', digits: 1 },
    { name: 'call_renderer_mib_guest', unit: 'MiB', digits: 1 },
    { name: 'call_renderer_mib_settled', unit: 'MiB', digits: 1 },
    { name: 'call_cpu_pct_per_mpx_meet', unit: '% per Mpx/s', digits: 1 },
    { name: 'call_freezes_meet', unit: 'freezes', total: true },
    { name: 'call_renderer_mib_meet', unit: 'MiB', digits: 1 },
    { name: 'call_renderer_mib_host_meet', unit: 'MiB', digits: 1 },
    { name: 'call_renderer_mib_guest_meet', unit: 'MiB', digits: 1 },
    { name: 'call_renderer_mib_settled_meet', unit: 'MiB', digits: 1 },
  ],
  async measure(bench, record) {
    // An app of its own: its host's list holds this group's consultations only, not every
    // one the groups before made (context.ts, `freshApp`).
    const app = await bench.freshApp();
    bench.progress('building the Meet yardstick …');
    const reference: MeetReference = await startMeetReference();
    const { runs, block } = bench.options;
    const totals = {
      '': { cpuPercent: 0, mpx: 0, windows: 0, last: '' },
      _meet: { cpuPercent: 0, mpx: 0, windows: 0, last: '' },
    };
    try {
      for (let done = 0; done < runs; done += block) {
        const windows = Math.min(block, runs - done);
        for (const suffix of ['', '_meet'] as const) {
          bench.progress(
            `  ${suffix ? 'Meet' : 'the app'}: windows ${done + 1}–${done + windows} of ${runs}`,
          );
          const browsers: [Browser, Browser] = [
            // The app's host stands in for the desktop window; Meet is a web page.
            await bench.launch({ cameraFps: CAMERA_FPS, exposeGc: true, desktop: !suffix }),
            await bench.launch({ cameraFps: CAMERA_FPS, exposeGc: true }),
          ];
          // A consultation of its own per block (the journeys find one by its label), so no
          // block's call room still holds the people of an earlier one.
          const { host, guest } = suffix
            ? await meetCall(
                reference,
                bench.livekit,
                browsers,
                PROBE,
                bench.options.meetCodec,
                bench.options.meetWay,
              )
            : await oneToOneCall(browsers[0], browsers[1], app.appUrl, `Last ${done + 1}`, PROBE);
          await measureWindows(
            bench,
            [host, guest],
            browsers,
            windows,
            suffix,
            record,
            totals[suffix],
          );
          const renderers = await Promise.all(
            browsers.map(async (browser) =>
              busiestRenderer(await browserProcesses(await browser.newBrowserCDPSession())),
            ),
          );
          const [hostPss = Number.NaN, guestPss = Number.NaN] = renderers.every(
            (renderer) => renderer !== undefined,
          )
            ? await settledPss([host.page, guest.page], renderers)
            : [];
          record.value(`call_renderer_mib_settled${suffix}`, (hostPss + guestPss) / 2);
          record.note(
            `call_renderer_mib_settled${suffix}`,
            `windows ${done + 1}–${done + windows}: host ${hostPss.toFixed(1)}, guest ${guestPss.toFixed(1)} MiB`,
          );
          await Promise.all(browsers.map((browser) => browser.close()));
        }
      }
    } finally {
      await reference.close();
    }
    for (const suffix of ['', '_meet'] as const) {
      const { cpuPercent, mpx, windows, last } = totals[suffix];
      if (windows === 0) continue;
      record.note(
        `call_cpu_pct_per_mpx${suffix}`,
        `both renderers: ${(cpuPercent / windows).toFixed(1)} % of one core on average, ` +
          `${(mpx / windows).toFixed(2)} Mpx/s decoded; at the end: ${last}`,
      );
    }
  },
};
