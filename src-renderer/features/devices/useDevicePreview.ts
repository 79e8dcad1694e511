import {
  createLocalAudioTrack,
  createLocalVideoTrack,
  Room,
  type LocalAudioTrack,
  type LocalVideoTrack,
} from 'livekit-client';
import { useEffect, useState } from 'react';

export interface DevicePreview {
  videoTrack: LocalVideoTrack | null;
  /** 0..1, updated several times a second while the microphone is on. */
  level: number;
  cameras: MediaDeviceInfo[];
  microphones: MediaDeviceInfo[];
  cameraFailed: boolean;
  microphoneFailed: boolean;
}

/**
 * A local preview for the device check: nothing here is sent anywhere. Tracks start only
 * for what the person ticked and stop when the check is left.
 */
export function useDevicePreview(
  camera: boolean,
  microphone: boolean,
  cameraId?: string,
  microphoneId?: string,
): DevicePreview {
  const [videoTrack, setVideoTrack] = useState<LocalVideoTrack | null>(null);
  const [level, setLevel] = useState(0);
  const [cameras, setCameras] = useState<MediaDeviceInfo[]>([]);
  const [microphones, setMicrophones] = useState<MediaDeviceInfo[]>([]);
  const [cameraFailed, setCameraFailed] = useState(false);
  const [microphoneFailed, setMicrophoneFailed] = useState(false);

  useEffect(() => {
    if (!camera) return;
    let track: LocalVideoTrack | null = null;
    let cancelled = false;
    createLocalVideoTrack(cameraId ? { deviceId: cameraId } : {})
      .then(async (created) => {
        track = created;
        if (cancelled) return created.stop();
        setCameraFailed(false);
        setVideoTrack(created);
        setCameras(await Room.getLocalDevices('videoinput', false));
      })
      .catch(() => setCameraFailed(true));
    return () => {
      cancelled = true;
      track?.stop();
      setVideoTrack(null);
    };
  }, [camera, cameraId]);

  useEffect(() => {
    if (!microphone) return;
    let track: LocalAudioTrack | null = null;
    let context: AudioContext | null = null;
    let frame = 0;
    let cancelled = false;
    createLocalAudioTrack(microphoneId ? { deviceId: microphoneId } : {})
      .then(async (created) => {
        track = created;
        if (cancelled) return created.stop();
        setMicrophoneFailed(false);
        setMicrophones(await Room.getLocalDevices('audioinput', false));
        context = new AudioContext();
        const analyser = context.createAnalyser();
        analyser.fftSize = 512;
        context
          .createMediaStreamSource(new MediaStream([created.mediaStreamTrack]))
          .connect(analyser);
        const samples = new Uint8Array(analyser.fftSize);
        const tick = () => {
          analyser.getByteTimeDomainData(samples);
          let sum = 0;
          for (const sample of samples) sum += ((sample - 128) / 128) ** 2;
          setLevel(Math.min(1, Math.sqrt(sum / samples.length) * 4));
          frame = window.setTimeout(tick, 150);
        };
        tick();
      })
      .catch(() => setMicrophoneFailed(true));
    return () => {
      cancelled = true;
      clearTimeout(frame);
      void context?.close();
      track?.stop();
      setLevel(0);
    };
  }, [microphone, microphoneId]);

  return { videoTrack, level, cameras, microphones, cameraFailed, microphoneFailed };
}
