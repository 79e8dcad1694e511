/// <reference lib="dom" />
/**
 * Figures for presenting a PDF, as functions the `npm run bench` runner calls once a
 * presenter and a viewer are in a call (cameras and microphones off, so the figure is the
 * presentation's own cost):
 *
 *   pdf_share_first_page_ms  the presenter picks a 1 MB, 20-page PDF → the viewer shows
 *                            page 1 (target ≤ 500 ms): opening and rendering until
 *                            "Ja, allen zeigen" is ready, plus that click → page 1 drawn
 *                            at the viewer
 *   pdf_next_page_ms         "Weiter" → the viewer shows that page (target ≤ 150 ms); its
 *                            preview counts, as it shows the new page
 *   pdf_next_page_sharp_ms   the same click → the viewer shows the page's sharp image
 *   pdf_idle_cpu_pct         the viewer's renderer CPU while a page stands still
 *                            (target ≤ 2 %)
 *
 * "Shows" means drawn: the page's own colour band is on the viewer's canvas, read back
 * from its pixels. Run alone (`npx tsx scripts/bench-present.ts`) it measures on the
 * presentation test page, two tabs joined by a BroadcastChannel instead of a call: the
 * rendering and drawing part of the figures, without the network and the sealing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { createStaticFiles } from '../src-main/browser-mode/static-files';
import { contentSecurityPolicy } from '../src-main/services/content-security-policy';
import { handoutPdf, pageColours } from './test-pdfs';
import { chromiumArgs, chromiumPath } from './chromium';
import { projectRoot } from './local-livekit';

const BENCH_FILE_NAME = 'Infomappe Schuldnerberatung.pdf';

/** About 1 MB and 20 pages: a coloured band, text and a photo-like picture on each page. */
export async function benchPdf(): Promise<Uint8Array> {
  return handoutPdf({ pages: 20, noisePerPage: 1, noiseSide: 186 });
}

/** Writes the bench PDF to a file, as a person would pick it from disk. */
export async function benchPdfFile(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'augenhoehe-bench-')), BENCH_FILE_NAME);
  writeFileSync(path, await benchPdf());
  return path;
}

/*
 * Times are taken inside the pages (epoch milliseconds: the pages share the machine's
 * clock), not around Playwright's calls: its click waits for the button to be stable and
 * hit-testable first, which on a busy presenter page took up to a second before the click
 * even happened. A click counts from its event's own time stamp, so a busy page's delay
 * in handling it is still part of the figure.
 */

/** Starts noting the time of each click and file choice on this page (once per page). */
async function noteEvents(page: Page): Promise<void> {
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  await page.evaluate(() => {
    const notes = window as unknown as { benchEvents?: Record<string, number> };
    if (notes.benchEvents) return;
    const events: Record<string, number> = {};
    notes.benchEvents = events;
    document.addEventListener(
      'click',
      (event) => {
        const button = (event.target as Element | null)?.closest('button');
        if (button)
          events[`click:${button.textContent?.trim() ?? ''}`] =
            performance.timeOrigin + event.timeStamp;
      },
      true,
    );
    document.addEventListener(
      'change',
      (event) => (events.change = performance.timeOrigin + event.timeStamp),
      true,
    );
  });
}

async function eventTime(page: Page, key: string): Promise<number> {
  const time = await page.evaluate(
    (key) => (window as unknown as { benchEvents?: Record<string, number> }).benchEvents?.[key],
    key,
  );
  if (time === undefined) throw new Error(`no ${key} event was seen`);
  return time;
}

