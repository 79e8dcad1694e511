/**
 * The one place a LiveKit Room is made. A call's room is end-to-end encrypted with the
 * `encryption` option, which covers media and data alike; there is no unencrypted mode.
 * A room for messages (the waiting room) carries nothing but the app's sealed messages,
 * each sealed whole by the app itself (secure-channel.ts, `sealEnvelopes`), so it runs no
 * E2EE worker: that worker is a V8 isolate of its own, and the host's waiting room stays
 * open through the whole call (README, "A waiting room without a worker"). The keys are
 * set by the caller (call-session.ts, waiting-room.ts).
 */
import {
  getLogger,
  isE2EESupported,
  LoggerNames,
  LogLevel,
  Room,
  RoomEvent,
  type Participant,
  type RoomConnectOptions,
  type RoomOptions,
} from 'livekit-client';
import E2EEWorker from 'livekit-client/e2ee-worker?worker';
import { tokenIdentity } from '../../src-shared/base64url';
import { callMediaOptions } from '../features/connection/media-options';
import { installCandidateFilter } from './ice-privacy';
import { RoomKeyRing } from './key-ring';
import { GiveUpAfter } from './reconnect-policy';

// livekit-client logs room names and identities at info level; keep its output to errors.
// For this page only: its own `setLogLevel` also writes the level into the browser's local
// storage, an entry per logger (`loglevel:livekit-room` and 14 more), which would outlast a
// guest's visit on her phone and name what she used (docs/security-model.md, "A lost phone").
for (const name of Object.values(LoggerNames)) getLogger(name).setLevel(LogLevel.error, false);
// The device's own addresses never reach the server (see ice-privacy.ts).
installCandidateFilter();

export class EncryptionUnsupportedError extends Error {
  override name = 'EncryptionUnsupportedError';
}

/**
 * What a room carries. A call room has camera, microphone and sound. The waiting room only
 * carries sealed messages: it never plays a sound, so it gets no audio output of its own
 * (see `silentAudio`), and no E2EE worker (see above).
 */
export type RoomUse = 'call' | 'messages';

export interface EncryptedRoom {
  room: Room;
  keys: RoomKeyRing;
  /**
   * Leaves the room for good and ends its E2EE worker, if it has one. livekit-client leaves
   * the worker to whoever made it, even after `disconnect()`; each one is a V8 isolate of
   * its own, and a spare call room made ahead must not keep one through the visit
   * (docs/performance/call-profile.md). Not for a rejoin: that reuses the room.
   */
  close(): Promise<void>;
  /** Set when the room was connected ahead, through a door (see `connectCallAhead`). */
  ahead?: AheadConnection;
}

/** A call room connected before its ticket came (see `connectCallAhead`). */
export interface AheadConnection {
  /** The identity the door's token is for. */
  doorIdentity: string | null;
  /** Whether the connection stood, once that is known. */
  connected: Promise<boolean>;
  /** Whether livekit-client has reported this side's encryption as running. */
  secured(): boolean;
  /** Leaves this connection (or stops it from being made), for the ticket's own. */
  leave(): Promise<void>;
}

/**
 * Rooms made ahead, while the person still checks their devices or waits: a worker takes a
 * moment to start (a new V8 isolate, livekit-client's set-up messages), and that moment
 * should not fall between "let in" and the first frame. Keys come later, with the ticket.
 */
const prepared = new Map<RoomUse, EncryptedRoom>();

/** Makes a room for `use` ahead, unless one is ready; `createEncryptedRoom()` takes it first. */
export function prepareEncryptedRoom(use: RoomUse): void {
  if (!isE2EESupported() || prepared.has(use)) return;
  prepared.set(use, makeRoom(use));
}

/**
 * A waiting guest's door into the call (sealed-ticket.ts): the call's room, made ahead,
 * connects now with the door's powerless token, so that "let in" finds her connection
 * made, and the host's grant on the server and her subscriptions are all that is left
 * (README, "The call joined ahead"). Encryption is on from the start; the key comes with
 * the ticket, so until then nothing that arrives can be opened. Once per room made ahead.
 */
export function connectCallAhead(serverUrl: string, token: string): void {
  prepareEncryptedRoom('call');
  const spare = prepared.get('call');
  if (!spare || spare.ahead) return;
  const { room } = spare;
  let secured = false;
  const onStatus = (encrypted: boolean, participant?: Participant) => {
    if (participant?.isLocal) secured = encrypted;
  };
  room.on(RoomEvent.ParticipantEncryptionStatusChanged, onStatus);
  let left = false;
  const connected = room
    .setE2EEEnabled(true)
    .then(() =>
      left ? Promise.reject(new Error('left')) : room.connect(serverUrl, token, connectOptions()),
    )
    .then(
      () => true,
      () => false,
    );
  spare.ahead = {
    doorIdentity: tokenIdentity(token),
    connected,
    secured: () => secured,
    leave: () => {
      left = true;
      return room.disconnect();
    },
  };
}

/** The visit ended without using them (declined, left): their workers end. */
export function releasePreparedRooms(): void {
  for (const spare of prepared.values()) void spare.close();
  prepared.clear();
}

export async function createEncryptedRoom(use: RoomUse): Promise<EncryptedRoom> {
  if (!isE2EESupported()) throw new EncryptionUnsupportedError();
  const ready = prepared.get(use);
  prepared.delete(use);
  return ready ?? makeRoom(use);
}

