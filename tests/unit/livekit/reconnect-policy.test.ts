import { describe, expect, it } from 'vitest';
import { GiveUpAfter } from '../../../src-renderer/livekit/reconnect-policy';

describe('GiveUpAfter', () => {
  it('retries at once, then every few seconds, and gives up once the time is over', () => {
    const policy = new GiveUpAfter(40_000);
    expect(policy.nextRetryDelayInMs({ retryCount: 0, elapsedMs: 0 })).toBe(0);
    expect(policy.nextRetryDelayInMs({ retryCount: 2, elapsedMs: 2_000 })).toBe(1_200);
    expect(policy.nextRetryDelayInMs({ retryCount: 9, elapsedMs: 30_000 })).toBe(5_000);
    // The last wait never runs past the limit.
    expect(policy.nextRetryDelayInMs({ retryCount: 9, elapsedMs: 38_000 })).toBe(2_000);
    expect(policy.nextRetryDelayInMs({ retryCount: 10, elapsedMs: 40_000 })).toBeNull();
    expect(policy.nextRetryDelayInMs({ retryCount: 3, elapsedMs: 95_000 })).toBeNull();
  });
});
