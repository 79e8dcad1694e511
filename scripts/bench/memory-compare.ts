/// <reference lib="dom" />
/**
 * `npm run bench:memory`: where a 1:1 call's renderer memory goes, in the app (or, with
 * `--meet`, the Meet yardstick, sending VP8 or, with `--meet-codec=h264`, H.264 as the app
 * does; with `--meet-way=prejoin` its people come through Meet's preview), for both
 * people. Not a figure: a report to act on
 * (`call_renderer_mib` is the figure). Run it once for each and compare.
 *
 * After `--settle` seconds (20) of the call it prints, per person: the renderer's PSS by
 * kind of mapping (/proc/<pid>/smaps) and with the garbage collected (`settledPss`, read
 * after the memory-infra dump, which gives back memory the allocators held free), the
 * JS heap after a collection (by constructor, and its compiled code by script, from a heap
 * snapshot), the DOM, the videos and peer connections, the scripts loaded, the composited
 * layers that draw content (each one is raster memory in the renderer and the compositor),
 * and Chromium's own accounting by allocator (memory-infra). A screenshot of
 * each page goes to test-results/bench-memory.
 */
import type { Browser, CDPSession, Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { memoryCallArgs, startMemoryCall } from './memory-call';
import { runReport } from './report-stage';
import { codeByScript, heapByConstructor, type HeapSnapshot } from './heap-snapshot';
import {
  allocatorSizes,
  browserProcesses,
  busiestRenderer,
  memoryInfraDump,
  memoryOf,
  settledPss,
} from './process-memory';

const SHOWN_MIB = 0.3;
const { variant, codec, way } = memoryCallArgs('bench:memory');
const settleArg = process.argv.find((arg) => arg.startsWith('--settle='));
const settleSeconds = settleArg ? Number(settleArg.slice('--settle='.length)) : 20;
const outDir = join('test-results', 'bench-memory');

const out = (line = '') => process.stdout.write(`${line}\n`);
const mib = (bytes: number) => bytes / 2 ** 20;

function mappingKind(name: string): string {
  if (!name) return 'anonymous';
  if (name.startsWith('[anon:') || name === '[heap]' || name === '[stack]') return name;
  if (name.includes('memfd') || name.startsWith('/dev/shm')) return 'shared memory';
  if (name.endsWith('/chromium')) return 'the Chromium binary';
  if (name.includes('icudtl')) return 'ICU data';
  if (name.includes('fonts') || /\.(ttf|otf|pfb)$/.test(name)) return 'fonts';
  if (name.includes('.so')) return 'libraries';
  return name;
}

/** PSS in MiB by kind of mapping. */
function pssByMapping(pid: number): [string, number][] {
  const totals = new Map<string, number>();
  let kind = 'anonymous';
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) {
      kind = mappingKind(header[1]?.trim() ?? '');
      continue;
    }
    const pss = /^Pss:\s+(\d+) kB/.exec(line);
    if (pss) totals.set(kind, (totals.get(kind) ?? 0) + Number(pss[1]) / 1024);
  }
  return [...totals].sort((a, b) => b[1] - a[1]);
}

/** Composited layers that draw content, with the element each one belongs to. */
async function contentLayers(page: Page, cdp: CDPSession): Promise<string[]> {
  const tree = new Promise<
    { width: number; height: number; drawsContent: boolean; backendNodeId?: number }[]
  >((resolve) => cdp.on('LayerTree.layerTreeDidChange', ({ layers }) => layers && resolve(layers)));
  await cdp.send('DOM.enable');
  await cdp.send('LayerTree.enable');
  // The tree comes with the next paint, and video frames alone paint nothing: hovering over
  // the page's buttons does.
  const buttons = await page.getByRole('button').filter({ visible: true }).all();
  for (const button of buttons) await button.hover({ timeout: 1000 }).catch(() => {});
  const layers = await Promise.race([
    tree,
    new Promise<[]>((resolve) => setTimeout(() => resolve([]), 3000)),
  ]);
  await cdp.send('LayerTree.disable');
  const lines: string[] = [];
  for (const layer of layers.filter((candidate) => candidate.drawsContent)) {
    let owner = '';
    if (layer.backendNodeId) {
      const described = await cdp
        .send('DOM.describeNode', { backendNodeId: layer.backendNodeId })
        .catch(() => undefined);
      if (described) {
        owner = `${described.node.localName} ${(described.node.attributes ?? []).join(' ').slice(0, 80)}`;
      }
    }
    lines.push(`${layer.width}x${layer.height} ${owner}`.trim());
  }
  return lines;
}

