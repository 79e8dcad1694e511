import {
  ConnectionError,
  ConnectionErrorReason,
  DisconnectReason,
  RoomEvent,
  type RemoteParticipant,
  type Room,
} from 'livekit-client';
import { useEffect, useRef, useState } from 'react';
import type { Invite } from '../../../src-shared/invite-link';
import {
  connectOptions,
  createEncryptedRoom,
  EncryptionUnsupportedError,
} from '../../livekit/encrypted-room';
import { onMessage, sendMessage } from '../../livekit/room-messages';
import { newGuestKeyPair, openTicket, type CallTicket } from '../../livekit/sealed-ticket';

export type WaitingFailure = 'server-unreachable' | 'not-allowed' | 'e2ee-unsupported' | 'internal';

export type WaitingState =
  | { phase: 'connecting' }
  /** In the waiting room; the host has not arrived. */
  | { phase: 'host-absent' }
  /** The host is there and knows we are waiting. */
  | { phase: 'waiting' }
  | { phase: 'admitted'; ticket: CallTicket }
  | { phase: 'declined' }
  | { phase: 'failed'; failure: WaitingFailure };

/** How often a waiting guest says "still here"; the host forgets guests silent for 3× this. */
export const KNOCK_INTERVAL_MS = 4000;

/**
 * A guest in the waiting room: a separate room with its own key, where the guest is hidden
 * from other guests and talks only to the host. The knock carries the name and a one-time
 * public key; the ticket into the call comes back sealed to that key.
 */
export function useWaitingRoomGuest(
  invite: Invite,
  name: string,
  attempt: number,
): WaitingState & { leave: () => Promise<void> } {
  const [state, setState] = useState<WaitingState>({ phase: 'connecting' });
  const roomRef = useRef<Room | null>(null);
  const hostRef = useRef<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setInterval> | undefined;
    const set = (next: WaitingState) => {
      if (!cancelled) setState(next);
    };

    (async () => {
      const { keyPair, publicKey } = await newGuestKeyPair();
      const { room } = await createEncryptedRoom(invite.waitingKey);
      roomRef.current = room;
      if (cancelled) return;

      const knock = () => {
        const host = hostRef.current;
        if (!host) return;
        const identity = room.localParticipant.identity;
        void sendMessage(room, { type: 'knock', identity, name, publicKey }, [host]).catch(
          () => {},
        );
      };
      const hostArrived = (host: RemoteParticipant) => {
        hostRef.current = host.identity;
        set({ phase: 'waiting' });
        knock();
      };

      onMessage(room, (message, from) => {
        if (message.type === 'host-present' && from) hostArrived(from as RemoteParticipant);
        if (message.type === 'decline' && from?.identity === hostRef.current) {
          set({ phase: 'declined' });
          void room.disconnect();
        }
        if (message.type === 'admit' && from?.identity === hostRef.current) {
          void openTicket(keyPair, message).then((ticket) => {
            if (!ticket) return;
            set({ phase: 'admitted', ticket });
            void room.disconnect();
          });
        }
      });
      room.on(RoomEvent.ParticipantDisconnected, (participant) => {
        if (participant.identity === hostRef.current) {
          hostRef.current = null;
          set({ phase: 'host-absent' });
        }
      });
      room.on(RoomEvent.Disconnected, (reason?: DisconnectReason) => {
        if (reason === DisconnectReason.PARTICIPANT_REMOVED) set({ phase: 'declined' });
      });

      await room.connect(invite.serverUrl, invite.waitingToken, connectOptions());
      if (cancelled) return;
      set({ phase: 'host-absent' });
      // The only visible participant in a waiting room is the host.
      const host = [...room.remoteParticipants.values()][0];
      if (host) hostArrived(host);
      else void sendMessage(room, { type: 'ping' }).catch(() => {});
      timer = setInterval(knock, KNOCK_INTERVAL_MS);
    })().catch((error: unknown) => {
      let failure: WaitingFailure = 'internal';
      if (error instanceof EncryptionUnsupportedError) failure = 'e2ee-unsupported';
      else if (error instanceof ConnectionError) {
        failure =
          error.reason === ConnectionErrorReason.NotAllowed ? 'not-allowed' : 'server-unreachable';
      }
      set({ phase: 'failed', failure });
    });

    return () => {
      cancelled = true;
      clearInterval(timer);
      void roomRef.current?.disconnect();
      roomRef.current = null;
      hostRef.current = null;
    };
  }, [invite.serverUrl, invite.waitingToken, invite.waitingKey, name, attempt]);

  const leave = async () => {
    const room = roomRef.current;
    const host = hostRef.current;
    if (room && host) {
      await sendMessage(room, { type: 'leave', identity: room.localParticipant.identity }, [
        host,
      ]).catch(() => {});
    }
    await room?.disconnect();
  };

  return { ...state, leave };
}