/** When the viewer's canvas for page n first carried page n's colour (epoch ms). */
async function viewerShows(viewer: Page, page: number): Promise<number> {
  const colour = pageColours[(page - 1) % pageColours.length] ?? pageColours[0];
  const shown = await viewer.waitForFunction(
    ({ label, colour }) => {
      const canvas = [...document.querySelectorAll('canvas[role="img"]')].find((c) =>
        c.getAttribute('aria-label')?.startsWith(label),
      ) as HTMLCanvasElement | undefined;
      if (!canvas) return false;
      // Copied out through a canvas of its own: the page's canvas may have no 2D context
      // (a bitmap renderer), and reading it directly could change how it is drawn.
      const probe = document.createElement('canvas');
      probe.width = probe.height = 1;
      const context = probe.getContext('2d', { willReadFrequently: true });
      if (!context) return false;
      context.drawImage(
        canvas,
        Math.floor(canvas.width / 2),
        Math.floor(canvas.height * 0.15),
        1,
        1,
        0,
        0,
        1,
        1,
      );
      const pixel = context.getImageData(0, 0, 1, 1).data;
      const [r = 0, g = 0, b = 0] = pixel;
      const near = Math.abs(r - colour.r) + Math.abs(g - colour.g) + Math.abs(b - colour.b) < 40;
      return near && performance.timeOrigin + performance.now();
    },
    { label: `Seite ${page} von`, colour },
    { polling: 5, timeout: 60_000 },
  );
  return (await shown.jsonValue()) as number;
}

/**
 * The bench's A4 pages are sent 1600 px wide, their previews 560 (pdfLimits in the
 * renderer, which scripts do not import): a canvas wider than this holds the sharp image.
 */
const SHARP_MIN_WIDTH = 1000;

/** When the viewer's canvas for page n first held the sharp image, not the preview. */
async function viewerShowsSharp(viewer: Page, page: number): Promise<number> {
  const shown = await viewer.waitForFunction(
    ({ label, sharpWidth }) =>
      [...document.querySelectorAll('canvas[role="img"]')].some(
        (canvas) =>
          canvas.getAttribute('aria-label')?.startsWith(label) &&
          (canvas as HTMLCanvasElement).width > sharpWidth,
      ) && performance.timeOrigin + performance.now(),
    { label: `Seite ${page} von`, sharpWidth: SHARP_MIN_WIDTH },
    { polling: 5, timeout: 60_000 },
  );
  return (await shown.jsonValue()) as number;
}

export interface FirstPageTimes {
  /** The figure: the two parts below together. */
  total: number;
  /** The file chosen → "Ja, allen zeigen" enabled at the presenter. */
  question: number;
  /** That click → page 1 drawn at the viewer. */
  shown: number;
}

/**
 * pdf_share_first_page_ms: one run. The app's part of it: the file chosen → "Ja, allen
 * zeigen" ready (the file opened, page 1 prepared and shown to the presenter), plus that
 * click → page 1 drawn at the viewer. The presenter's own reading in between is not counted.
 */
export async function pdfShareFirstPageMs(
  presenter: Page,
  viewer: Page,
  pdfPath: string,
): Promise<FirstPageTimes> {
  await noteEvents(presenter);
  await presenter.getByRole('button', { name: 'PDF zeigen' }).click();
  await presenter.getByLabel(/^(PDF-Datei auswählen|Andere Datei wählen)$/).setInputFiles(pdfPath);
  const ready = await presenter.waitForFunction(
    () => {
      const agree = [...document.querySelectorAll('button')].find(
        (button) => button.textContent?.trim() === 'Ja, allen zeigen',
      );
      return agree && !agree.disabled && performance.timeOrigin + performance.now();
    },
    undefined,
    { polling: 5, timeout: 60_000 },
  );
  const readyAt = (await ready.jsonValue()) as number;
  const chosenAt = await eventTime(presenter, 'change');
  await presenter.getByRole('button', { name: 'Ja, allen zeigen' }).click();
  const drawnAt = await viewerShows(viewer, 1);
  const agreedAt = await eventTime(presenter, 'click:Ja, allen zeigen');
  const question = readyAt - chosenAt;
  const shown = drawnAt - agreedAt;
  return { total: question + shown, question, shown };
}

/**
 * pdf_next_page_ms and pdf_next_page_sharp_ms: "Weiter" from page 1 on, each until the
 * viewer has drawn that page, and until it has drawn its sharp image.
 */
export async function pdfNextPageMs(
  presenter: Page,
  viewer: Page,
  pages: number,
): Promise<{ shown: number[]; sharp: number[] }> {
  await noteEvents(presenter);
  const next = presenter.getByRole('button', { name: 'Weiter' });
  const times = { shown: [] as number[], sharp: [] as number[] };
  for (let page = 2; page <= pages; page += 1) {
    // As a person would: a moment on each page (the presenter prepares the next meanwhile).
    await presenter.waitForTimeout(500);
    await next.click();
    const shownAt = await viewerShows(viewer, page);
    const sharpAt = await viewerShowsSharp(viewer, page);
    const clickedAt = await eventTime(presenter, 'click:Weiter');
    times.shown.push(shownAt - clickedAt);
    times.sharp.push(sharpAt - clickedAt);
  }
  return times;
}

