/**
 * A guest on a bad line, in her own network namespace (figures described in
 * scripts/bench-network.ts): reconnect_ms and audio_concealed_pct_loss10. Needs root and
 * `ip netns`; where no lab can be built, both say why instead of a number.
 */
import { measureAudioConcealedPctLoss10, measureReconnectMs } from '../bench-network';
import { networkLabUnavailable } from '../netns';
import type { BenchContext } from './context';
import type { FigureGroup } from './framework';

export const weakLine: FigureGroup<BenchContext> = {
  title: 'a weak line',
  figures: [
    { name: 'reconnect_ms', unit: 'ms' },
    { name: 'audio_concealed_pct_loss10', unit: '%' },
  ],
  async measure(bench, record, wants) {
    const unavailable = networkLabUnavailable();
    if (unavailable) {
      record.failed('reconnect_ms', unavailable);
      record.failed('audio_concealed_pct_loss10', unavailable);
      return;
    }
    if (wants('reconnect_ms')) {
      bench.progress('  10 s cuts');
      await measureReconnectMs(3, (ms) => record.value('reconnect_ms', ms));
    }
    if (wants('audio_concealed_pct_loss10')) {
      bench.progress('  10 % loss, 500 kbit/s');
      const figure = await measureAudioConcealedPctLoss10();
      record.value('audio_concealed_pct_loss10', figure.value);
    }
  },
};
