/**
 * The one place a LiveKit Room is made. Every room is end-to-end encrypted with the
 * `encryption` option, which covers media and data (chat, names) alike; there is no
 * unencrypted mode.
 */
import {
  ExternalE2EEKeyProvider,
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

export interface EncryptedRoom {
  room: Room;
  keyProvider: ExternalE2EEKeyProvider;
}

export async function createEncryptedRoom(callKey: string): Promise<EncryptedRoom> {
  if (!isE2EESupported()) throw new EncryptionUnsupportedError();
  const keyProvider = new ExternalE2EEKeyProvider();
  const room = new Room({
    encryption: { keyProvider, worker: new E2EEWorker() },
    adaptiveStream: true,
    dynacast: true,
    // Small video by default: clients are often on weak Wi-Fi.
    videoCaptureDefaults: { resolution: VideoPresets.h360.resolution },
    publishDefaults: { simulcast: true, videoCodec: 'vp8' },
  });
  await keyProvider.setKey(callKeyBytes(callKey));
  await room.setE2EEEnabled(true);
  return { room, keyProvider };
}

/**
 * Only the ICE servers the organisation configured: never the public STUN servers a
 * server may suggest (an empty list here overrides the server's list).
 */
export function connectOptions(iceServers: RTCIceServer[] = []): RoomConnectOptions {
  return { autoSubscribe: true, rtcConfig: { iceServers } };
}
