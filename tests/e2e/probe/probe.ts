/**
 * A test-only page (built into out/probe, never into the app) that joins a call the way an
 * acting operator, or someone sent out, could: with a token the operator minted, with no
 * encryption or with a stale or wrong key, publishing a camera, sending unencrypted packets
 * or sealed messages with a forged signature. The tests steer it through `window.probe`.
 */
import {
  ConnectionError,
  ConnectionErrorReason,
  createLocalVideoTrack,
  DisconnectReason,
  Room,
  RoomEvent,
  Track,
  type RemoteParticipant,
} from 'livekit-client';
import E2EEWorker from 'livekit-client/e2ee-worker?worker';
import { toBase64Url } from '../../../src-shared/base64url';
import type { MessageBody, MessageType } from '../../../src-renderer/livekit/app-messages';
import { RoomKeyRing } from '../../../src-renderer/livekit/key-ring';
import { SecureChannel } from '../../../src-renderer/livekit/secure-channel';

export interface ProbeJoin {
  serverUrl: string;
  token: string;
  /** The room key to encrypt with; none: no encryption at all. */
  key?: string;
  keyIndex?: number;
  /** The host key the probe's own channel believes (it only matters for what it receives). */
  hostPublicKey?: string;
}

export interface ProbeState {
  connected: boolean;
  removed: boolean;
  identity: string;
  framesDecoded: number;
  /** Video packets that arrived, decodable or not. */
  videoPackets: number;
  /** Data packets that reached the probe (whatever they were). */
  packets: number;
}

let room: Room | null = null;
let channel: SecureChannel | null = null;
let removed = false;
/** Every data packet that reached the probe, as the server passed it on. */
const seen: { topic: string; bytes: number[] }[] = [];
const connections: RTCPeerConnection[] = [];

// Keep every peer connection, to read what the probe decoded.
const Original = window.RTCPeerConnection;
window.RTCPeerConnection = class extends Original {
  constructor(configuration?: RTCConfiguration) {
    super(configuration);
    connections.push(this);
  }
} as typeof RTCPeerConnection;

/** A signer with a key of the probe's own: what anyone without the host's key can do. */
async function forgedSigner(): Promise<(payload: Uint8Array) => Promise<Uint8Array>> {
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'sign',
    'verify',
  ]);
  return async (payload) =>
    new Uint8Array(
      await crypto.subtle.sign(
        { name: 'ECDSA', hash: 'SHA-256' },
        keys.privateKey,
        new Uint8Array(payload),
      ),
    );
}

const probe = {
  async join(options: ProbeJoin): Promise<string> {
    let keys: RoomKeyRing | null = null;
    if (options.key) {
      keys = new RoomKeyRing();
      room = new Room({ encryption: { keyProvider: keys, worker: new E2EEWorker() } });
      await keys.useKey(options.key, options.keyIndex ?? 0);
      await room.setE2EEEnabled(true);
    } else {
      room = new Room();
    }
    room.on(RoomEvent.DataReceived, (payload, _participant, _kind, topic) =>
      seen.push({ topic: topic ?? '', bytes: [...payload] }),
    );
    room.on(RoomEvent.Disconnected, (reason?: DisconnectReason) => {
      if (reason === DisconnectReason.PARTICIPANT_REMOVED) removed = true;
    });
    try {
      await room.connect(options.serverUrl, options.token, {
        autoSubscribe: true,
        rtcConfig: { iceServers: [] },
      });
    } catch (error) {
      // Removed while still joining (the host's app is quick to throw out a locked-out
      // identity): the server's leave request then ends connect() instead of a Disconnected.
      // livekit-client passes the leave's reason as the error's context.
      const context: unknown =
        error instanceof ConnectionError && error.reason === ConnectionErrorReason.LeaveRequest
          ? error.context
          : undefined;
      const reason =
        typeof context === 'object' && context !== null && 'reason' in context
          ? context.reason
          : context;
      if (reason === DisconnectReason.PARTICIPANT_REMOVED) removed = true;
      throw error;
    }
    if (keys) {
      channel = new SecureChannel({
        room,
        keys,
        hostPublicKey:
          options.hostPublicKey ?? toBase64Url(Uint8Array.from([4, ...new Array(64).fill(1)])),
        sign: await forgedSigner(),
      });
    }
    return room.localParticipant.identity;
  },

  async publishCamera(): Promise<void> {
    if (!room) throw new Error('not joined');
    await room.localParticipant.publishTrack(await createLocalVideoTrack());
  },

  /** Several pictures from the one probe, as several people's cameras would arrive. */
  async publishPictures(count: number): Promise<void> {
    if (!room) throw new Error('not joined');
    for (let n = 0; n < count; n += 1) {
      await room.localParticipant.publishTrack(await createLocalVideoTrack(), {
        name: `picture-${room.localParticipant.trackPublications.size}`,
        source: Track.Source.Unknown,
      });
    }
  },

  async publishMicrophone(): Promise<void> {
    if (!room) throw new Error('not joined');
    await room.localParticipant.setMicrophoneEnabled(true);
  },

  /** An unencrypted data packet on any topic (with the `encryption` option off). */
  async sendPlain(topic: string, text: string): Promise<void> {
    if (!room) throw new Error('not joined');
    await room.localParticipant.publishData(new TextEncoder().encode(text), {
      reliable: true,
      topic,
    });
  },

  /** An unencrypted text stream, the way the old chat travelled. */
  async sendText(topic: string, text: string): Promise<void> {
    if (!room) throw new Error('not joined');
    await room.localParticipant.sendText(text, { topic });
  },

  /** A sealed app message; control messages carry the probe's own (forged) signature. */
  async sendSealed<T extends MessageType>(type: T, body: MessageBody<T>): Promise<void> {
    if (!channel) throw new Error('joined without a key');
    await channel.send(type, body);
  },

  /** The data packets received so far: their topic and bytes. */
  packetsSeen(): { topic: string; bytes: number[] }[] {
    return seen;
  },

  remoteIdentities(): string[] {
    return room
      ? [...room.remoteParticipants.values()].map((p: RemoteParticipant) => p.identity)
      : [];
  },

  async state(): Promise<ProbeState> {
    let framesDecoded = 0;
    let videoPackets = 0;
    for (const connection of connections) {
      if (connection.connectionState === 'closed') continue;
      const stats = await connection.getStats();
      stats.forEach(
        (report: {
          type: string;
          kind?: string;
          framesDecoded?: number;
          packetsReceived?: number;
        }) => {
          if (report.type === 'inbound-rtp' && report.kind === 'video') {
            framesDecoded += report.framesDecoded ?? 0;
            videoPackets += report.packetsReceived ?? 0;
          }
        },
      );
    }
    return {
      connected: room?.state === 'connected',
      removed,
      identity: room?.localParticipant.identity ?? '',
      framesDecoded,
      videoPackets,
      packets: seen.length,
    };
  },

  async leave(): Promise<void> {
    await room?.disconnect();
  },
};

declare global {
  interface Window {
    probe: typeof probe;
  }
}
window.probe = probe;
document.body.dataset.ready = 'true';
