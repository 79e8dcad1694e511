import type { Room } from 'livekit-client';
import { describe, expect, it, vi } from 'vitest';
import { ARMED_MARK, armReceiveSlots } from '../../../src-renderer/livekit/receive-slots';

function slot(kind: 'audio' | 'video', direction: RTCRtpTransceiverDirection, armed = false) {
  const receiver = { track: { kind } } as unknown as RTCRtpReceiver;
  if (armed) Object.assign(receiver, { [ARMED_MARK]: true });
  return { direction, receiver } as RTCRtpTransceiver;
}

/** Just enough of a peer connection: its slots, its signaling state and that state's event. */
class FakeConnection extends EventTarget {
  signalingState: RTCSignalingState = 'stable';
  constructor(readonly transceivers: RTCRtpTransceiver[]) {
    super();
  }
  getTransceivers(): RTCRtpTransceiver[] {
    return this.transceivers;
  }
  /** What livekit-client's next offer does: the state changes when it is set. */
  offer(): void {
    this.signalingState = 'have-local-offer';
    this.dispatchEvent(new Event('signalingstatechange'));
  }
}

function roomWith(options: {
  transceivers: RTCRtpTransceiver[];
  mode?: string;
  identity?: string;
  manager?: boolean;
  encrypting?: boolean;
  closed?: boolean;
}) {
  const handleReceiver = vi.fn((receiver: RTCRtpReceiver) => {
    // As livekit-client does, before anything else.
    Object.assign(receiver, { [ARMED_MARK]: true });
    return Promise.resolve();
  });
  const pc = new FakeConnection(options.transceivers);
  if (options.closed) pc.signalingState = 'closed';
  const room = {
    e2eeManager: options.manager === false ? undefined : { handleReceiver },
    engine: {
      pcManager: {
        mode: options.mode ?? 'publisher-only',
        publisher: { _pc: pc },
      },
    },
    localParticipant: {
      identity: options.identity ?? 'me',
      isE2EEEnabled: options.encrypting ?? true,
    },
  } as unknown as Room;
  return { room, handleReceiver, pc };
}

describe('armReceiveSlots', () => {
  it('hands every receive-only slot to the worker under the own identity, once', () => {
    const audio = slot('audio', 'recvonly');
    const video = slot('video', 'recvonly');
    const { room, handleReceiver } = roomWith({
      transceivers: [audio, video, slot('video', 'sendonly'), slot('audio', 'recvonly', true)],
    });
    expect(armReceiveSlots(room)).toBe(2);
    expect(handleReceiver).toHaveBeenCalledTimes(2);
    expect(handleReceiver).toHaveBeenCalledWith(audio.receiver, 'slot-0', 'me', undefined);
    expect(handleReceiver).toHaveBeenCalledWith(video.receiver, 'slot-1', 'me', 'h264');
  });

  it('arms the slots a later offer adds, before that offer leaves', () => {
    const first = slot('video', 'recvonly');
    const { room, handleReceiver, pc } = roomWith({ transceivers: [first] });
    expect(armReceiveSlots(room)).toBe(1);
    expect(armReceiveSlots(room)).toBe(0);
    // The server asked for another video slot: livekit-client adds it and offers again.
    const added = slot('video', 'recvonly');
    pc.transceivers.push(added);
    pc.offer();
    expect(handleReceiver).toHaveBeenCalledTimes(2);
    expect(handleReceiver).toHaveBeenLastCalledWith(added.receiver, 'slot-1', 'me', 'h264');
    // Watched once: another call neither adds a second watch nor arms anything twice.
    expect(armReceiveSlots(room)).toBe(0);
    pc.offer();
    expect(handleReceiver).toHaveBeenCalledTimes(2);
  });

  it('leaves everything to livekit-client where its insides are not as expected', () => {
    const transceivers = [slot('video', 'recvonly')];
    for (const options of [
      { transceivers, mode: 'subscriber-primary' },
      { transceivers, manager: false },
      { transceivers, identity: '' },
      // Decryption is not on yet for this identity: the worker would pass frames unopened.
      { transceivers, encrypting: false },
      // Closed: nothing will arrive on it any more.
      { transceivers, closed: true },
    ]) {
      const { room, handleReceiver } = roomWith(options);
      expect(armReceiveSlots(room)).toBe(0);
      expect(handleReceiver).not.toHaveBeenCalled();
    }
    const noEngine = {
      localParticipant: { identity: 'me', isE2EEEnabled: true },
    } as unknown as Room;
    expect(armReceiveSlots(noEngine)).toBe(0);
  });
});
