import { RoomEvent, type Room } from 'livekit-client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { connectOptions, createEncryptedRoom } from '../../livekit/encrypted-room';
import { logEvent } from '../../platform/log';
import { onMessage, sendMessage } from '../../livekit/room-messages';
import { sealTicket, type CallTicket } from '../../livekit/sealed-ticket';
import { KNOCK_INTERVAL_MS } from '../waiting/useWaitingRoomGuest';

export interface WaitingGuest {
  identity: string;
  name: string;
  publicKey: string;
  /** When they first knocked (ms since the epoch). */
  since: number;
  lastSeen: number;
}

export interface WaitingRoomHostState {
  connected: boolean;
  guests: WaitingGuest[];
  /** The most recent "X is waiting" notice, for a live region. */
  notice: string | null;
}

export interface WaitingRoomHostActions {
  admit: (identity: string) => Promise<void>;
  decline: (identity: string) => Promise<void>;
  /** Undefined while fewer than two are waiting. */
  admitAll?: () => Promise<void>;
}

/** A short tone made on the spot: no audio file to load. */
function chime(): void {
  try {
    const context = new AudioContext();
    const tone = context.createOscillator();
    const gain = context.createGain();
    tone.frequency.value = 660;
    gain.gain.setValueAtTime(0.15, context.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + 0.4);
    tone.connect(gain).connect(context.destination);
    tone.start();
    tone.stop(context.currentTime + 0.4);
    tone.onended = () => void context.close();
  } catch {
    // No sound device: the visible notice is enough.
  }
}

/**
 * The host's side of the waiting room: says "I am here", lists who knocks and since when,
 * and lets people in by sealing a call ticket to each guest's one-time key.
 */
export function useWaitingRoomHost(options: {
  serverUrl: string;
  token: string;
  waitingKey: string;
  /** A fresh ticket into the call for one guest. */
  ticketFor: () => Promise<CallTicket | null>;
  knockedNotice: (name: string) => string;
}): WaitingRoomHostState & WaitingRoomHostActions {
  const [state, setState] = useState<WaitingRoomHostState>({
    connected: false,
    guests: [],
    notice: null,
  });
  const roomRef = useRef<Room | null>(null);
  const guestsRef = useRef(new Map<string, WaitingGuest>());
  // The latest callbacks, for the room's event handlers, which are set up once.
  const optionsRef = useRef(options);
  useEffect(() => {
    optionsRef.current = options;
  });

  const publish = useCallback((notice?: string) => {
    const guests = [...guestsRef.current.values()].sort((a, b) => a.since - b.since);
    setState((previous) => ({ ...previous, guests, notice: notice ?? previous.notice }));
  }, []);

  useEffect(() => {
    let cancelled = false;
    let announce: ReturnType<typeof setInterval> | undefined;
    let sweep: ReturnType<typeof setInterval> | undefined;
    const guests = guestsRef.current;

    (async () => {
      const { room } = await createEncryptedRoom(options.waitingKey);
      roomRef.current = room;
      if (cancelled) return;
      const present = () => void sendMessage(room, { type: 'host-present' }).catch(() => {});
      onMessage(room, (message) => {
        if (message.type === 'ping') present();
        if (message.type === 'knock') {
          const known = guests.get(message.identity);
          const now = Date.now();
          guests.set(message.identity, {
            identity: message.identity,
            name: message.name,
            publicKey: message.publicKey,
            since: known?.since ?? now,
            lastSeen: now,
          });
          if (!known) {
            chime();
            publish(optionsRef.current.knockedNotice(message.name));
          }
        }
        if (message.type === 'leave' && guests.delete(message.identity)) publish();
      });
      room.on(RoomEvent.SignalConnected, () =>
        setState((previous) => ({ ...previous, connected: true })),
      );
      await room.connect(options.serverUrl, options.token, connectOptions());
      if (cancelled) return;
      setState((previous) => ({ ...previous, connected: true }));
      present();
      announce = setInterval(present, 10_000);
      sweep = setInterval(() => {
        const cutoff = Date.now() - 3 * KNOCK_INTERVAL_MS;
        let changed = false;
        for (const [identity, guest] of guests) {
          if (guest.lastSeen < cutoff) changed = guests.delete(identity) || changed;
        }
        if (changed) publish();
      }, KNOCK_INTERVAL_MS);
    })().catch(() => {
      setState((previous) => ({ ...previous, connected: false }));
    });

    return () => {
      cancelled = true;
      clearInterval(announce);
      clearInterval(sweep);
      void roomRef.current?.disconnect();
      roomRef.current = null;
      guests.clear();
    };
  }, [options.serverUrl, options.token, options.waitingKey, publish]);

  const admit = useCallback(
    async (identity: string) => {
      const room = roomRef.current;
      const guest = guestsRef.current.get(identity);
      if (!room || !guest) return;
      const ticket = await optionsRef.current.ticketFor();
      if (!ticket) return;
      const sealed = await sealTicket(ticket, guest.publicKey);
      await sendMessage(room, { type: 'admit', ...sealed }, [identity]);
      logEvent('lobby.admitted', { waited_s: Math.round((Date.now() - guest.since) / 1000) });
      guestsRef.current.delete(identity);
      publish();
    },
    [publish],
  );

  const decline = useCallback(
    async (identity: string) => {
      const room = roomRef.current;
      if (!room) return;
      await sendMessage(room, { type: 'decline' }, [identity]);
      logEvent('lobby.declined');
      guestsRef.current.delete(identity);
      publish();
    },
    [publish],
  );

  const admitAll = async () => {
    for (const guest of state.guests) await admit(guest.identity);
  };

  return { ...state, admit, decline, admitAll: state.guests.length > 1 ? admitAll : undefined };
}
