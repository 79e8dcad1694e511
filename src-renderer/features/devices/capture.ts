/**
 * What the camera and microphone are opened with, for the device check and the call alike:
 * the check's tracks go on into the call, so what it opens is what the call sends.
 *
 * Plain values and `getUserMedia` constraints, without livekit-client: the device check is
 * on a guest's way in, and its screen should not wait for the call library's half a
 * megabyte to load and compile (that library is preloaded meanwhile, for the call).
 */
import { canSendH264 } from './codecs';

export interface Sender {
  /** Touch is the only pointer (a phone or tablet). */
  touchOnly: boolean;
  cores: number;
  /** The browser can send H.264 (why it matters: `callVideoCodec` in connection/media-options). */
  h264: boolean;
}

export interface CaptureSize {
  width: number;
  height: number;
  frameRate: number;
  aspectRatio: number;
}

/** What this device is, as far as the camera's size and the video codec go. */
export function thisSender(): Sender {
  if (typeof window === 'undefined' || typeof navigator === 'undefined')
    return { touchOnly: true, cores: 1, h264: false };
  return {
    touchOnly: window.matchMedia('(pointer: coarse) and (not (any-pointer: fine))').matches,
    cores: navigator.hardwareConcurrency || 1,
    h264: canSendH264(),
  };
}

/** Whether this device sends 720p (why: `laptopLayers` in connection/media-options). */
export function sendsHighDefinition(sender: Sender): boolean {
  return !sender.touchOnly && sender.cores >= 4;
}

/**
 * The size the camera is opened at: LiveKit's own 720p and 360p capture sizes
 * (`VideoPresets.h720`/`h360`, which the unit tests compare it with). livekit-client's
 * default would be 720p everywhere; opened at that, a phone sent 720p at the 360p layer's
 * bit rate.
 */
export function cameraCapture(sender: Sender = thisSender()): CaptureSize {
  return sendsHighDefinition(sender)
    ? { width: 1280, height: 720, frameRate: 30, aspectRatio: 1280 / 720 }
    : { width: 640, height: 360, frameRate: 20, aspectRatio: 640 / 360 };
}

// A chosen device is asked for as the ideal one rather than the exact one: if it was
// unplugged between the list and the tick, the person gets another camera instead of none.
const device = (deviceId?: string): MediaTrackConstraints['deviceId'] => ({
  ideal: deviceId ?? 'default',
});

/** The camera's constraints, as livekit-client would build them for `cameraCapture`. */
export function cameraConstraints(deviceId?: string): MediaTrackConstraints {
  return { ...cameraCapture(), deviceId: device(deviceId) };
}

/** The microphone's constraints: livekit-client's defaults, made for speech. */
export function microphoneConstraints(deviceId?: string): MediaTrackConstraints {
  return {
    deviceId: device(deviceId),
    autoGainControl: true,
    echoCancellation: true,
    noiseSuppression: true,
    // Chromium's newer voice isolation, where it has it; livekit-client asks for it too.
    ...({ voiceIsolation: true } as MediaTrackConstraints),
  };
}

/**
 * Opens one device. The constraints that go with the track are those a later restart needs
 * (a camera turned back on in the call): the device it really got, not `default`, or the
 * browser could pick another one, or ask again.
 */
export async function openDevice(
  kind: 'camera' | 'microphone',
  deviceId?: string,
): Promise<OpenedDevice> {
  const constraints =
    kind === 'camera' ? cameraConstraints(deviceId) : microphoneConstraints(deviceId);
  const stream = await navigator.mediaDevices.getUserMedia(
    kind === 'camera' ? { video: constraints } : { audio: constraints },
  );
  const [track] = stream.getTracks();
  if (!track) throw new DOMException('The device gave no track', 'NotReadableError');
  const got = track.getSettings().deviceId;
  return { track, constraints: got ? { ...constraints, deviceId: got } : constraints };
}

/** A running device from the device check, and what it was opened with. */
export interface OpenedDevice {
  track: MediaStreamTrack;
  constraints: MediaTrackConstraints;
}

/** The cameras or microphones this browser lists (with names once a device was granted). */
export async function listDevices(kind: 'videoinput' | 'audioinput'): Promise<MediaDeviceInfo[]> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices.filter((device) => device.kind === kind);
}
