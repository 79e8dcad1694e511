import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import type { CallSession } from '../../livekit/call-session';
import {
  WaitingRoomHost,
  type WaitingGuest,
  type WaitingRoomHostOptions,
  type WaitingRoomHostState,
} from '../../livekit/waiting-room';
import { notifyKnock } from '../../platform/desktop';
import { logEvent } from '../../platform/log';

export type { WaitingGuest };

export interface WaitingRoomHostView extends WaitingRoomHostState {
  /** The most recent "X is waiting" notice, for a live region. */
  notice: string | null;
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

const empty: WaitingRoomHostState = { connected: false, guests: [] };
const noop = () => () => {};

/** The host's waiting room (see livekit/waiting-room.ts), adapted to React. */
export function useWaitingRoomHost(
  options: Omit<WaitingRoomHostOptions, 'ticketFor'> & {
    ticketFor: WaitingRoomHostOptions['ticketFor'];
    knockedNotice: (name: string) => string;
    usedNotice: (name: string) => string;
    /**
     * The call, once it runs: its co-hosts see this waiting room and may ask for someone to
     * be let in (see livekit/team.ts).
     */
    call?: CallSession | null;
  },
): WaitingRoomHostView {
  const { t } = useTranslation();
  const [lobby, setLobby] = useState<WaitingRoomHost | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // The latest callbacks, for a lobby that is made once per token.
  const latest = useRef(options);
  const translate = useRef(t);
  useEffect(() => {
    latest.current = options;
    translate.current = t;
  });

  useEffect(() => {
    const { serverUrl, token, waitingKey, hostPublicKey, revoked } = latest.current;
    const created = new WaitingRoomHost({
      serverUrl,
      token,
      waitingKey,
      hostPublicKey,
      revoked,
      sign: (payload) => latest.current.sign(payload),
      ticketFor: (guest) => latest.current.ticketFor(guest),
      doorFor: async (guest) => (await latest.current.doorFor?.(guest)) ?? null,
    });
    const stop = created.onEvent((event) => {
      if (event.kind === 'knocked') {
        chime();
        notifyKnock();
        setNotice(latest.current.knockedNotice(event.guest.name));
      }
      if (event.kind === 'used') setNotice(latest.current.usedNotice(event.guest.name));
      if (event.kind === 'refused') {
        setNotice(translate.current('invites.refusedNotice', { name: event.guest.name }));
        logEvent('lobby.refused_revoked');
      }
      if (event.kind === 'admitted') {
        logEvent('lobby.admitted', {
          waited_s: Math.round((Date.now() - event.guest.since) / 1000),
        });
      }
    });
    setLobby(created);
    void created.join();
    return () => {
      stop();
      setLobby(null);
      void created.close();
    };
  }, [options.serverUrl, options.token]);

  // Co-hosts see this waiting room while both the call and the waiting room run.
  const call = options.call ?? null;
  useEffect(() => {
    if (call && lobby) return call.shareWaitingRoom(lobby);
  }, [call, lobby]);

  const state = useSyncExternalStore(lobby?.subscribe ?? noop, () => lobby?.snapshot ?? empty);
  return {
    ...state,
    notice,
    admit: async (identity) => lobby?.admit(identity),
    decline: async (identity) => {
      await lobby?.decline(identity);
      logEvent('lobby.declined');
    },
    admitAll: state.guests.length > 1 ? async () => lobby?.admitAll() : undefined,
  };
}
