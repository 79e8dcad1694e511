import type { Room } from 'livekit-client';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import {
  CallSession,
  initialSnapshot,
  type CallRole,
  type CallSnapshot,
  type Device,
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
  /** The host's request to switch my microphone or camera: accept switches it, decline does nothing. */
  answerDeviceRequest: (accept: boolean) => Promise<void>;
  /** The host and co-hosts may present and let people in. */
  mayPresent: (identity: string) => boolean;
}

/**
 * What only the host (or a co-host) may do. Undefined: not available to this person now
 * (a guest, or the call is not ready).
 */
export interface CallTeamActions {
  /** Host: asks one person to switch their microphone or camera on or off. */
  requestDevice?: (identity: string, device: Device, on: boolean) => Promise<void>;
  /** Host: makes someone co-host, or takes it back. */
  setCohost?: (identity: string, on: boolean) => Promise<void>;
  /** Host: out of the call and back to the waiting room; they may be let in again. */
  sendBack?: (identity: string) => Promise<void>;
  /** Host: out of the call for good; the link they came with is withdrawn. */
  remove?: (identity: string) => Promise<void>;
  /** Host: asks someone to show their surroundings, with a reason. */
  requestHomeView?: (identity: string, reason: string) => Promise<void>;
  /** Co-host: asks the host's app to let a waiting guest in. */
  admitWaiting?: (identity: string) => Promise<void>;
}

/** The call as the UI reads it: the core's snapshot, its session, and the actions. */
export type CallView = CallSnapshot &
  CallActions &
  CallTeamActions & {
    session: CallSession | null;
    room: Room | null;
    /** Display names by identity (only those whose sealed hello arrived). */
    names: ReadonlyMap<string, string>;
    /** How the line is, for me and each person, and what the call does about it. */
    connection: ConnectionView | null;
  };

const idle: CallSnapshot = initialSnapshot();
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
    const ready = session !== null && state.phase === 'ready';
    const host = ready && session.role.kind === 'host' ? session : null;
    const cohost = ready && state.cohost && state.cohostLobby ? session : null;
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
      answerDeviceRequest: async (accept) => session?.answerDeviceRequest(accept),
      mayPresent: (identity) => session?.mayPresent(identity) ?? false,
      requestDevice: host
        ? async (identity, device, on) => void (await host.requestDevice(identity, device, on))
        : undefined,
      setCohost: host
        ? async (identity, on) => void (await host.setCohost(identity, on))
        : undefined,
      sendBack: host ? async (identity) => void (await host.sendBack(identity)) : undefined,
      remove: host ? async (identity) => void (await host.remove(identity)) : undefined,
      requestHomeView: host
        ? async (identity, reason) => host.requestHomeView(identity, reason)
        : undefined,
      admitWaiting: cohost
        ? async (identity) => void (await cohost.admitWaiting(identity))
        : undefined,
      connection,
    };
  }, [session, snapshot, connection, failed]);
}
