/**
 * Presenting a PDF in a real 1:1 call (figures described in scripts/bench-present.ts):
 * pdf_share_first_page_ms, pdf_next_page_ms and pdf_idle_cpu_pct, the host presenting a
 * 1 MB, 20-page PDF and the guest viewing. Each run starts a presentation, pages through
 * five pages and ends it; the idle figure is taken once, with the last page standing.
 */
import { benchPdfFile, pdfIdleCpuPct, pdfNextPageMs, pdfShareFirstPageMs } from '../bench-present';
import type { BenchContext } from './context';
import type { FigureGroup } from './framework';
import { oneToOneCall } from './journeys';

/** Presenting renders on the presenter's machine: a handful of runs is telling enough. */
const MAX_RUNS = 5;

export const presenting: FigureGroup<BenchContext> = {
  title: 'presenting a PDF',
  figures: [
    { name: 'pdf_share_first_page_ms', unit: 'ms' },
    { name: 'pdf_next_page_ms', unit: 'ms' },
    { name: 'pdf_next_page_sharp_ms', unit: 'ms' },
    { name: 'pdf_idle_cpu_pct', unit: '%' },
  ],
  async measure(bench, record) {
    const app = await bench.app('encrypted');
    const guestBrowser = await bench.launch();
    const { host, guest } = await oneToOneCall(
      await bench.launch({ desktop: true }),
      guestBrowser,
      app.appUrl,
      'Präsentation',
      { frames: false, watches: [] },
    );
    const file = await benchPdfFile();
    const runs = Math.min(bench.options.runs, MAX_RUNS);
    for (let run = 0; run < runs; run += 1) {
      bench.progress(`  presenting ${run + 1}/${runs}`);
      try {
        const first = await pdfShareFirstPageMs(host.page, guest.page, file);
        record.value('pdf_share_first_page_ms', first.total);
        record.note(
          'pdf_share_first_page_ms',
          `run ${run + 1}: file → question ${Math.round(first.question)} ms, ` +
            `"Ja, allen zeigen" → drawn ${Math.round(first.shown)} ms`,
        );
        const { shown, sharp } = await pdfNextPageMs(host.page, guest.page, 5);
        for (const ms of shown) record.value('pdf_next_page_ms', ms);
        for (const ms of sharp) record.value('pdf_next_page_sharp_ms', ms);
        if (run < runs - 1) {
          await host.page.getByRole('button', { name: 'Präsentation beenden' }).click();
          await guest.page.getByRole('heading', { name: /zeigt/ }).waitFor({ state: 'detached' });
        }
      } catch (error) {
        record.failed('pdf_share_first_page_ms', String(error));
      }
    }
    const idle = await pdfIdleCpuPct(guest.page, guestBrowser);
    record.value('pdf_idle_cpu_pct', idle.mainThreadPct);
    record.note(
      'pdf_idle_cpu_pct',
      `all renderer processes: ${idle.rendererProcessesPct.toFixed(1)} %`,
    );
  },
};
