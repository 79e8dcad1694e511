/**
 * BENCH ONLY, never shipped. In the diagnostic build without encryption (plain-build.ts) the
 * call core gets this module instead of src-renderer/livekit/receive-slots.ts. Nothing needs
 * decrypting there, so every receive-only slot of the call's peer connection counts as ready:
 * the call core then takes the same way as in the encrypted build (it subscribes while the
 * connection is still being made), and the `_plain` figures time the same path.
 */
import type { Room } from 'livekit-client';

interface Internals {
  engine?: { pcManager?: { mode?: string; publisher?: { _pc?: RTCPeerConnection | null } } };
}

/** How many receive-only slots the call's one peer connection has (none: not ready). */
export function armReceiveSlots(room: Room): number {
  const pcManager = (room as unknown as Internals).engine?.pcManager;
  const pc = pcManager?.publisher?._pc;
  if (pcManager?.mode !== 'publisher-only' || !pc || pc.signalingState === 'closed') return 0;
  return pc.getTransceivers().filter((transceiver) => transceiver.direction === 'recvonly').length;
}
