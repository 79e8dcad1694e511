import { KeyProviderEvent, type KeyInfo } from 'livekit-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toBase64Url } from '../../../src-shared/base64url';
import { KEY_GRACE_MS, KEY_RING_SIZE, RoomKeyRing } from '../../../src-renderer/livekit/key-ring';
import { safetyCode } from '../../../src-renderer/livekit/safety-code';

const key = (fill: number) => toBase64Url(new Uint8Array(32).fill(fill));

describe('the call’s key ring', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('uses AES-256 for frames and moves forward only', async () => {
    const ring = new RoomKeyRing();
    expect(ring.getOptions().keySize).toBe(256);
    const events: [KeyInfo, boolean][] = [];
    ring.on(KeyProviderEvent.SetKey, (info: KeyInfo, current: boolean) =>
      events.push([info, current]),
    );
    expect(await ring.useKey(key(1), 0)).toBe(true);
    expect(await ring.useKey(key(2), 1)).toBe(true);
    expect(await ring.useKey(key(1), 0)).toBe(false); // a replayed older key
    expect(await ring.useKey(key(3), 1)).toBe(false);
    expect(ring.currentIndex).toBe(1);
    expect(events.map(([info, current]) => [info.keyIndex, current])).toEqual([
      [0, true],
      [1, true],
    ]);
  });

  it('drops the replaced key after the grace period, for frames and messages alike', async () => {
    const ring = new RoomKeyRing();
    await ring.useKey(key(1), 0);
    await ring.useKey(key(2), 1);
    expect(ring.messageKey(0)).toBeDefined();
    expect(ring.getKeys().map((info) => info.keyIndex)).toEqual([0, 1]);
    const retired = new Promise<[KeyInfo, boolean]>((resolve) =>
      ring.on(KeyProviderEvent.SetKey, (info: KeyInfo, current: boolean) =>
        resolve([info, current]),
      ),
    );
    await vi.advanceTimersByTimeAsync(KEY_GRACE_MS + 1);
    // Slot 0 now holds random bytes nobody knows, without becoming the current key.
    const [info, current] = await retired;
    expect(info.keyIndex).toBe(0);
    expect(current).toBe(false);
    expect(ring.messageKey(0)).toBeUndefined();
    // After a reconnect LiveKit re-sends only what the ring still holds.
    expect(ring.getKeys().map((k) => k.keyIndex)).toEqual([1]);
    expect(ring.getLatestManuallySetKeyIndex()).toBe(1);
  });

  it('reuses slots round the ring without confusing keys', async () => {
    const ring = new RoomKeyRing();
    for (let index = 0; index <= KEY_RING_SIZE; index += 1) await ring.useKey(key(index), index);
    await vi.advanceTimersByTimeAsync(KEY_GRACE_MS + 1);
    expect(ring.getKeys()).toHaveLength(1);
    expect(ring.getLatestManuallySetKeyIndex()).toBe(0); // index 16 lives in slot 0
    expect(ring.messageKey(KEY_RING_SIZE)).toBeDefined();
    expect(ring.messageKey(0)).toBeUndefined();
  });
});

describe('the safety code', () => {
  const hostKey = toBase64Url(Uint8Array.from([4, ...new Array<number>(64).fill(5)]));
  it('is nine digits everyone with the same key and host computes alike', async () => {
    const code = await safetyCode(key(1), hostKey);
    expect(code).toMatch(/^\d{3} \d{3} \d{3}$/);
    expect(await safetyCode(key(1), hostKey)).toBe(code);
  });
  it('changes with the key and with the host', async () => {
    const code = await safetyCode(key(1), hostKey);
    expect(await safetyCode(key(2), hostKey)).not.toBe(code);
    const otherHost = toBase64Url(Uint8Array.from([4, ...new Array<number>(64).fill(6)]));
    expect(await safetyCode(key(1), otherHost)).not.toBe(code);
  });
});
