/**
 * The one place a LiveKit Room is made. Every room is end-to-end encrypted with the
 * `encryption` option, which covers media and data (chat, names) alike; there is no
 * unencrypted mode.
 */
import {
  BaseKeyProvider,
  createKeyMaterialFromBuffer,
  isE2EESupported,
  LogLevel,
  Room,
  setLogLevel,
  VideoPresets,
  type RoomConnectOptions,
} from 'livekit-client';
import E2EEWorker from 'livekit-client/e2ee-worker?worker';
import { callKeyBytes } from './call-key';

// livekit-client logs room names and identities at info level; keep its output to errors.
setLogLevel(LogLevel.error);

export class EncryptionUnsupportedError extends Error {
  override name = 'EncryptionUnsupportedError';
}

/** Slots in the key ring; a rotation moves to the next slot, so frames in flight still decrypt. */
export const KEY_RING_SIZE = 16;

/**
 * One shared key for everyone in the room, replaceable at runtime: when the host sends
 * someone back to the waiting room, everyone who stays moves to a new key.
 */
export class RoomKeyRing extends BaseKeyProvider {
  constructor() {
    // A wrong key stays wrong: no ratcheting, no giving up on a participant.
    super({
      sharedKey: true,
      ratchetWindowSize: 0,
      failureTolerance: -1,
      keyringSize: KEY_RING_SIZE,
    });
  }

  /** Encrypts with this key from now on; earlier keys stay for frames still in flight. */
  async useKey(key: string, index: number): Promise<void> {
    const material = await createKeyMaterialFromBuffer(callKeyBytes(key));
    this.onSetEncryptionKey(material, undefined, index % KEY_RING_SIZE);
  }
}

export interface EncryptedRoom {
  room: Room;
  keys: RoomKeyRing;
}

export async function createEncryptedRoom(key: string, keyIndex = 0): Promise<EncryptedRoom> {
  if (!isE2EESupported()) throw new EncryptionUnsupportedError();
  const keys = new RoomKeyRing();
  const room = new Room({
    encryption: { keyProvider: keys, worker: new E2EEWorker() },
    adaptiveStream: true,
    dynacast: true,
    // Small video by default: clients are often on weak Wi-Fi.
    videoCaptureDefaults: { resolution: VideoPresets.h360.resolution },
    publishDefaults: { simulcast: true, videoCodec: 'vp8' },
  });
  await keys.useKey(key, keyIndex);
  await room.setE2EEEnabled(true);
  return { room, keys };
}

/**
 * Only the ICE servers the organisation configured: never the public STUN servers a
 * server may suggest (an empty list here overrides the server's list).
 */
export function connectOptions(iceServers: RTCIceServer[] = []): RoomConnectOptions {
  return { autoSubscribe: true, rtcConfig: { iceServers } };
}
