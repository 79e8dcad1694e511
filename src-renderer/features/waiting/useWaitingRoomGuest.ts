import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Invite } from '../../../src-shared/invite-link';
import {
  joinWaitingRoom,
  type WaitingRoomGuest,
  type WaitingState,
} from '../../livekit/waiting-room';
import type { EarlyDoor } from './early-door';

export type { WaitingState };

const connecting: WaitingState = { phase: 'connecting' };
const noop = () => () => {};

/**
 * A guest in the waiting room (see livekit/waiting-room.ts), adapted to React. The lobby
 * object is handed on with the admission: its one-time key receives later key changes.
 * `door`, a waiting room joined ahead, is taken by the first attempt only: a retry (or a
 * second run of the effect) joins afresh.
 */
export function useWaitingRoomGuest(
  invite: Invite,
  name: string,
  attempt: number,
  door?: EarlyDoor | null,
): { state: WaitingState; lobby: WaitingRoomGuest | null; leave: () => Promise<void> } {
  const [lobby, setLobby] = useState<WaitingRoomGuest | null>(null);
  const early = useRef(door ?? null);
  useEffect(() => {
    const given = early.current;
    early.current = null;
    const fresh = () => joinWaitingRoom(invite);
    // The lobby lives as long as this effect: taken or made here, closed in the cleanup.
    let ended = false;
    let taken: WaitingRoomGuest | null = null;
    void (given ?? Promise.resolve(fresh()))
      .catch(fresh) // the early door's code did not load: join the usual way
      .then((created) => {
        if (ended) return void created.close();
        taken = created;
        created.enter(name);
        setLobby(created);
      });
    return () => {
      ended = true;
      setLobby(null);
      void taken?.close();
    };
  }, [invite, name, attempt]);
  const state = useSyncExternalStore(lobby?.subscribe ?? noop, () => lobby?.snapshot ?? connecting);
  return { state, lobby, leave: async () => lobby?.leave() };
}