/**
 * livekit-client starts an audio output (an AudioContext) for every room it connects, to
 * play remote sound with less delay, unless it is handed one. Nothing in a room for
 * messages plays, and the host's waiting room, open through the whole call, would otherwise
 * keep a second audio output rendering silence beside the call's (2 to 3 % of a core on
 * the host's page, measured).
 *
 * So a room for messages is handed a context with no output at all: an OfflineAudioContext,
 * which renders into memory and never asks for an audio device. It used to be an
 * AudioContext closed at once, but making one asks the browser for the output device's
 * settings and waits for the answer on the page's main thread. Where the browser's audio
 * service had not started yet (a guest who has just opened her link, typing her name while
 * the waiting room connects), that froze her page for 130 to 500 ms (README, "No audio
 * device for the waiting room"). livekit-client keeps the context it is handed, tries once
 * to resume it (an offline context that has not rendered refuses; livekit-client logs that
 * and goes on) and would route remote sound through it, which a room for messages never
 * subscribes to.
 */
let silent: OfflineAudioContext | undefined;
function silentAudio(): Pick<RoomOptions, 'webAudioMix'> {
  try {
    silent ??= new OfflineAudioContext(1, 1, 8000);
    // Typed for a real AudioContext; livekit-client uses nothing an offline one lacks
    // unless remote sound arrives (see above).
    return { webAudioMix: { audioContext: silent as unknown as AudioContext } };
  } catch {
    // No Web Audio here at all: livekit-client then tries its own, and goes on without one,
    // as it always did.
    return {};
  }
}

function makeRoom(use: RoomUse): EncryptedRoom {
  const keys = new RoomKeyRing();
  const worker = use === 'call' ? new E2EEWorker() : null;
  // Layers, adaptive stream and audio tuned for weak lines and small phones.
  const room = new Room({
    ...callMediaOptions(),
    ...(worker ? { encryption: { keyProvider: keys, worker } } : silentAudio()),
    // After 40 s of a dead line: "Wieder verbinden" (see reconnect-policy.ts).
    reconnectPolicy: new GiveUpAfter(),
  });
  if (use === 'messages') withoutReceiveSlots(room);
  keepDestinations(room);
  const close = async (): Promise<void> => {
    try {
      await room.disconnect();
    } finally {
      worker?.terminate();
    }
  };
  return { room, keys, close };
}

/**
 * livekit-client 2.23 opens three audio and three video receive slots with a room's first
 * offer (see receive-slots.ts), so that tracks can arrive without another offer. A room
 * for messages never receives a track, and on the guest's way in, those six slots cost
 * about a third of her longest task: adding them, the offer that carries them, and the
 * server's answer parsed back (README, "A waiting room without media slots"). So its
 * engine adds none, and the offer carries the data channels alone. Should the server ever
 * send a track there, livekit-client adds a slot then, as it does for any fourth video;
 * nothing in this room subscribes to or plays it.
 *
 * `addMediaSections` is not livekit-client's public API. With another version that lacks
 * it, nothing changes here but the six slots; tests/e2e/waiting-room.spec.ts counts them.
 */
function withoutReceiveSlots(room: Room): void {
  const engine = (room as unknown as { engine?: { addMediaSections?: unknown } }).engine;
  if (typeof engine?.addMediaSections === 'function') engine.addMediaSections = () => {};
}

/**
 * livekit-client 2.23 loses a data packet's addressees when the room encrypts data (the
 * `encryption` option): it seals the whole user packet, the `destinationIdentities` inside
 * it too, and leaves the packet's outer addressees empty, so the server hands it to
 * everyone in the room. A knock addressed to the host, a key change to one guest, a page
 * image to those in the call: all went to every participant, the hidden ones behind their
 * doors as well (sealed, so unreadable to them, but sent; README, "Addressed packets
 * reach their addressees only"). Byte streams set the outer addressees and are not
 * affected.
 *
 * So before each packet is sealed, the user packet's addressees are copied to the outer
 * ones, where the server reads them (it routes by them, so it learns nothing new). Patched
 * once on livekit-client's engine class, which every room shares: `sendDataPacket` is not
 * public API; should a version lack it, nothing is patched and
 * tests/e2e/present-pdf.spec.ts ("… behind her door …") fails.
 */
let destinationsKept = false;
function keepDestinations(room: Room): void {
  if (destinationsKept) return;
  interface Packet {
    destinationIdentities?: string[];
    value?: { case?: string; value?: { destinationIdentities?: string[] } };
  }
  const engine = Object.getPrototypeOf((room as unknown as { engine?: object }).engine ?? {}) as {
    sendDataPacket?: (packet: Packet, kind: unknown) => Promise<void>;
  };
  const send = engine.sendDataPacket;
  if (typeof send !== 'function') return;
  destinationsKept = true;
  engine.sendDataPacket = function (this: unknown, packet: Packet, kind: unknown) {
    const inner = packet.value?.case === 'user' ? packet.value.value?.destinationIdentities : [];
    if (inner?.length && !packet.destinationIdentities?.length)
      packet.destinationIdentities = [...inner];
    return send.call(this, packet, kind);
  };
}

/**
 * The server's own ICE servers, of which only its TURN relay is ever used (see
 * ice-privacy.ts: no STUN, no device address handed out). Nothing is subscribed
 * automatically: the call core subscribes once connected, and only to encrypted tracks.
 */
export function connectOptions(): RoomConnectOptions {
  return { autoSubscribe: false };
}
