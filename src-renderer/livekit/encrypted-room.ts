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
  type RoomConnectOptions,
} from 'livekit-client';
import E2EEWorker from 'livekit-client/e2ee-worker?worker';
import { callMediaOptions } from '../features/connection/media-options';
import { installCandidateFilter } from './ice-privacy';
import { RoomKeyRing } from './key-ring';
import { GiveUpAfter } from './reconnect-policy';

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
  /**
   * Leaves the room for good and ends its E2EE worker. livekit-client leaves the worker to
   * whoever made it, even after `disconnect()`; each one is a V8 isolate of its own (20 MiB
   * and more), so a guest let in from the waiting room would otherwise carry two through
   * the call (docs/performance/call-profile.md). Not for a rejoin: that reuses the room.
   */
  close(): Promise<void>;
}

/**
 * Rooms made ahead, while the person still checks their devices or waits: a worker takes a
 * moment to start (a new V8 isolate, livekit-client's set-up messages), and that moment
 * should not fall between "let in" and the first frame. Keys come later, with the ticket.
 */
const prepared: EncryptedRoom[] = [];

/** Makes rooms ahead until `count` are ready; `createEncryptedRoom()` takes them first. */
export function prepareEncryptedRooms(count: number): void {
  if (!isE2EESupported()) return;
  while (prepared.length < count) prepared.push(makeRoom());
}

/** The visit ended without using them (declined, left): their workers end. */
export function releasePreparedRooms(): void {
  for (const spare of prepared.splice(0)) void spare.close();
}

export async function createEncryptedRoom(): Promise<EncryptedRoom> {
  if (!isE2EESupported()) throw new EncryptionUnsupportedError();
  return prepared.shift() ?? makeRoom();
}

function makeRoom(): EncryptedRoom {
  const keys = new RoomKeyRing();
  const worker = new E2EEWorker();
  // Layers, adaptive stream and audio tuned for weak lines and small phones.
  const room = new Room({
    ...callMediaOptions(),
    encryption: { keyProvider: keys, worker },
    // After 40 s of a dead line: "Wieder verbinden" (see reconnect-policy.ts).
    reconnectPolicy: new GiveUpAfter(),
  });
  const close = async (): Promise<void> => {
    try {
      await room.disconnect();
    } finally {
      worker.terminate();
    }
  };
  return { room, keys, close };
}

/**
 * The server's own ICE servers, of which only its TURN relay is ever used (see
 * ice-privacy.ts: no STUN, no device address handed out). Nothing is subscribed
 * automatically: the call core subscribes once connected, and only to encrypted tracks.
 */
export function connectOptions(): RoomConnectOptions {
  return { autoSubscribe: false };
}
