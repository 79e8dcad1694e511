/**
 * The decrypt transform for each receive slot of a room's peer connection, set up before
 * anything is subscribed.
 *
 * With one peer connection, livekit-client 2.23 opens a few receive-only slots with its
 * first offer, and the server sends a subscribed track on one of them as soon as it has the
 * subscription. livekit-client sets up the slot's transform only when it learns which slot
 * carries the track (`TrackSubscribed`), and Chromium drops the frames that arrive before
 * the E2EE worker reads them. The first key frame was lost that way in about half of all
 * joins on the test machine, and the picture waited 0.3 to 0.7 s (once in a while 3 s) for
 * the next one: README, "The first key frame".
 *
 * Each slot goes to the worker under this participant's own identity: the room has one
 * shared key, so the worker opens a frame the same whoever sent it, and decryption is on for
 * that identity. On `TrackSubscribed`, livekit-client finds the slot armed and tells the
 * worker whose track it now carries (its path for a reused receiver), without handing the
 * streams over again. A frame that does not open with the room's key is dropped, as it is
 * everywhere else; nothing here plays anything.
 *
 * When a call needs more slots than the first offer opened (a fourth video in a team
 * meeting, a shared screen besides three cameras), the server asks for them and
 * livekit-client adds them and offers again; the track is sent on the new slot once the
 * server has answered. The slots are armed when that offer is set, before it leaves.
 *
 * This reaches into livekit-client (its E2EE manager and peer connection manager are not
 * its public API). Where they are not as expected (another version, two peer connections),
 * nothing is armed and livekit-client's own way applies; tests/e2e/encrypted-call.spec.ts
 * checks the slots are armed with the version the app ships.
 */
import type { Room } from 'livekit-client';
import { expectedVideoCodec } from '../features/connection/media-options';

/** livekit-client's mark on a receiver whose encoded streams its worker already holds. */
export const ARMED_MARK = 'lk_e2ee';

/** What this module reaches inside livekit-client 2.23. */
interface Internals {
  e2eeManager?: {
    handleReceiver(
      receiver: RTCRtpReceiver,
      trackId: string,
      participantIdentity: string,
      codec?: string,
    ): Promise<void>;
  };
  engine?: {
    pcManager?: { mode?: string; publisher?: { _pc?: RTCPeerConnection | null } };
  };
}

/** Peer connections whose later offers arm their new slots. */
const watched = new WeakSet<RTCPeerConnection>();

/** Arms every receive-only slot not armed yet; returns how many it armed. */
export function armReceiveSlots(room: Room): number {
  const { e2eeManager: manager, engine } = room as unknown as Internals;
  const pcManager = engine?.pcManager;
  // The peer connection as it is, not livekit-client's getter (which makes a new one).
  const pc = pcManager?.publisher?._pc;
  const { identity, isE2EEEnabled } = room.localParticipant;
  // Only with one peer connection do tracks arrive on the slots of the first offer. And only
  // once decryption is on for this identity: the worker passes a frame unopened for an
  // identity it was told sends unencrypted.
  if (
    !manager ||
    pcManager?.mode !== 'publisher-only' ||
    !pc ||
    pc.signalingState === 'closed' ||
    !identity ||
    !isE2EEEnabled
  )
    return 0;
  if (!watched.has(pc)) {
    watched.add(pc);
    pc.addEventListener('signalingstatechange', () => {
      if (pc.signalingState === 'have-local-offer') armReceiveSlots(room);
    });
  }
  let armed = 0;
  for (const [slot, transceiver] of pc.getTransceivers().entries()) {
    const { receiver } = transceiver;
    if (transceiver.direction !== 'recvonly' || ARMED_MARK in receiver) continue;
    const codec = receiver.track.kind === 'video' ? expectedVideoCodec : undefined;
    // A slot that cannot be armed is set up by livekit-client on `TrackSubscribed`, as before.
    void manager.handleReceiver(receiver, `slot-${slot}`, identity, codec).catch(() => {});
    armed += 1;
  }
  return armed;
}
