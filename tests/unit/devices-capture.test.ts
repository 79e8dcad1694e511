import { afterEach, describe, expect, it, vi } from 'vitest';
import { listDevices, openDevice } from '../../src-renderer/features/devices/capture';

/** A browser's media devices, as far as the device check uses them. */
function fakeDevices(granted: { deviceId: string; kind: 'audio' | 'video' }) {
  const stop = vi.fn();
  const asked: MediaStreamConstraints[] = [];
  const track = {
    kind: granted.kind,
    stop,
    getSettings: () => ({ deviceId: granted.deviceId }),
  } as unknown as MediaStreamTrack;
  vi.stubGlobal('navigator', {
    mediaDevices: {
      getUserMedia: async (constraints: MediaStreamConstraints) => {
        asked.push(constraints);
        return { getTracks: () => [track] };
      },
      enumerateDevices: async () => [
        { kind: 'videoinput', deviceId: 'front', label: 'Front' },
        { kind: 'audioinput', deviceId: 'mic', label: 'Mic' },
        { kind: 'videoinput', deviceId: 'back', label: 'Back' },
        { kind: 'audiooutput', deviceId: 'speaker', label: 'Speaker' },
      ],
    },
    hardwareConcurrency: 2,
  });
  vi.stubGlobal('window', { matchMedia: () => ({ matches: false }) });
  return { asked, track };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the device check opens devices as the call will send them', () => {
  it('asks for the camera at the call’s size and keeps the device it really got', async () => {
    const { asked, track } = fakeDevices({ deviceId: 'front', kind: 'video' });
    const opened = await openDevice('camera');
    // A two-core laptop sends 360p at 20 frames: the size asked for is that one.
    expect(asked).toEqual([
      {
        video: {
          width: 640,
          height: 360,
          frameRate: 20,
          aspectRatio: 640 / 360,
          deviceId: { ideal: 'default' },
        },
      },
    ]);
    expect(opened.track).toBe(track);
    // Turned off and on again in the call, the camera is opened as this one, not `default`.
    expect(opened.constraints).toMatchObject({ width: 640, deviceId: 'front' });
  });

  it('asks for the chosen microphone, made for speech', async () => {
    const { asked } = fakeDevices({ deviceId: 'mic', kind: 'audio' });
    await openDevice('microphone', 'mic');
    expect(asked).toEqual([
      {
        audio: {
          deviceId: { ideal: 'mic' },
          autoGainControl: true,
          echoCancellation: true,
          noiseSuppression: true,
          voiceIsolation: true,
        },
      },
    ]);
  });

  it('lists only the kind asked for', async () => {
    fakeDevices({ deviceId: 'front', kind: 'video' });
    expect((await listDevices('videoinput')).map((device) => device.deviceId)).toEqual([
      'front',
      'back',
    ]);
    expect((await listDevices('audioinput')).map((device) => device.deviceId)).toEqual(['mic']);
  });
});