/** A heap snapshot of the page, parsed. */
async function heapSnapshot(cdp: CDPSession): Promise<HeapSnapshot> {
  const chunks: string[] = [];
  const collect = ({ chunk }: { chunk: string }) => void chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', collect);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', collect);
  return JSON.parse(chunks.join('')) as HeapSnapshot;
}

async function report(side: string, page: Page, browser: Browser): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const browserCdp = await browser.newBrowserCDPSession();
  const pid = busiestRenderer(await browserProcesses(browserCdp));
  if (pid === undefined) throw new Error(`${side}: no renderer process`);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  const seen = await page.evaluate(() => ({
    videos: [...document.querySelectorAll('video')].map((video) => {
      const box = video.getBoundingClientRect();
      return `${Math.round(box.width)}x${Math.round(box.height)} showing ${video.videoWidth}x${video.videoHeight}`;
    }),
    connections: window.__benchPeerConnections
      .filter((pc) => pc.connectionState !== 'closed')
      .map(
        (pc) =>
          `${pc.connectionState}: ${pc
            .getTransceivers()
            .map((t) => `${t.receiver.track.kind} ${t.currentDirection ?? t.direction}`)
            .join(', ')}`,
      ),
    scripts: performance
      .getEntriesByType('resource')
      .filter((entry): entry is PerformanceResourceTiming => /\.m?js$/.test(entry.name))
      .map(
        (entry) => `${entry.name.split('/').pop()} ${Math.round(entry.decodedBodySize / 1024)} KiB`,
      ),
  }));
  // Read before the layer tree, the heap snapshot and the screenshot: making a snapshot
  // takes tens of MiB in the renderer, which it does not give back at once. Read after
  // it, the host's page showed 165 to 176 MiB; read before, 140 to 143 MiB.
  const mappings = pssByMapping(pid);
  const total = mappings.reduce((sum, [, size]) => sum + size, 0);
  const { privateMiB } = memoryOf(pid);
  // Also before the layer tree: reading it hovers over every button, and the app has more
  // of them than Meet; each hover repaints, and the compositor keeps the tiles it rasterised
  // for a while. Read after it, both of the app's pages held 8.5 MiB of tiles, Meet's 3.4.
  const allocators = allocatorSizes(await memoryInfraDump(browserCdp), pid);
  const [settled = Number.NaN] = await settledPss([page], [pid]);
  const layers = await contentLayers(page, cdp);
  const snapshot = await heapSnapshot(cdp);
  const byConstructor = heapByConstructor(snapshot);
  const code = codeByScript(snapshot);
  mkdirSync(outDir, { recursive: true });
  await page.screenshot({ path: join(outDir, `${variant}-${side}.png`) });
  out(
    `\n## ${variant}, ${side}: renderer PSS ${total.toFixed(1)} MiB ` +
      `(${settled.toFixed(1)} MiB with the garbage collected), private ${privateMiB.toFixed(1)} MiB`,
  );
  out(
    `JS heap after GC ${mib(heap.usedSize).toFixed(1)} of ${mib(heap.totalSize).toFixed(1)} MiB; DOM ${dom.nodes} nodes`,
  );
  out(`videos: ${seen.videos.join('; ')}`);
  out(`peer connections: ${seen.connections.join('; ')}`);
  out(`scripts: ${seen.scripts.join(', ')}`);
  out('JS heap by constructor (self sizes):');
  for (const [name, size] of byConstructor.slice(0, 15))
    out(`  ${name.slice(0, 44).padEnd(44)} ${size.toFixed(2)} MiB`);
  out('compiled code by script:');
  for (const [name, size] of code)
    if (size >= 0.01) out(`  ${name.slice(0, 44).padEnd(44)} ${size.toFixed(2)} MiB`);
  out('composited layers that draw content:');
  for (const layer of layers) out(`  ${layer}`);
  out('PSS by mapping:');
  for (const [kind, size] of mappings)
    if (size >= SHOWN_MIB) out(`  ${kind.padEnd(44)} ${size.toFixed(1)} MiB`);
  out('Chromium memory-infra, by allocator:');
  for (const [name, size] of allocators) {
    if (size >= SHOWN_MIB) out(`  ${name.padEnd(44)} ${size.toFixed(1)} MiB`);
  }
}

async function main(): Promise<void> {
  const call = await startMemoryCall(variant, codec, way);
  try {
    await new Promise((resolve) => setTimeout(resolve, settleSeconds * 1000));
    await report('host', call.host.page, call.browsers[0]);
    await report('guest', call.guest.page, call.browsers[1]);
  } finally {
    await call.close();
  }
}

runReport(main);
