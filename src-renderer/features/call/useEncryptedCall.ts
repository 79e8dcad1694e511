import {
  ConnectionError,
  ConnectionErrorReason,
  ConnectionState,
  DisconnectReason,
  MediaDeviceFailure,
  RoomEvent,
  Track,
  type LocalTrackPublication,
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
import { logEvent } from '../../platform/log';
import type { ConsentEvent, ConsentPurpose } from '../consent/consent';

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

/** One person as the room knows them: name and consent log, both sent encrypted. */
export interface PersonCard {
  name: string;
  consent: readonly ConsentEvent[];
}

export interface EncryptedCallState {
  room: Room | null;
  keys: RoomKeyRing | null;
  phase: CallPhase;
  failure: CallFailure | null;
  reconnecting: boolean;
  /** Display names by identity; they arrive encrypted inside the room. */
  names: ReadonlyMap<string, string>;
  /** Everyone else's card, by identity. */
  people: ReadonlyMap<string, PersonCard>;
  /** My own consent log. */
  myConsent: readonly ConsentEvent[];
  /** When the session began (the host's join), for session-relative times. */
  sessionStart: number;
  /** Remote participants whose media we cannot decrypt (wrong key). */
  undecryptable: ReadonlySet<string>;
  /** Camera or microphone could not be started (denied or missing). */
  deviceProblem: boolean;
  /** A guest's open question from the host: may they see the surroundings? */
  homeViewRequest: { from: string; reason: string } | null;
  /** The guest is showing their surroundings now. */
  homeViewActive: boolean;
  camera: boolean;
  microphone: boolean;
  screen: boolean;
}

export interface EncryptedCallActions {
  /** Shares the screen after the person agreed in the app's own prompt; off unpublishes it. */
  setScreen: (on: boolean) => Promise<void>;
  /** Off unpublishes the track at once (not just mutes it), and logs the withdrawal. */
  setCamera: (on: boolean) => Promise<void>;
  setMicrophone: (on: boolean) => Promise<void>;
  recordConsent: (purpose: ConsentPurpose, state: ConsentEvent['state']) => void;
  /** Host: asks one guest to show their surroundings. */
  requestHomeView: (identity: string, reason: string) => Promise<void>;
  /** Guest: answers the host's request. */
  answerHomeView: (accept: boolean) => Promise<void>;
  /** Guest: stops showing the surroundings. */
  endHomeView: () => Promise<void>;
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
  /** The one participant whose key changes and requests are followed (the host); undefined for the host. */
  hostIdentity?: string;
  /** Consent given before joining (the privacy notice), recorded first. */
  joinedAt?: number;
  attempt?: number;
}

/**
 * Joins an encrypted room and publishes camera and microphone only after the local
 * encryption status is active and only as consented. Names and consent logs are
 * exchanged inside the encrypted room; a key change from the host is followed at once.
 */
export function useEncryptedCall(
  ticket: CallTicket,
  consent: MediaConsent,
  options: CallOptions,
): EncryptedCallState & EncryptedCallActions {
  const [state, setState] = useState<EncryptedCallState>(() => ({
    room: null,
    keys: null,
    phase: 'connecting',
    failure: null,
    reconnecting: false,
    names: new Map(),
    people: new Map(),
    myConsent: [],
    sessionStart: Date.now(),
    undecryptable: new Set(),
    deviceProblem: false,
    homeViewRequest: null,
    homeViewActive: false,
    camera: false,
    microphone: false,
    screen: false,
  }));
  const consentRef = useRef(consent);
  const nameRef = useRef(options.displayName);
  const hostRef = useRef(options.hostIdentity);
  const roomRef = useRef<Room | null>(null);
  const myConsentRef = useRef<ConsentEvent[]>([]);
  const sessionStartRef = useRef<number | undefined>(undefined);
  // Set once the room is connected and encrypted: sends my card to everyone, or to some.
  const shareCardRef = useRef<((to?: string[]) => void) | null>(null);
  const cameraWasOnRef = useRef(false);

  const recordConsent = (purpose: ConsentPurpose, consentState: ConsentEvent['state']) => {
    logEvent(`consent.${consentState}`, { [purpose.replace('-', '_')]: true });
    myConsentRef.current = [
      ...myConsentRef.current,
      { purpose, state: consentState, at: Date.now() },
    ];
    setState((previous) => ({ ...previous, myConsent: myConsentRef.current }));
    shareCardRef.current?.();
  };

  useEffect(() => {
    let cancelled = false;
    let activeRoom: Room | null = null;
    const timers: ReturnType<typeof setTimeout>[] = [];
    const update = (patch: Partial<EncryptedCallState>) => {
      if (!cancelled) setState((previous) => ({ ...previous, ...patch }));
    };
    const setCard = (identity: string, card: PersonCard, sessionStart?: number) =>
      setState((previous) => ({
        ...previous,
        people: new Map(previous.people).set(identity, card),
        names: new Map(previous.names).set(identity, card.name),
        sessionStart: sessionStart ?? previous.sessionStart,
      }));

    async function publishConsentedMedia(room: Room) {
      const { camera, microphone, cameraDeviceId, microphoneDeviceId } = consentRef.current;
      try {
        if (microphone) {
          await room.localParticipant.setMicrophoneEnabled(
            true,
            microphoneDeviceId ? { deviceId: microphoneDeviceId } : undefined,
          );
          update({ microphone: true });
          recordConsent('microphone', 'agreed');
        }
        if (camera) {
          await room.localParticipant.setCameraEnabled(
            true,
            cameraDeviceId ? { deviceId: cameraDeviceId } : undefined,
          );
          update({ camera: true });
          recordConsent('camera', 'agreed');
        }
      } catch (error) {
        if (MediaDeviceFailure.getFailure(error) !== undefined || error instanceof DOMException) {
          update({ deviceProblem: true });
        }
      }
    }

    const started = Date.now();
    (async () => {
      const { room, keys } = await createEncryptedRoom(ticket.key, ticket.keyIndex);
      activeRoom = room;
      roomRef.current = room;
      if (cancelled) return;
      update({ room, keys });

      let secured = false;
      let connected = false;
      // My card goes out once the room is both connected and encrypted, and again a little
      // later: a packet sent before a peer's data channel is open is lost, not queued.
      const shareCard = (to?: string[]) =>
        void sendMessage(
          room,
          {
            type: 'hello',
            name: nameRef.current,
            consent: myConsentRef.current.slice(-100),
            sessionStart: sessionStartRef.current,
          },
          to,
        ).catch(() => {});
      const later = (action: () => void) => {
        for (const delay of [500, 1500, 4000]) timers.push(setTimeout(action, delay));
      };
      const announce = () => {
        if (!secured || !connected) return;
        shareCardRef.current = shareCard;
        shareCard();
        later(() => shareCard());
      };
      const onSecured = () => {
        if (secured || cancelled) return;
        secured = true;
        update({ phase: 'ready' });
        logEvent('call.joined', { ms: Date.now() - started });
        recordConsent('joining', 'agreed');
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
      room.on(RoomEvent.LocalTrackUnpublished, (publication: LocalTrackPublication) => {
        if (publication.source === Track.Source.Camera) update({ camera: false });
        if (publication.source === Track.Source.Microphone) update({ microphone: false });
        if (publication.source === Track.Source.ScreenShare) {
          // Also when the person stops sharing from the browser's own bar.
          if (myConsentRef.current.at(-1)?.purpose !== 'screen')
            recordConsent('screen', 'withdrawn');
          update({ screen: false });
        }
      });

      // A newcomer greets everyone once it is ready; each answers it (again later, too).
      const greeted = new Set<string>();
      room.on(RoomEvent.ParticipantConnected, (participant: RemoteParticipant) => {
        if (secured && connected) later(() => shareCard([participant.identity]));
      });
      onMessage(room, (message, from) => {
        if (!from) return;
        const fromHost = hostRef.current !== undefined && from.identity === hostRef.current;
        if (message.type === 'hello') {
          setCard(
            from.identity,
            { name: message.name, consent: message.consent },
            fromHost ? message.sessionStart : undefined,
          );
          if (!greeted.has(from.identity)) {
            greeted.add(from.identity);
            shareCard([from.identity]);
          }
        }
        if (message.type === 'rekey' && fromHost) void keys.useKey(message.key, message.index);
        if (message.type === 'home-view-request' && fromHost) {
          update({ homeViewRequest: { from: from.identity, reason: message.reason } });
          recordConsent('home-view', 'requested');
        }
      });

      await room.connect(ticket.serverUrl, ticket.token, connectOptions());
      connected = true;
      if (hostRef.current === undefined) {
        // I am the host: the session starts now.
        sessionStartRef.current = Date.now();
        update({ sessionStart: sessionStartRef.current });
      }
      announce();
      // The worker may confirm encryption before connect() resolves; never step back.
      if (!secured) update({ phase: 'securing' });
    })().catch((error: unknown) => {
      update({ phase: 'failed', failure: failureOf(error) });
      logEvent('call.failed', { unreachable: failureOf(error) === 'server-unreachable' });
    });

    return () => {
      cancelled = true;
      timers.forEach(clearTimeout);
      shareCardRef.current = null;
      roomRef.current = null;
      void activeRoom?.disconnect();
    };
  }, [ticket.serverUrl, ticket.token, ticket.key, ticket.keyIndex, options.attempt]);

  const unpublish = async (source: Track.Source) => {
    const room = roomRef.current;
    const track = room?.localParticipant.getTrackPublication(source)?.track;
    if (room && track) await room.localParticipant.unpublishTrack(track, true);
  };

  /** On publishes (the person just agreed); off unpublishes at once. Both are logged. */
  const setDevice = async (device: 'camera' | 'microphone', on: boolean) => {
    const room = roomRef.current;
    if (!room) return;
    const local = room.localParticipant;
    if (on) {
      await (
        device === 'camera' ? local.setCameraEnabled(true) : local.setMicrophoneEnabled(true)
      ).catch(() => setState((p) => ({ ...p, deviceProblem: true })));
    } else {
      await unpublish(device === 'camera' ? Track.Source.Camera : Track.Source.Microphone);
    }
    setState((previous) => ({ ...previous, [device]: on }));
    recordConsent(device, on ? 'agreed' : 'withdrawn');
  };
  const setCamera = (on: boolean) => setDevice('camera', on);
  const setMicrophone = (on: boolean) => setDevice('microphone', on);

  const setScreen = async (on: boolean) => {
    const room = roomRef.current;
    if (!room) return;
    if (on) {
      try {
        await room.localParticipant.setScreenShareEnabled(true, { audio: false });
      } catch {
        return; // The person cancelled the browser's picker: nothing shared, nothing to log.
      }
      if (!room.localParticipant.getTrackPublication(Track.Source.ScreenShare)) return;
      setState((previous) => ({ ...previous, screen: true }));
      recordConsent('screen', 'agreed');
    } else {
      recordConsent('screen', 'withdrawn');
      await unpublish(Track.Source.ScreenShare);
      setState((previous) => ({ ...previous, screen: false }));
    }
  };

  const requestHomeView = async (identity: string, reason: string) => {
    const room = roomRef.current;
    if (room) await sendMessage(room, { type: 'home-view-request', reason }, [identity]);
  };

  const answerHomeView = async (accept: boolean) => {
    const room = roomRef.current;
    setState((previous) => ({ ...previous, homeViewRequest: null }));
    if (!accept || !room) {
      recordConsent('home-view', 'declined');
      return;
    }
    cameraWasOnRef.current = state.camera;
    const track = room.localParticipant.getTrackPublication(Track.Source.Camera)?.track;
    if (track) await track.restartTrack({ facingMode: 'environment' }).catch(() => {});
    else
      await room.localParticipant
        .setCameraEnabled(true, { facingMode: 'environment' })
        .catch(() => {});
    setState((previous) => ({ ...previous, homeViewActive: true, camera: true }));
    recordConsent('home-view', 'agreed');
  };

  const endHomeView = async () => {
    const room = roomRef.current;
    if (cameraWasOnRef.current) {
      const track = room?.localParticipant.getTrackPublication(Track.Source.Camera)?.track;
      await track?.restartTrack({ facingMode: 'user' }).catch(() => {});
    } else {
      await unpublish(Track.Source.Camera);
    }
    setState((previous) => ({
      ...previous,
      homeViewActive: false,
      camera: cameraWasOnRef.current,
    }));
    recordConsent('home-view', 'withdrawn');
  };

  return {
    ...state,
    setCamera,
    setMicrophone,
    setScreen,
    recordConsent,
    requestHomeView,
    answerHomeView,
    endHomeView,
  };
}
