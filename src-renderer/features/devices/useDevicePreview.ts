import {
  createLocalAudioTrack,
  createLocalVideoTrack,
  Room,
  type LocalAudioTrack,
  type LocalVideoTrack,
} from 'livekit-client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { cameraCapture } from '../connection/media-options';

export interface DevicePreview {
  videoTrack: LocalVideoTrack | null;
  /** 0..1, updated several times a second while the microphone is on. */
  level: number;
  cameras: MediaDeviceInfo[];
  microphones: MediaDeviceInfo[];
  cameraFailed: boolean;
  microphoneFailed: boolean;
  /**
   * Gives the running tracks to the call, which publishes them once it is encrypted (no
   * second `getUserMedia`, no second wait for the camera). The preview then no longer stops
   * them when the check is left; whoever takes them stops them (see `stopUnpublished`).
   */
  handOver: (which: { camera: boolean; microphone: boolean }) => {
    camera?: LocalVideoTrack;
    microphone?: LocalAudioTrack;
  };
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
  const audioTrack = useRef<LocalAudioTrack | null>(null);
  const handed = useRef(new Set<LocalVideoTrack | LocalAudioTrack>());

  useEffect(() => {
    if (!camera) return;
    const handedOver = handed.current;
    let track: LocalVideoTrack | null = null;
    let cancelled = false;
    // Opened at the size the call sends: this track goes on into the call.
    const resolution = cameraCapture();
    createLocalVideoTrack(cameraId ? { deviceId: cameraId, resolution } : { resolution })
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
      if (track && !handedOver.has(track)) track.stop();
      setVideoTrack(null);
    };
  }, [camera, cameraId]);

  useEffect(() => {
    if (!microphone) return;
    const handedOver = handed.current;
    let track: LocalAudioTrack | null = null;
    let context: AudioContext | null = null;
    let frame = 0;
    let cancelled = false;
    createLocalAudioTrack(microphoneId ? { deviceId: microphoneId } : {})
      .then(async (created) => {
        track = created;
        if (cancelled) return created.stop();
        setMicrophoneFailed(false);
        audioTrack.current = created;
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
      if (track && !handedOver.has(track)) track.stop();
      if (audioTrack.current === track) audioTrack.current = null;
      setLevel(0);
    };
  }, [microphone, microphoneId]);

  const handOver = useCallback(
    (which: { camera: boolean; microphone: boolean }) => {
      const camera = (which.camera && videoTrack) || undefined;
      const microphone = (which.microphone && audioTrack.current) || undefined;
      for (const track of [camera, microphone]) if (track) handed.current.add(track);
      return { camera, microphone };
    },
    [videoTrack],
  );

  return { videoTrack, level, cameras, microphones, cameraFailed, microphoneFailed, handOver };
}
