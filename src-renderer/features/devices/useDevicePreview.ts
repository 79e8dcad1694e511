import { useCallback, useEffect, useRef, useState } from 'react';
import { listDevices, openDevice, type OpenedDevice } from './capture';

export interface DevicePreview {
  videoTrack: MediaStreamTrack | null;
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
    camera?: OpenedDevice;
    microphone?: OpenedDevice;
  };
}

/**
 * A local preview for the device check: nothing here is sent anywhere. Tracks start only
 * for what the person ticked and stop when the check is left. Plain `getUserMedia`, without
 * livekit-client (see `capture.ts`); the call wraps the tracks it is handed.
 */
export function useDevicePreview(
  camera: boolean,
  microphone: boolean,
  cameraId?: string,
  microphoneId?: string,
): DevicePreview {
  const [video, setVideo] = useState<OpenedDevice | null>(null);
  const [level, setLevel] = useState(0);
  const [cameras, setCameras] = useState<MediaDeviceInfo[]>([]);
  const [microphones, setMicrophones] = useState<MediaDeviceInfo[]>([]);
  const [cameraFailed, setCameraFailed] = useState(false);
  const [microphoneFailed, setMicrophoneFailed] = useState(false);
  const audio = useRef<OpenedDevice | null>(null);
  const handed = useRef(new Set<MediaStreamTrack>());

  useEffect(() => {
    if (!camera) return;
    const handedOver = handed.current;
    let track: MediaStreamTrack | null = null;
    let cancelled = false;
    // Opened at the size the call sends: this track goes on into the call.
    openDevice('camera', cameraId)
      .then(async (opened) => {
        track = opened.track;
        if (cancelled) return opened.track.stop();
        setCameraFailed(false);
        setVideo(opened);
        setCameras(await listDevices('videoinput'));
      })
      .catch(() => setCameraFailed(true));
    return () => {
      cancelled = true;
      if (track && !handedOver.has(track)) track.stop();
      setVideo(null);
    };
  }, [camera, cameraId]);

  useEffect(() => {
    if (!microphone) return;
    const handedOver = handed.current;
    let track: MediaStreamTrack | null = null;
    let context: AudioContext | null = null;
    let frame = 0;
    let cancelled = false;
    openDevice('microphone', microphoneId)
      .then(async (opened) => {
        track = opened.track;
        if (cancelled) return opened.track.stop();
        setMicrophoneFailed(false);
        audio.current = opened;
        setMicrophones(await listDevices('audioinput'));
        // Gone while the list came (say, "join" clicked at once): the clean-up has run, and a
        // meter started now would run, and hold its audio output, for the rest of the page.
        if (cancelled) return;
        context = new AudioContext();
        const analyser = context.createAnalyser();
        analyser.fftSize = 512;
        context.createMediaStreamSource(new MediaStream([opened.track])).connect(analyser);
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
      if (audio.current?.track === track) audio.current = null;
      setLevel(0);
    };
  }, [microphone, microphoneId]);

  const handOver = useCallback(
    (which: { camera: boolean; microphone: boolean }) => {
      const camera = (which.camera && video) || undefined;
      const microphone = (which.microphone && audio.current) || undefined;
      for (const device of [camera, microphone]) if (device) handed.current.add(device.track);
      return { camera, microphone };
    },
    [video],
  );

  return {
    videoTrack: video?.track ?? null,
    level,
    cameras,
    microphones,
    cameraFailed,
    microphoneFailed,
    handOver,
  };
}
