/**
 * The call's keys. One 256-bit room key at a time, shared by everyone in the room, in a
 * ring of slots so that a key change never breaks frames still in flight. From each room
 * key independent keys are derived: LiveKit's frame key (its own HKDF, AES-256-GCM), the
 * app's message key, and the app's envelope key for rooms without LiveKit's encryption (both
 * in secure-channel.ts).
 */
import {
  BaseKeyProvider,
  createKeyMaterialFromBuffer,
  KeyProviderEvent,
  type KeyInfo,
} from 'livekit-client';
import { callKeyBytes } from './call-key';

/** Slots in LiveKit's ring; a key's slot is its index modulo this. */
export const KEY_RING_SIZE = 16;
/** How long a replaced key still opens frames and messages sent just before the change. */
export const KEY_GRACE_MS = 3000;

const MESSAGE_KEY_SALT = new TextEncoder().encode('augenhoehe app messages v1');
const MESSAGE_KEY_INFO = new TextEncoder().encode('augenhoehe sealed message key');
const ENVELOPE_KEY_INFO = new TextEncoder().encode('augenhoehe sealed envelope key');

async function derivedKey(key: string, info: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', callKeyBytes(key), 'HKDF', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: MESSAGE_KEY_SALT, info },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** The app's message key for one room key: separate from the frame key by its own HKDF. */
export function messageKeyFor(key: string): Promise<CryptoKey> {
  return derivedKey(key, MESSAGE_KEY_INFO);
}

/**
 * The key that seals a whole envelope, its header too, in a room whose data packets
 * LiveKit does not encrypt (the waiting room; secure-channel.ts, `sealEnvelopes`).
 */
export function envelopeKeyFor(key: string): Promise<CryptoKey> {
  return derivedKey(key, ENVELOPE_KEY_INFO);
}

/** What the message layer needs: the key to seal with, and any key it may open with. */
export interface MessageKeys {
  readonly currentIndex: number;
  messageKey(index: number): CryptoKey | undefined;
  /** Only where envelopes are sealed whole; undefined for an index not held. */
  envelopeKey(index: number): CryptoKey | undefined;
}

/**
 * LiveKit's key provider, kept by the app: which keys exist and which one is current are
 * ours to say (LiveKit re-sends exactly these after a reconnect), so a retired key is gone
 * for good and never comes back with a reconnect.
 */
export class RoomKeyRing extends BaseKeyProvider implements MessageKeys {
  #frameKeys = new Map<number, KeyInfo>();
  #messageKeys = new Map<number, { message: CryptoKey; envelope: CryptoKey }>();
  #current = -1;
  #retirements = new Map<number, ReturnType<typeof setTimeout>>();

  constructor() {
    // A wrong key stays wrong: no ratcheting, no giving up on a participant. AES-256 for
    // frames, matching the 256-bit room keys (LiveKit's default is 128).
    super({
      sharedKey: true,
      ratchetWindowSize: 0,
      failureTolerance: -1,
      keyringSize: KEY_RING_SIZE,
      keySize: 256,
    });
  }

  get currentIndex(): number {
    return this.#current;
  }

  messageKey(index: number): CryptoKey | undefined {
    return this.#messageKeys.get(index)?.message;
  }

  envelopeKey(index: number): CryptoKey | undefined {
    return this.#messageKeys.get(index)?.envelope;
  }

  /**
   * Encrypts with this key from now on when it is newer than the current one; an older or
   * equal index is refused (a replayed key change cannot move the call back).
   */
  async useKey(key: string, index: number): Promise<boolean> {
    if (index <= this.#current) return false;
    const [material, message, envelope] = await Promise.all([
      createKeyMaterialFromBuffer(callKeyBytes(key)),
      messageKeyFor(key),
      envelopeKeyFor(key),
    ]);
    if (index <= this.#current) return false;
    const previous = this.#current;
    this.#current = index;
    this.#messageKeys.set(index, { message, envelope });
    this.#setFrameKey(material, index, true);
    if (previous >= 0) this.retireLater(previous);
    return true;
  }

  /** Drops a key after the grace period: from LiveKit's ring and from the message layer. */
  retireLater(index: number, afterMs = KEY_GRACE_MS): void {
    if (this.#retirements.has(index)) return;
    this.#retirements.set(
      index,
      setTimeout(() => void this.retireNow(index), afterMs),
    );
  }

  async retireNow(index: number): Promise<void> {
    clearTimeout(this.#retirements.get(index));
    this.#retirements.delete(index);
    if (index === this.#current) return;
    this.#messageKeys.delete(index);
    // LiveKit cannot delete a slot: it gets random bytes nobody knows, unless a newer key
    // already took the same slot.
    const slotTaken = [...this.#frameKeys.keys()].some(
      (other) => other !== index && other % KEY_RING_SIZE === index % KEY_RING_SIZE,
    );
    this.#frameKeys.delete(index);
    if (slotTaken) return;
    const noise = crypto.getRandomValues(new Uint8Array(32));
    const material = await createKeyMaterialFromBuffer(noise.buffer);
    this.emit(KeyProviderEvent.SetKey, { key: material, keyIndex: index % KEY_RING_SIZE }, false);
  }

  /** The keys LiveKit (re)sends to its worker on every signal connection. */
  override getKeys(): KeyInfo[] {
    return [...this.#frameKeys.values()];
  }

  override getLatestManuallySetKeyIndex(): number {
    return Math.max(this.#current, 0) % KEY_RING_SIZE;
  }

  /** Stops pending retirements (the call is over). */
  dispose(): void {
    for (const timer of this.#retirements.values()) clearTimeout(timer);
    this.#retirements.clear();
  }

  #setFrameKey(material: CryptoKey, index: number, current: boolean): void {
    for (const [other] of this.#frameKeys) {
      if (other !== index && other % KEY_RING_SIZE === index % KEY_RING_SIZE) {
        this.#frameKeys.delete(other);
      }
    }
    const info: KeyInfo = { key: material, keyIndex: index % KEY_RING_SIZE };
    this.#frameKeys.set(index, info);
    this.emit(KeyProviderEvent.SetKey, info, current);
  }
}
