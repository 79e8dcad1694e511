import {
  ConnectionError,
  ConnectionErrorReason,
  ConnectionState,
  MediaDeviceFailure,
  RoomEvent,
  type Participant,
  type Room,
} from 'livekit-client';
import { useEffect, useRef, useState } from 'react';
import {
  connectOptions,
  createEncryptedRoom,
  EncryptionUnsupportedError,
} from '../../livekit/encrypted-room';

export interface CallTicket {
  serverUrl: string;
  token: string;
  key: string;
}

/** What the person agreed to before joining; nothing else is published. */
export interface MediaConsent {
  camera: boolean;
  microphone: boolean;
}

export type CallPhase = 'connecting' | 'securing' | 'ready' | 'failed';
export type CallFailure = 'server-unreachable' | 'not-allowed' | 'e2ee-unsupported' | 'internal';

export interface EncryptedCallState {
  room: Room | null;
  phase: CallPhase;
  failure: CallFailure | null;
  reconnecting: boolean;
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

/**
 * Joins an encrypted room and publishes camera and microphone only after the local
 * encryption status is active and only as consented.
 */
export function useEncryptedCall(
  ticket: CallTicket,
  consent: MediaConsent,
  attempt = 0,
): EncryptedCallState {
  const [state, setState] = useState<EncryptedCallState>({
    room: null,
    phase: 'connecting',
    failure: null,
    reconnecting: false,
    undecryptable: new Set(),
    deviceProblem: false,
  });
  const consentRef = useRef(consent);

  useEffect(() => {
    let cancelled = false;
    let activeRoom: Room | null = null;
    const update = (patch: Partial<EncryptedCallState>) => {
      if (!cancelled) setState((previous) => ({ ...previous, ...patch }));
    };

    async function publishConsentedMedia(room: Room) {
      const { camera, microphone } = consentRef.current;
      try {
        await room.localParticipant.setMicrophoneEnabled(microphone);
        await room.localParticipant.setCameraEnabled(camera);
      } catch (error) {
        if (MediaDeviceFailure.getFailure(error) !== undefined || error instanceof DOMException) {
          update({ deviceProblem: true });
        }
      }
    }

    (async () => {
      const { room } = await createEncryptedRoom(ticket.key);
      activeRoom = room;
      if (cancelled) return;
      update({ room });

      let secured = false;
      const onSecured = () => {
        if (secured || cancelled) return;
        secured = true;
        update({ phase: 'ready' });
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
          if (!previous.undecryptable.has(participant.identity)) return previous;
          const next = new Set(previous.undecryptable);
          next.delete(participant.identity);
          return { ...previous, undecryptable: next };
        });
      });
      room.on(RoomEvent.ConnectionStateChanged, (connection: ConnectionState) => {
        update({
          reconnecting:
            connection === ConnectionState.Reconnecting ||
            connection === ConnectionState.SignalReconnecting,
        });
      });

      await room.connect(ticket.serverUrl, ticket.token, connectOptions());
      // The worker may confirm encryption before connect() resolves; never step back.
      if (!secured) update({ phase: 'securing' });
    })().catch((error: unknown) => {
      update({ phase: 'failed', failure: failureOf(error) });
    });

    return () => {
      cancelled = true;
      void activeRoom?.disconnect();
    };
  }, [ticket.serverUrl, ticket.token, ticket.key, attempt]);

  return state;
}
