/// <reference lib="dom" />
/**
 * The guest's first load, cold (a new profile, nothing cached):
 *
 *   cold_load_to_join_enabled_ms  navigation start → the first animation frame in which the
 *                                 welcome's button ("Einverstanden, weiter") is in the page,
 *                                 laid out and enabled, i.e. the first frame that shows it
 *                                 usable (React attaches its handlers before it commits)
 *   initial_kb_wire               bytes that crossed the wire (headers and bodies, as the
 *                                 server sent them: compressed where it compresses) for the
 *                                 document and every resource finished by then (KiB)
 *   initial_js_kb_gz              the JavaScript among those, each file's gzip -9 size (KiB),
 *                                 whatever encoding the server chose
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from '@playwright/test';
import type { BenchContext } from './context';
import type { FigureGroup } from './framework';
import { hostCreatesConsultation, newPerson } from './journeys';
import { resolveInside } from '../../src-main/browser-mode/static-files';
import { probeState, waitForProbe } from './probe';

const KIB = 1024;

interface Loaded {
  name: string;
  transferSize: number;
  responseEnd: number;
}

/** The gzip -9 size of a built file, by its URL. */
export function gzipSizes(staticRoot: string): (url: string) => number {
  const sizes = new Map<string, number>();
  return (url) => {
    const path = new URL(url).pathname;
    let size = sizes.get(path);
    if (size === undefined) {
      const file = resolveInside(staticRoot, path);
      size = file ? gzipSync(readFileSync(file), { level: 9 }).length : 0;
      sizes.set(path, size);
    }
    return size;
  };
}

export interface ColdLoad {
  usableAtMs: number;
  wireBytes: number;
  jsGzipBytes: number;
  /** What was loaded before the button was usable. */
  files: string[];
}

/** One cold load of an invite link in a new profile, until the welcome's button is usable. */
export async function coldLoad(
  browser: Browser,
  link: string,
  gzipSize: (url: string) => number,
  prepare: (page: Page) => Promise<void> = async () => {},
): Promise<ColdLoad> {
  const guest = await newPerson(browser, {
    frames: false,
    watches: [{ key: 'welcome', selector: 'button', text: 'Einverstanden, weiter' }],
  });
  try {
    await prepare(guest.page);
    await guest.page.goto(link, { waitUntil: 'commit' });
    const shown = await waitForProbe(guest.page, (state) => state.marks.welcome, {
      timeoutMs: 30_000,
      what: "the welcome's button",
    });
    const { origin } = await probeState(guest.page);
    const usableAtMs = shown - origin;
    const loaded = await guest.page.evaluate((): Loaded[] =>
      [
        ...performance.getEntriesByType('navigation'),
        ...performance.getEntriesByType('resource'),
      ].map((entry) => {
        const timing = entry as PerformanceResourceTiming;
        return {
          name: timing.name,
          transferSize: timing.transferSize,
          responseEnd: timing.responseEnd,
        };
      }),
    );
    const before = loaded.filter((entry) => entry.responseEnd <= usableAtMs);
    return {
      usableAtMs,
      wireBytes: before.reduce((sum, entry) => sum + entry.transferSize, 0),
      jsGzipBytes: before
        .filter((entry) => /\.m?js$/.test(new URL(entry.name).pathname))
        .reduce((sum, entry) => sum + gzipSize(entry.name), 0),
      files: before.map((entry) => new URL(entry.name).pathname),
    };
  } finally {
    await guest.context.close();
  }
}

export const firstLoad: FigureGroup<BenchContext> = {
  title: 'first load of the guest page',
  figures: [
    { name: 'cold_load_to_join_enabled_ms', unit: 'ms' },
    { name: 'initial_js_kb_gz', unit: 'KiB', digits: 1 },
    { name: 'initial_kb_wire', unit: 'KiB', digits: 1 },
  ],
  async measure(bench, record) {
    const app = await bench.app('encrypted');
    const browser = await bench.launch();
    const host = await newPerson(browser);
    const [link = ''] = await hostCreatesConsultation(host.page, app.appUrl, 'Erster Aufruf', 1);
    await host.context.close();

    const gzipSize = gzipSizes(app.staticRoot);

    for (let run = 0; run < bench.options.runs; run += 1) {
      bench.progress(`  cold load ${run + 1}/${bench.options.runs}`);
      try {
        const load = await coldLoad(browser, link, gzipSize);
        record.value('cold_load_to_join_enabled_ms', load.usableAtMs);
        record.value('initial_kb_wire', load.wireBytes / KIB);
        record.value('initial_js_kb_gz', load.jsGzipBytes / KIB);
        if (run === 0)
          record.note('initial_kb_wire', `loaded before the button: ${load.files.join(' ')}`);
      } catch (error) {
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
        for (const figure of firstLoad.figures) record.failed(figure.name, reason ?? 'failed');
      }
    }
  },
};
