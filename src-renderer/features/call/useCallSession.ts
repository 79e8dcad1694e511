import type { Room } from 'livekit-client';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import {
  CallSession,
  type CallRole,
  type CallSnapshot,
  type MediaConsent,
} from '../../livekit/call-session';
import type { CallTicket } from '../../livekit/sealed-ticket';
import type { ConnectionView } from '../connection/connection-state';
import type { ConsentEvent, ConsentPurpose } from '../consent/consent';

export type { CallTicket, MediaConsent };

export interface CallActions {
  setCamera: (on: boolean) => Promise<void>;
  setMicrophone: (on: boolean) => Promise<void>;
  setScreen: (on: boolean) => Promise<void>;
  recordConsent: (purpose: ConsentPurpose, state: ConsentEvent['state']) => void;
  answerHomeView: (accept: boolean) => Promise<void>;
  endHomeView: () => Promise<void>;
  leave: () => Promise<void>;
  /** "Wieder verbinden": the same call, after LiveKit gave up. */
  rejoin: () => Promise<void>;
  /** Others' video off (true) or back on (false). */
  setAudioOnly: (on: boolean) => void;
  setHand: (raised: boolean) => void;
  /** Host only: ends the call for everyone (a signed message), then leaves. */
  endForAll: () => Promise<void>;
}

/** The call as the UI reads it: the core's snapshot, its session, and the actions. */
export type CallView = CallSnapshot &
  CallActions & {
    session: CallSession | null;
    room: Room | null;
    /** Display names by identity (only those whose sealed hello arrived). */
    names: ReadonlyMap<string, string>;
    /** How the line is, for me and each person, and what the call does about it. */
    connection: ConnectionView | null;
  };

const idle: CallSnapshot = {
  phase: 'connecting',
  failure: null,
  reconnecting: false,
  people: new Map(),
  myIdentity: null,
  myConsent: [],
  sessionStart: Date.now(),
  hostIdentity: null,
  safetyCode: null,
  keyIndex: 0,
  rejectedMessages: 0,
  deviceProblem: false,
  homeViewRequest: null,
  homeViewActive: false,
  camera: false,
  microphone: false,
  screen: false,
  hand: false,
};
const noop = () => () => {};

/**
 * Joins the call with a fresh call core and adapts it to React. A new `attempt` makes a new
 * core (after a failure); leaving the screen leaves the call.
 */
export function useCallSession(
  ticket: CallTicket,
  media: MediaConsent,
  options: { name: string; role: CallRole; attempt?: number },
): CallView {
  const [session, setSession] = useState<CallSession | null>(null);
  const [failed, setFailed] = useState(false);
  const { name, role } = options;

  useEffect(() => {
    let current: CallSession | null = null;
    let cancelled = false;
    void CallSession.create({ ticket, name, media, role })
      .then((created) => {
        current = created;
        if (cancelled) return void created.leave();
        setSession(created);
        return created.join();
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
      setSession(null);
      setFailed(false);
      void current?.leave();
    };
    // One core per ticket and attempt; name, media and role are read when it starts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ticket, options.attempt]);

  const snapshot = useSyncExternalStore(
    session?.subscribe ?? noop,
    () => session?.snapshot ?? idle,
  );
  const connection = useSyncExternalStore(
    session ? (listener: () => void) => session.connection.subscribe(listener) : noop,
    () => session?.connection.state ?? null,
  );

  return useMemo(() => {
    const names = new Map<string, string>();
    for (const [identity, person] of snapshot.people)
      if (person.name) names.set(identity, person.name);
    const state: CallSnapshot = failed
      ? { ...snapshot, phase: 'failed', failure: snapshot.failure ?? 'e2ee-unsupported' }
      : snapshot;
    return {
      ...state,
      session,
      room: session?.room ?? null,
      names,
      setCamera: async (on) => session?.setCamera(on),
      setMicrophone: async (on) => session?.setMicrophone(on),
      setScreen: async (on) => session?.setScreen(on),
      recordConsent: (purpose, consentState) => session?.recordConsent(purpose, consentState),
      answerHomeView: async (accept) => session?.answerHomeView(accept),
      endHomeView: async () => session?.endHomeView(),
      leave: async () => session?.leave(),
      rejoin: async () => session?.rejoin(),
      setAudioOnly: (on) => session?.setAudioOnly(on),
      setHand: (raised) => session?.setHand(raised),
      endForAll: async () => session?.endForAll(),
      connection,
    };
  }, [session, snapshot, connection, failed]);
}
