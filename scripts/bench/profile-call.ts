/// <reference lib="dom" />
/**
 * `npm run bench:profile`: where a 1:1 call's CPU and memory go, for one side (the guest's
 * page; `--side=host` for the other). Not a figure: a report to act on.
 *
 * Both pages run in their own Chromium with the fake camera at 20 fps (the app captures
 * 640x360) and the microphone, end-to-end encrypted. After a settling time it measures for
 * `--seconds` (20):
 *
 *   - every process of that Chromium (CDP SystemInfo): renderer, GPU, capture, audio …
 *   - every thread of the page's renderer process (Linux /proc: CPU time by thread name):
 *     the main thread, the E2EE worker, WebRTC's encoder and decoder threads, the compositor
 *   - the main thread's JavaScript by bundle file and by function (CDP sampling profiler)
 *   - React commits per second (a stand-in DevTools hook counts them)
 *   - memory: JS heap after a collection, the renderer's PSS and RSS, DOM counters
 */
import type { CDPSession, Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { memoryOf } from './process-memory';
import { oneToOneCall } from './journeys';
import { buildPlainWebPage } from './plain-build';
import { probeState } from './probe';
import { runReport, withReportStage, type ReportStage } from './report-stage';

const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [key = '', value = ''] = arg.replace(/^--/, '').split('=', 2);
    return [key, value];
  }),
);
const seconds = Number(args.get('seconds') || 20);
const side = args.get('side') === 'host' ? 'host' : 'guest';
const CAMERA_FPS = 20;
const CLOCK_TICKS = 100; // USER_HZ on Linux

