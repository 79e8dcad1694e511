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

    const gzipped = new Map<string, number>();
    const gzipSize = (url: string): number => {
      const path = new URL(url).pathname;
      let size = gzipped.get(path);
      if (size === undefined) {
        const file = resolveInside(app.staticRoot, path);
        size = file ? gzipSync(readFileSync(file), { level: 9 }).length : 0;
        gzipped.set(path, size);
      }
      return size;
    };

    for (let run = 0; run < bench.options.runs; run += 1) {
      bench.progress(`  cold load ${run + 1}/${bench.options.runs}`);
      const guest = await newPerson(browser, {
        frames: false,
        watches: [{ key: 'welcome', selector: 'button', text: 'Einverstanden, weiter' }],
      });
      try {
        await guest.page.goto(link, { waitUntil: 'commit' });
        const shown = await waitForProbe(guest.page, (state) => state.marks.welcome, {
          timeoutMs: 30_000,
          what: "the welcome's button",
        });
        const { origin } = await probeState(guest.page);
        const usableAt = shown - origin;
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
        const before = loaded.filter((entry) => entry.responseEnd <= usableAt);
        const wire = before.reduce((sum, entry) => sum + entry.transferSize, 0);
        const js = before
          .filter((entry) => /\.m?js$/.test(new URL(entry.name).pathname))
          .reduce((sum, entry) => sum + gzipSize(entry.name), 0);
        record.value('cold_load_to_join_enabled_ms', usableAt);
        record.value('initial_kb_wire', wire / KIB);
        record.value('initial_js_kb_gz', js / KIB);
        if (run === 0) {
          const files = before.map((entry) => new URL(entry.name).pathname).join(' ');
          record.note('initial_kb_wire', `loaded before the button: ${files}`);
        }
      } catch (error) {
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
        for (const figure of firstLoad.figures) record.failed(figure.name, reason ?? 'failed');
      } finally {
        await guest.context.close();
      }
    }
  },
};
