import type { Invite } from '../../../src-shared/invite-link';
import type { WaitingRoomGuest } from '../../livekit/waiting-room';

/** A waiting room joined ahead, not yet entered (see livekit/waiting-room.ts). */
export type EarlyDoor = Promise<WaitingRoomGuest>;

/**
 * Joins the waiting room while the guest still gives her name and checks her devices, so
 * that "In den Warteraum" finds the connection made. Loaded on demand: the welcome screen's
 * bundle stays without livekit-client.
 */
export function openEarlyDoor(invite: Invite): EarlyDoor {
  const door = import('../../livekit/waiting-room').then(({ joinWaitingRoom }) =>
    joinWaitingRoom(invite),
  );
  // A failure is handled where the door is taken (useWaitingRoomGuest joins afresh).
  door.catch(() => {});
  return door;
}
