import { afterEach, describe, expect, it, vi } from 'vitest';
import { listDevices, openDevice } from '../../src-renderer/features/devices/capture';
import { canSendH264, cannotShowH264 } from '../../src-renderer/features/devices/codecs';

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

describe('which video codecs the browser says it can send and show', () => {
  const offering = (...mimeTypes: string[]) => ({
    getCapabilities: (kind: string) =>
      kind === 'video' ? { codecs: mimeTypes.map((mimeType) => ({ mimeType })) } : null,
  });

  it('sends H.264 where the browser lists it for sending, in any spelling', () => {
    vi.stubGlobal('RTCRtpSender', offering('video/VP8', 'video/H264'));
    expect(canSendH264()).toBe(true);
    vi.stubGlobal('RTCRtpSender', offering('video/VP8', 'video/VP9'));
    expect(canSendH264()).toBe(false);
  });

  it('warns only a browser that says it cannot show H.264, not one that cannot say', () => {
    vi.stubGlobal('RTCRtpReceiver', offering('video/VP8'));
    expect(cannotShowH264()).toBe(true);
    vi.stubGlobal('RTCRtpReceiver', offering('video/VP8', 'video/h264'));
    expect(cannotShowH264()).toBe(false);
    vi.stubGlobal('RTCRtpReceiver', {});
    expect(cannotShowH264()).toBe(false);
    vi.stubGlobal('RTCRtpReceiver', undefined);
    expect(cannotShowH264()).toBe(false);
    vi.stubGlobal('RTCRtpSender', undefined);
    expect(canSendH264()).toBe(false);
  });
});
