import type { ReconnectContext, ReconnectPolicy } from 'livekit-client';

/** LiveKit's own pacing for the first attempts: quick at first, then every few seconds. */
const DELAYS_MS = [0, 300, 1_200, 2_700, 4_800];
const LATER_MS = 5_000;

/**
 * Reconnect attempts stop after `giveUpMs` of trying, so the person is offered "Wieder
 * verbinden" instead of a spinner. LiveKit's default retries can stretch past two minutes on
 * a line that drops every packet (each attempt waits for its own timeout), and by then the
 * server has long let the participant go (it keeps a silent one for about 20 s), so a quiet
 * resume can no longer work anyway; a rejoin with the renewed token can.
 */
export class GiveUpAfter implements ReconnectPolicy {
  readonly #giveUpMs: number;

  constructor(giveUpMs = 40_000) {
    this.#giveUpMs = giveUpMs;
  }

  nextRetryDelayInMs(context: ReconnectContext): number | null {
    if (context.elapsedMs >= this.#giveUpMs) return null;
    const delay = DELAYS_MS[context.retryCount] ?? LATER_MS;
    return Math.min(delay, this.#giveUpMs - context.elapsedMs);
  }
}
