/** A process's memory as Linux counts it (/proc/<pid>/smaps_rollup), for the bench. */
import type { CDPSession, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

export function memoryOf(pid: number): {
  pssMiB: number;
  /** The anonymous part of the PSS: the heaps, not the binary's pages or shared memory. */
  anonymousMiB: number;
  rssMiB: number;
  privateMiB: number;
} {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(rollup)?.[1]);
  return {
    pssMiB: kib('Pss') / 1024,
    anonymousMiB: kib('Pss_Anon') / 1024,
    rssMiB: kib('Rss') / 1024,
    privateMiB: (kib('Private_Clean') + kib('Private_Dirty')) / 1024,
  };
}

export interface BrowserProcess {
  type: string;
  id: number;
  /** CPU seconds used so far. */
  cpuTime: number;
}

/** Every process of one browser (browser, GPU, renderers, utilities), as CDP lists them. */
export async function browserProcesses(browserCdp: CDPSession): Promise<BrowserProcess[]> {
  const { processInfo } = (await browserCdp.send('SystemInfo.getProcessInfo')) as {
    processInfo: BrowserProcess[];
  };
  return processInfo;
}

/**
 * The process id of a page's renderer in a running call. Each person in a bench call has a
 * browser of their own, and once a call runs its page is that browser's busiest renderer.
 * Not before: a browser's first renderer (the one that started up with it) has used more
 * CPU than a page on the consultations list or the device check; use `rendererOfPage`.
 */
export function busiestRenderer(processes: BrowserProcess[]): number | undefined {
  return processes
    .filter((process) => process.type === 'renderer')
    .sort((a, b) => b.cpuTime - a.cpuTime)[0]?.id;
}

/** The renderer whose CPU time grew most between two listings of a browser's processes. */
export function rendererThatWorked(
  before: BrowserProcess[],
  after: BrowserProcess[],
): number | undefined {
  const earlier = new Map(before.map((process) => [process.id, process.cpuTime]));
  return after
    .filter((process) => process.type === 'renderer')
    .map((process) => ({ id: process.id, grew: process.cpuTime - (earlier.get(process.id) ?? 0) }))
    .sort((a, b) => b.grew - a.grew)[0]?.id;
}

/**
 * The renderer process of `page`, at any step (CDP does not say which process runs a page):
 * the page computes for 300 ms, and the renderer that used that CPU is its.
 */
export async function rendererOfPage(
  page: Page,
  browserCdp: CDPSession,
): Promise<number | undefined> {
  const before = await browserProcesses(browserCdp);
  await page.evaluate(() => {
    const end = performance.now() + 300;
    while (performance.now() < end);
  });
  return rendererThatWorked(before, await browserProcesses(browserCdp));
}

/** CPU seconds each kind of process has used so far (renderer, GPU, browser …). */
export function cpuByProcessType(processes: BrowserProcess[]): Map<string, number> {
  const byType = new Map<string, number>();
  for (const process of processes)
    byType.set(process.type, (byType.get(process.type) ?? 0) + process.cpuTime);
  return byType;
}

/** Chromium's switch that gives every page and worker a `gc()`, which `settledPss` needs. */
export const EXPOSE_GC_ARG = '--js-flags=--expose-gc';

const SETTLE_ROUNDS = 8;

/**
 * Each page's renderer PSS with the garbage collected (`renderers[i]` is the process of
 * `pages[i]`, its browser launched with `EXPOSE_GC_ARG`). The encoded frames
 * that pass through an E2EE worker, and the buffers made for each, are freed only at that
 * worker's full collection, every 10 to 30 s (Chromium's doing:
 * `npm run bench:repro-frame-garbage`). So the PSS rises by about 5 MiB every 3 s and falls
 * at that collection, and a single reading says as much about where in that cycle it falls
 * as about what the page holds. One `gc()` is not enough either: the freed memory goes back
 * to the system in steps over the next seconds. So the pages and their workers collect
 * every 2 s, and each page's lowest reading counts.
 */
export async function settledPss(
  pages: readonly Page[],
  renderers: readonly number[],
): Promise<number[]> {
  const collect = () => (globalThis as unknown as { gc(): void }).gc();
  const lowest = pages.map(() => Number.POSITIVE_INFINITY);
  for (let round = 0; round < SETTLE_ROUNDS; round += 1) {
    await Promise.all(
      pages.map(async (page) => {
        await page.evaluate(collect);
        // A worker may end while this runs (the waiting room's, say): it holds nothing then.
        await Promise.all(page.workers().map((worker) => worker.evaluate(collect).catch(() => {})));
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 2000));
    renderers.forEach((renderer, index) => {
      const reading = memoryOf(renderer).pssMiB;
      lowest[index] = Math.min(lowest[index] ?? reading, reading);
    });
  }
  return lowest;
}

/** One memory-infra event of a trace: a process's allocator dumps, sizes in hex bytes. */
interface MemoryDumpEvent {
  ph: string;
  pid: number;
  args?: { dumps?: { allocators?: Record<string, { attrs?: Record<string, { value: string }> }> } };
}

/**
 * Chromium's own accounting by allocator (memory-infra), every process of one browser. The
 * dump is the deterministic kind, which collects every heap first. It also gives memory
 * back: in a running call each one left the renderer's anonymous memory 4 to 5 MiB lower
 * (README, "the call's memory over five minutes").
 */
export async function memoryInfraDump(browserCdp: CDPSession): Promise<MemoryDumpEvent[]> {
  const complete = new Promise<string | undefined>((resolve) =>
    browserCdp.once('Tracing.tracingComplete', ({ stream }) => resolve(stream)),
  );
  await browserCdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: { includedCategories: ['disabled-by-default-memory-infra'] },
  });
  await browserCdp.send('Tracing.requestMemoryDump', {
    deterministic: true,
    levelOfDetail: 'detailed',
  });
  await browserCdp.send('Tracing.end');
  const stream = await complete;
  if (!stream) return [];
  let text = '';
  for (;;) {
    const chunk = await browserCdp.send('IO.read', { handle: stream });
    text += chunk.data;
    if (chunk.eof) break;
  }
  await browserCdp.send('IO.close', { handle: stream });
  return (JSON.parse(text) as { traceEvents: MemoryDumpEvent[] }).traceEvents.filter(
    (event) => event.ph === 'v',
  );
}

/** From `memoryInfraDump`: one process's allocators, two levels deep, in MiB, largest first. */
export function allocatorSizes(events: MemoryDumpEvent[], pid: number): [string, number][] {
  const sizes = new Map<string, number>();
  for (const event of events) {
    if (event.pid !== pid) continue;
    for (const [name, dump] of Object.entries(event.args?.dumps?.allocators ?? {})) {
      const size = dump.attrs?.size?.value;
      // Two levels (`cc/tile_memory`, `v8/main`): enough to say where, not a full tree.
      if (size && name.split('/').length <= 2) sizes.set(name, parseInt(size, 16) / 2 ** 20);
    }
  }
  return [...sizes].sort((a, b) => b[1] - a[1]);
}
