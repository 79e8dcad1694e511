/// <reference lib="dom" />
/**
 * `npm run bench:repro-frame-garbage`: the minimal reproduction behind
 * docs/upstream/chromium-encoded-frame-garbage.md. A page with no LiveKit and no app code
 * (scripts/bench/renderer/frame-garbage-repro) sends its camera (640x360, 20 fps) and
 * microphone to itself through two peer connections, with an encoded transform in a worker
 * or without. For each case it prints how the page's renderer memory (PSS) grows over 30 s,
 * and what it is once the page and its worker have collected their garbage (`settledPss`). Not a figure: evidence for the report.
 */
import { chromium, type Browser } from '@playwright/test';
import { startBenchPage } from './bench-page';
import { chromiumArgsWithCameraAt, chromiumPath } from '../chromium';
import {
  browserProcesses,
  EXPOSE_GC_ARG,
  memoryOf,
  settledPss,
  type BrowserProcess,
} from './process-memory';

const CASES = [
  { transform: 'none', api: 'streams' },
  { transform: 'pass', api: 'streams' },
  { transform: 'copy', api: 'streams' },
  { transform: 'pass', api: 'script' },
  { transform: 'copy', api: 'script' },
] as const;
const WINDOW_MS = 3000;
const WINDOWS = 10;

const out = (line: string) => process.stdout.write(`${line}\n`);

declare global {
  interface Window {
    garbageReproReady?: boolean;
    garbageReproError?: string;
  }
}

/** The page's renderer: of this browser's renderers, the one that used the most CPU since `before`. */
function pageRenderer(before: BrowserProcess[], after: BrowserProcess[]): number | undefined {
  const used = (process: BrowserProcess) =>
    process.cpuTime - (before.find((earlier) => earlier.id === process.id)?.cpuTime ?? 0);
  return after.filter((process) => process.type === 'renderer').sort((a, b) => used(b) - used(a))[0]
    ?.id;
}

async function measure(browser: Browser, origin: string, transform: string, api: string) {
  const page = await browser.newPage();
  await page.goto(`${origin}/#transform=${transform}&api=${api}`);
  await page.waitForFunction(() => window.garbageReproReady || window.garbageReproError);
  const error = await page.evaluate(() => window.garbageReproError);
  if (error) throw new Error(`${transform}/${api}: ${error}`);
  const cdp = await browser.newBrowserCDPSession();
  const before = await browserProcesses(cdp);
  // Every renderer's PSS, every window; which one is the page's is known only afterwards,
  // by the CPU it used (a spare renderer uses next to none).
  const pssByRenderer = new Map<number, number[]>();
  for (let window = 0; window < WINDOWS; window += 1) {
    await page.waitForTimeout(WINDOW_MS);
    for (const { id, type } of await browserProcesses(cdp)) {
      if (type !== 'renderer') continue;
      pssByRenderer.set(id, [...(pssByRenderer.get(id) ?? []), memoryOf(id).pssMiB]);
    }
  }
  const pid = pageRenderer(before, await browserProcesses(cdp));
  const readings = pid === undefined ? undefined : pssByRenderer.get(pid);
  if (pid === undefined || readings?.length !== WINDOWS) throw new Error('no renderer process');
  const [settled = Number.NaN] = await settledPss([page], [pid]);
  const frames = await page.evaluate(
    () => document.querySelector('video')?.getVideoPlaybackQuality().totalVideoFrames ?? 0,
  );
  const first = readings[0] ?? Number.NaN;
  const last = readings.at(-1) ?? Number.NaN;
  out(
    `${transform.padEnd(4)} ${api.padEnd(7)} PSS every 3 s ${readings.map((r) => r.toFixed(1)).join(' ')} MiB ` +
      `(${((last - first) / (WINDOWS - 1)).toFixed(1)} MiB a window); ` +
      `garbage collected ${settled.toFixed(1)} MiB; ${frames} frames shown`,
  );
}

async function main(): Promise<void> {
  const page = await startBenchPage('frame-garbage-repro');
  try {
    for (const { transform, api } of CASES) {
      // A browser per case, so no case inherits another's heap.
      const browser = await chromium.launch({
        executablePath: chromiumPath,
        args: [...chromiumArgsWithCameraAt(20), EXPOSE_GC_ARG],
      });
      try {
        await measure(browser, page.origin, transform, api);
      } finally {
        await browser.close();
      }
    }
  } finally {
    await page.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
