/**
 * The one place a LiveKit Room is made. Every room is end-to-end encrypted with the
 * `encryption` option, which covers media and data alike; there is no unencrypted mode.
 * The keys are set by the caller (call-session.ts, waiting-room.ts).
 */
import {
  isE2EESupported,
  LogLevel,
  Room,
  setLogLevel,
  VideoPresets,
  type RoomConnectOptions,
} from 'livekit-client';
import E2EEWorker from 'livekit-client/e2ee-worker?worker';
import { installCandidateFilter } from './ice-privacy';
import { RoomKeyRing } from './key-ring';

// livekit-client logs room names and identities at info level; keep its output to errors.
setLogLevel(LogLevel.error);
// The device's own addresses never reach the server (see ice-privacy.ts).
installCandidateFilter();

export class EncryptionUnsupportedError extends Error {
  override name = 'EncryptionUnsupportedError';
}

export interface EncryptedRoom {
  room: Room;
  keys: RoomKeyRing;
}

export async function createEncryptedRoom(): Promise<EncryptedRoom> {
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
  return { room, keys };
}

/**
 * Only the ICE servers the organisation configured: never the public STUN servers a
 * server may suggest (an empty list here overrides the server's list). Nothing is
 * subscribed automatically: the call core subscribes once connected, and only to
 * encrypted tracks.
 */
export function connectOptions(iceServers: RTCIceServer[] = []): RoomConnectOptions {
  return { autoSubscribe: false, rtcConfig: { iceServers } };
}