const out = (line = '') => process.stdout.write(`${line}\n`);
const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`;

/** CPU seconds per thread name of one process. */
function threadTimes(pid: number): Map<string, number> {
  const times = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      times.set(name, (times.get(name) ?? 0) + ticks / CLOCK_TICKS);
    } catch {
      // The thread ended between listing and reading.
    }
  }
  return times;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

function fileOf(url: string): string {
  if (!url) return '(native or idle)';
  const name = new URL(url).pathname.split('/').pop() ?? url;
  return name.replace(/-[A-Za-z0-9_-]{8}\.js$/, '.js');
}

// `--plain`: the diagnostic build without encryption (scripts/bench/plain-build.ts), to
// see what end-to-end encryption itself costs.
const plain = args.has('plain');

async function report({ appUrl, hostBrowser, guestBrowser }: ReportStage): Promise<void> {
  for (const browser of [hostBrowser, guestBrowser])
    browser.on('disconnected', () => out('# a browser went away'));
  const call = await oneToOneCall(hostBrowser, guestBrowser, appUrl, 'Profil', {
    frames: false,
    watches: [],
    reactCommits: true,
  });
  const person = side === 'host' ? call.host : call.guest;
  const browser = side === 'host' ? hostBrowser : guestBrowser;
  const page: Page = person.page;
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const browserCdp = await browser.newBrowserCDPSession();
  await cdp.send('Performance.enable');

  out(
    `# ${side}'s side of a 1:1 call, ${CAMERA_FPS} fps fake camera, ` +
      `${plain ? 'WITHOUT encryption (diagnostic build)' : 'E2EE'}; ${seconds} s`,
  );
  await page.waitForTimeout(8000); // simulcast layers and bandwidth estimation settle

  const processes = async () =>
    (await browserCdp.send('SystemInfo.getProcessInfo')).processInfo as {
      type: string;
      id: number;
      cpuTime: number;
    }[];
  const before = await processes();
  const threadsBefore = new Map(
    before.filter((p) => p.type === 'renderer').map((p) => [p.id, threadTimes(p.id)]),
  );
  const metricsBefore = (await cdp.send('Performance.getMetrics')).metrics;
  // Frames decoded and encoded per stream, with the size each stream has now.
  const stats = async () =>
    page.evaluate(async () => {
      const streams: Record<string, { frames: number; pixels: number; sent: boolean }> = {};
      for (const pc of window.__benchPeerConnections) {
        if (pc.connectionState === 'closed') continue;
        (await pc.getStats()).forEach(
          (r: {
            id: string;
            type: string;
            kind?: string;
            framesDecoded?: number;
            framesEncoded?: number;
            frameWidth?: number;
            frameHeight?: number;
          }) => {
            if (r.kind !== 'video' || (r.type !== 'inbound-rtp' && r.type !== 'outbound-rtp'))
              return;
            const sent = r.type === 'outbound-rtp';
            streams[r.id] = {
              frames: (sent ? r.framesEncoded : r.framesDecoded) ?? 0,
              pixels: (r.frameWidth ?? 0) * (r.frameHeight ?? 0),
              sent,
            };
          },
        );
      }
      return streams;
    });
  const megapixelsPerSecond = (
    then: Awaited<ReturnType<typeof stats>>,
    now: Awaited<ReturnType<typeof stats>>,
    sent: boolean,
  ) =>
    Object.entries(now)
      .filter(([, stream]) => stream.sent === sent)
      .reduce((sum, [id, stream]) => {
        const before = then[id];
        return before ? sum + ((stream.frames - before.frames) * stream.pixels) / 1e6 : sum;
      }, 0) / wall;
  const pixelsBefore = await stats();
  const commitsBefore = (await probeState(page)).reactCommits;
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  const started = Date.now();
  await page.waitForTimeout(seconds * 1000);
  const { profile } = (await cdp.send('Profiler.stop')) as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  const wall = (Date.now() - started) / 1000;
  const after = await processes();
  const metricsAfter = (await cdp.send('Performance.getMetrics')).metrics;
  const pixelsAfter = await stats();
  const commits = (await probeState(page)).reactCommits - commitsBefore;

  // Processes of this Chromium.
  out('\n## processes (CPU % of one core)');
  const cpuOf = (list: typeof before, id: number) => list.find((p) => p.id === id)?.cpuTime ?? 0;
  let pageRenderer = 0;
  let busiest = -1;
  for (const p of after) {
    const used = (p.cpuTime - cpuOf(before, p.id)) / wall;
    if (p.type === 'renderer' && used > busiest) {
      busiest = used;
      pageRenderer = p.id;
    }
    if (used > 0.005) out(`${p.type.padEnd(40)} ${(100 * used).toFixed(1)} %`);
  }

  // Threads of the page's renderer.
  const rendererCpu = busiest * wall;
  out(`\n## threads of the page's renderer (share of its ${(100 * busiest).toFixed(1)} %)`);
  const threadsAfter = threadTimes(pageRenderer);
  const threadsStart = threadsBefore.get(pageRenderer) ?? new Map<string, number>();
  [...threadsAfter]
    .map(([name, time]) => [name, time - (threadsStart.get(name) ?? 0)] as const)
    .filter(([, time]) => time > 0.01)
    .sort((a, b) => b[1] - a[1])
    .forEach(([name, time]) =>
      out(`${name.padEnd(20)} ${(time / wall).toFixed(3)} s/s  ${pct(time, rendererCpu)}`),
    );

  // Main-thread JavaScript.
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfTime = new Map<number, number>();
  profile.samples.forEach((id, index) =>
    selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000),
  );
  const byFile = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  for (const [id, ms] of selfTime) {
    const node = byNode.get(id);
    if (!node) continue;
    const { functionName, url } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') {
      byFile.set(functionName, (byFile.get(functionName) ?? 0) + ms);
      continue;
    }
    busy += ms;
    const file = url ? fileOf(url) : functionName;
    byFile.set(file, (byFile.get(file) ?? 0) + ms);
    const key = `${functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
  }
  out(
    `\n## main thread JavaScript, by file (ms per second of call; busy ${(busy / wall).toFixed(1)} ms/s)`,
  );
  [...byFile]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .forEach(([file, ms]) => out(`${file.padEnd(40)} ${(ms / wall).toFixed(1)} ms/s`));
  out('\n## main thread JavaScript, top functions (self time)');
  [...byFunction]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 20)
    .forEach(([name, ms]) => out(`${(ms / wall).toFixed(2).padStart(6)} ms/s  ${name}`));

  const metric = (list: typeof metricsAfter, name: string) =>
    list.find((m) => m.name === name)?.value ?? 0;
  out('\n## main thread (CDP Performance metrics, ms per second of call)');
  for (const name of [
    'TaskDuration',
    'ScriptDuration',
    'LayoutDuration',
    'RecalcStyleDuration',
    'ThreadTime',
  ])
    out(
      `${name.padEnd(22)} ${((1000 * (metric(metricsAfter, name) - metric(metricsBefore, name))) / wall).toFixed(1)}`,
    );
  out(
    `${'LayoutCount'.padEnd(22)} ${((metric(metricsAfter, 'LayoutCount') - metric(metricsBefore, 'LayoutCount')) / wall).toFixed(1)} per s`,
  );
  out(
    `${'RecalcStyleCount'.padEnd(22)} ${((metric(metricsAfter, 'RecalcStyleCount') - metric(metricsBefore, 'RecalcStyleCount')) / wall).toFixed(1)} per s`,
  );

  out(
    `React commits: ${(commits / wall).toFixed(1)} per s in the call ` +
      `(${(await probeState(page)).reactCommits} since the page loaded)`,
  );

  out('\n## video');
  out(
    `decoded ${megapixelsPerSecond(pixelsBefore, pixelsAfter, false).toFixed(2)} Mpx/s, ` +
      `encoded ${megapixelsPerSecond(pixelsBefore, pixelsAfter, true).toFixed(2)} Mpx/s ` +
      '(all simulcast layers)',
  );

  out('\n## memory');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Performance.getMetrics')).metrics;
  const dom = await cdp.send('Memory.getDOMCounters');
  const { pssMiB, rssMiB } = memoryOf(pageRenderer);
  out(`renderer PSS ${pssMiB.toFixed(1)} MiB, RSS ${rssMiB.toFixed(1)} MiB`);
  out(
    `JS heap used after GC ${(metric(heap, 'JSHeapUsedSize') / 2 ** 20).toFixed(1)} MiB ` +
      `of ${(metric(heap, 'JSHeapTotalSize') / 2 ** 20).toFixed(1)} MiB`,
  );
  out(`DOM: ${dom.documents} documents, ${dom.nodes} nodes, ${dom.jsEventListeners} listeners`);
  const workers = page.workers().map((worker) => fileOf(worker.url()));
  out(`workers alive: ${workers.length} (${workers.join(', ')})`);
  for (const p of after)
    if (p.type !== 'renderer' || p.id === pageRenderer)
      try {
        out(`${p.type.padEnd(40)} PSS ${memoryOf(p.id).pssMiB.toFixed(1)} MiB`);
      } catch {
        // Not ours to read.
      }
}

runReport(() =>
  withReportStage(report, {
    staticRoot: plain ? buildPlainWebPage() : undefined,
    cameraFps: CAMERA_FPS,
  }),
);
