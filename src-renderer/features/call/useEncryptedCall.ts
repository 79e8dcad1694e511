import {
  ConnectionError,
  ConnectionErrorReason,
  ConnectionState,
  DisconnectReason,
  MediaDeviceFailure,
  RoomEvent,
  type Participant,
  type RemoteParticipant,
  type Room,
} from 'livekit-client';
import { useEffect, useRef, useState } from 'react';
import {
  connectOptions,
  createEncryptedRoom,
  EncryptionUnsupportedError,
  type RoomKeyRing,
} from '../../livekit/encrypted-room';
import { onMessage, sendMessage } from '../../livekit/room-messages';
import type { CallTicket } from '../../livekit/sealed-ticket';

export type { CallTicket };

/** What the person agreed to before joining; nothing else is published. */
export interface MediaConsent {
  camera: boolean;
  microphone: boolean;
  cameraDeviceId?: string;
  microphoneDeviceId?: string;
}

export type CallPhase = 'connecting' | 'securing' | 'ready' | 'failed' | 'removed';
export type CallFailure = 'server-unreachable' | 'not-allowed' | 'e2ee-unsupported' | 'internal';

export interface EncryptedCallState {
  room: Room | null;
  keys: RoomKeyRing | null;
  phase: CallPhase;
  failure: CallFailure | null;
  reconnecting: boolean;
  /** Display names by identity; they arrive encrypted inside the room. */
  names: ReadonlyMap<string, string>;
  /** Remote participants whose media we cannot decrypt (wrong key). */
  undecryptable: ReadonlySet<string>;
  /** Camera or microphone could not be started (denied or missing). */
  deviceProblem: boolean;
}

function failureOf(error: unknown): CallFailure {
  if (error instanceof EncryptionUnsupportedError) return 'e2ee-unsupported';
  if (error instanceof ConnectionError) {
    return error.reason === ConnectionErrorReason.NotAllowed ? 'not-allowed' : 'server-unreachable';
  }
  return 'internal';
}

export interface CallOptions {
  displayName: string;
  /** The one participant whose key changes are followed (the host); undefined for the host. */
  hostIdentity?: string;
  attempt?: number;
}

/**
 * Joins an encrypted room and publishes camera and microphone only after the local
 * encryption status is active and only as consented. Names are exchanged inside the
 * encrypted room; a key change from the host is followed at once.
 */
export function useEncryptedCall(
  ticket: CallTicket,
  consent: MediaConsent,
  options: CallOptions,
): EncryptedCallState {
  const [state, setState] = useState<EncryptedCallState>({
    room: null,
    keys: null,
    phase: 'connecting',
    failure: null,
    reconnecting: false,
    names: new Map(),
    undecryptable: new Set(),
    deviceProblem: false,
  });
  const consentRef = useRef(consent);
  const nameRef = useRef(options.displayName);
  const hostRef = useRef(options.hostIdentity);

  useEffect(() => {
    let cancelled = false;
    let activeRoom: Room | null = null;
    const timers: ReturnType<typeof setTimeout>[] = [];
    const update = (patch: Partial<EncryptedCallState>) => {
      if (!cancelled) setState((previous) => ({ ...previous, ...patch }));
    };
    const setName = (identity: string, name: string) =>
      setState((previous) => ({ ...previous, names: new Map(previous.names).set(identity, name) }));

    async function publishConsentedMedia(room: Room) {
      const { camera, microphone, cameraDeviceId, microphoneDeviceId } = consentRef.current;
      try {
        await room.localParticipant.setMicrophoneEnabled(
          microphone,
          microphoneDeviceId ? { deviceId: microphoneDeviceId } : undefined,
        );
        await room.localParticipant.setCameraEnabled(
          camera,
          cameraDeviceId ? { deviceId: cameraDeviceId } : undefined,
        );
      } catch (error) {
        if (MediaDeviceFailure.getFailure(error) !== undefined || error instanceof DOMException) {
          update({ deviceProblem: true });
        }
      }
    }

    (async () => {
      const { room, keys } = await createEncryptedRoom(ticket.key, ticket.keyIndex);
      activeRoom = room;
      if (cancelled) return;
      update({ room, keys });

      let secured = false;
      let connected = false;
      // My name goes out once the room is both connected and encrypted, and again a little
      // later: a packet sent before a peer's data channel is open is lost, not queued.
      const hello = (to?: string[]) =>
        void sendMessage(room, { type: 'hello', name: nameRef.current }, to).catch(() => {});
      const later = (action: () => void) => {
        for (const delay of [500, 1500, 4000]) timers.push(setTimeout(action, delay));
      };
      const announce = () => {
        if (!secured || !connected) return;
        hello();
        later(() => hello());
      };
      const onSecured = () => {
        if (secured || cancelled) return;
        secured = true;
        update({ phase: 'ready' });
        announce();
        void publishConsentedMedia(room);
      };
      room.on(
        RoomEvent.ParticipantEncryptionStatusChanged,
        (encrypted: boolean, participant?: Participant) => {
          if (encrypted && (participant === undefined || participant.isLocal)) onSecured();
        },
      );
      room.on(RoomEvent.EncryptionError, (_error: Error, participant?: Participant) => {
        if (!participant || participant.isLocal) return;
        setState((previous) =>
          previous.undecryptable.has(participant.identity)
            ? previous
            : {
                ...previous,
                undecryptable: new Set(previous.undecryptable).add(participant.identity),
              },
        );
      });
      room.on(RoomEvent.ParticipantDisconnected, (participant: Participant) => {
        setState((previous) => {
          const undecryptable = new Set(previous.undecryptable);
          undecryptable.delete(participant.identity);
          return { ...previous, undecryptable };
        });
      });
      room.on(RoomEvent.ConnectionStateChanged, (connection: ConnectionState) => {
        update({
          reconnecting:
            connection === ConnectionState.Reconnecting ||
            connection === ConnectionState.SignalReconnecting,
        });
      });
      room.on(RoomEvent.Disconnected, (reason?: DisconnectReason) => {
        if (reason === DisconnectReason.PARTICIPANT_REMOVED) update({ phase: 'removed' });
      });
      // A newcomer greets everyone once it is ready; each answers it once. Greeting on
      // ParticipantConnected instead could reach the newcomer before it can decrypt.
      const greeted = new Set<string>();
      room.on(RoomEvent.ParticipantConnected, (participant: RemoteParticipant) => {
        if (secured && connected) later(() => hello([participant.identity]));
      });
      onMessage(room, (message, from) => {
        if (!from) return;
        if (message.type === 'hello') {
          setName(from.identity, message.name);
          if (!greeted.has(from.identity)) {
            greeted.add(from.identity);
            void sendMessage(room, { type: 'hello', name: nameRef.current }, [from.identity]).catch(
              () => {},
            );
          }
        }
        if (
          message.type === 'rekey' &&
          hostRef.current !== undefined &&
          from.identity === hostRef.current
        ) {
          void keys.useKey(message.key, message.index);
        }
      });

      await room.connect(ticket.serverUrl, ticket.token, connectOptions());
      connected = true;
      announce();
      // The worker may confirm encryption before connect() resolves; never step back.
      if (!secured) update({ phase: 'securing' });
    })().catch((error: unknown) => {
      update({ phase: 'failed', failure: failureOf(error) });
    });

    return () => {
      cancelled = true;
      timers.forEach(clearTimeout);
      void activeRoom?.disconnect();
    };
  }, [ticket.serverUrl, ticket.token, ticket.key, ticket.keyIndex, options.attempt]);

  return state;
}
