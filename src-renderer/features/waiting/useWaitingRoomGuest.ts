import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Invite } from '../../../src-shared/invite-link';
import { WaitingRoomGuest, type WaitingState } from '../../livekit/waiting-room';

export type { WaitingState };

const connecting: WaitingState = { phase: 'connecting' };
const noop = () => () => {};

/**
 * A guest in the waiting room (see livekit/waiting-room.ts), adapted to React. The lobby
 * object is handed on with the admission: its one-time key receives later key changes.
 */
export function useWaitingRoomGuest(
  invite: Invite,
  name: string,
  attempt: number,
): { state: WaitingState; lobby: WaitingRoomGuest | null; leave: () => Promise<void> } {
  const [lobby, setLobby] = useState<WaitingRoomGuest | null>(null);
  useEffect(() => {
    const created = new WaitingRoomGuest(invite, name);
    // The lobby lives as long as this effect: made here, closed in the cleanup.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setLobby(created);
    void created.join();
    return () => {
      setLobby(null);
      void created.close();
    };
  }, [invite, name, attempt]);
  const state = useSyncExternalStore(lobby?.subscribe ?? noop, () => lobby?.snapshot ?? connecting);
  return { state, lobby, leave: async () => lobby?.leave() };
}
