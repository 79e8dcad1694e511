import type { Room } from 'livekit-client';
import { describe, expect, it, vi } from 'vitest';
import { ARMED_MARK, armReceiveSlots } from '../../../src-renderer/livekit/receive-slots';

function slot(kind: 'audio' | 'video', direction: RTCRtpTransceiverDirection, armed = false) {
  const receiver = { track: { kind } } as unknown as RTCRtpReceiver;
  if (armed) Object.assign(receiver, { [ARMED_MARK]: true });
  return { direction, receiver } as RTCRtpTransceiver;
}

function roomWith(options: {
  transceivers: RTCRtpTransceiver[];
  mode?: string;
  identity?: string;
  manager?: boolean;
  encrypting?: boolean;
}) {
  const handleReceiver = vi.fn(() => Promise.resolve());
  const room = {
    e2eeManager: options.manager === false ? undefined : { handleReceiver },
    engine: {
      pcManager: {
        mode: options.mode ?? 'publisher-only',
        publisher: { getTransceivers: () => options.transceivers },
      },
    },
    localParticipant: {
      identity: options.identity ?? 'me',
      isE2EEEnabled: options.encrypting ?? true,
    },
  } as unknown as Room;
  return { room, handleReceiver };
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
    expect(handleReceiver).toHaveBeenCalledWith(video.receiver, 'slot-1', 'me', 'vp8');
  });

  it('leaves everything to livekit-client where its insides are not as expected', () => {
    const transceivers = [slot('video', 'recvonly')];
    for (const options of [
      { transceivers, mode: 'subscriber-primary' },
      { transceivers, manager: false },
      { transceivers, identity: '' },
      // Decryption is not on yet for this identity: the worker would pass frames unopened.
      { transceivers, encrypting: false },
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