export interface IdleCpu {
  /** The viewer page's main thread, busy share (Chromium's TaskDuration). */
  mainThreadPct: number;
  /** All renderer processes of the viewer's browser; meaningful when it holds only the viewer. */
  rendererProcessesPct: number;
}

/** pdf_idle_cpu_pct: the viewer with a page standing still, over `seconds`. */
export async function pdfIdleCpuPct(
  viewer: Page,
  viewerBrowser: Browser,
  seconds = 10,
): Promise<IdleCpu> {
  const page = await viewer.context().newCDPSession(viewer);
  await page.send('Performance.enable');
  const browser = await viewerBrowser.newBrowserCDPSession();
  const taskSeconds = async () =>
    (await page.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')
      ?.value ?? 0;
  const rendererSeconds = async () => {
    const { processInfo } = (await browser.send('SystemInfo.getProcessInfo')) as {
      processInfo: { type: string; cpuTime: number }[];
    };
    return processInfo.filter((p) => p.type === 'renderer').reduce((sum, p) => sum + p.cpuTime, 0);
  };
  // Let the last page change settle first.
  await viewer.waitForTimeout(2000);
  const [task0, renderer0, wall0] = [await taskSeconds(), await rendererSeconds(), Date.now()];
  await viewer.waitForTimeout(seconds * 1000);
  const [task1, renderer1, wall1] = [await taskSeconds(), await rendererSeconds(), Date.now()];
  const wall = (wall1 - wall0) / 1000;
  await page.detach();
  await browser.detach();
  return {
    mainThreadPct: ((task1 - task0) / wall) * 100,
    rendererProcessesPct: ((renderer1 - renderer0) / wall) * 100,
  };
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** The figures on the presentation test page: two tabs, no call in between. */
async function onTestPage(): Promise<void> {
  const build = spawnSync(
    'npx',
    ['vite', 'build', '--config', 'tests/e2e/present-harness/vite.config.ts'],
    {
      cwd: projectRoot,
      stdio: 'inherit',
      env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    },
  );
  if (build.status !== 0) throw new Error('the presentation test page did not build');
  const files = createStaticFiles(join(projectRoot, 'out', 'present-harness'), () =>
    contentSecurityPolicy([]),
  );
  const server = createServer((request, response) => void files(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const pdfPath = await benchPdfFile();
    const firsts: number[] = [];
    const nexts: number[] = [];
    const sharps: number[] = [];
    let idle: IdleCpu | null = null;
    for (let run = 0; run < 5; run += 1) {
      const context = await browser.newContext();
      const presenter = await context.newPage();
      await presenter.goto(`${origin}/?as=berger`);
      const viewer = await context.newPage();
      await viewer.goto(`${origin}/?as=maria`);
      await viewer.getByRole('heading', { name: 'Maria' }).waitFor();
      firsts.push((await pdfShareFirstPageMs(presenter, viewer, pdfPath)).total);
      const { shown, sharp } = await pdfNextPageMs(presenter, viewer, 6);
      nexts.push(...shown);
      sharps.push(...sharp);
      if (run === 0) idle = await pdfIdleCpuPct(viewer, browser, 10);
      await context.close();
    }
    const line = (name: string, value: string) => process.stdout.write(`${name}: ${value}\n`);
    line(
      'pdf_share_first_page_ms',
      `${Math.round(median(firsts))} ms (n=${firsts.length}, test page)`,
    );
    line('pdf_next_page_ms', `${Math.round(median(nexts))} ms (n=${nexts.length}, test page)`);
    line(
      'pdf_next_page_sharp_ms',
      `${Math.round(median(sharps))} ms (n=${sharps.length}, test page)`,
    );
    if (idle)
      line(
        'pdf_idle_cpu_pct',
        `${idle.mainThreadPct.toFixed(2)} % main thread, ${idle.rendererProcessesPct.toFixed(2)} % all renderers of both tabs (test page)`,
      );
  } finally {
    await browser.close();
    server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  onTestPage().catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
}
