/**
 * Minimal reproduction for docs/upstream/chromium-encoded-frame-garbage.md: no LiveKit, no
 * app code, no server. Bench only, never shipped (scripts/bench/frame-garbage-repro.ts
 * builds and drives it).
 *
 * Two peer connections in this page send the camera and microphone to each other over
 * loopback. The address's fragment says what sits between encoder and packetiser and
 * between depacketiser and decoder, in a dedicated worker, on both sides:
 *   transform=none  nothing (the control)
 *   transform=pass  every frame passed on as it came
 *   transform=copy  every frame's payload sealed and opened with AES-GCM and handed back
 *                   as a new buffer, as an end-to-end encrypting transform does
 * and `api=streams` (`createEncodedStreams()`, transferred to the worker: what
 * livekit-client uses in Chromium) or `api=script` (`RTCRtpScriptTransform`).
 */
import FrameWorker from './worker?worker';

declare global {
  interface Window {
    garbageReproReady?: boolean;
    garbageReproError?: string;
  }
  interface RTCRtpSender {
    createEncodedStreams(): { readable: ReadableStream; writable: WritableStream };
  }
  interface RTCRtpReceiver {
    createEncodedStreams(): { readable: ReadableStream; writable: WritableStream };
  }
}

type Endpoint = RTCRtpSender | RTCRtpReceiver;

const options = new URLSearchParams(location.hash.slice(1));
const transform = options.get('transform') ?? 'none';
const api = options.get('api') ?? 'streams';
const worker = new FrameWorker();
worker.postMessage({ transform });

function attach(endpoint: Endpoint): void {
  if (transform === 'none') return;
  if (api === 'script') {
    endpoint.transform = new RTCRtpScriptTransform(worker, {});
    return;
  }
  const { readable, writable } = endpoint.createEncodedStreams();
  worker.postMessage({ readable, writable }, [readable, writable]);
}

async function start(): Promise<void> {
  const media = await navigator.mediaDevices.getUserMedia({
    video: { width: 640, height: 360, frameRate: 20 },
    audio: true,
  });
  // `encodedInsertableStreams` is Chromium's switch for createEncodedStreams().
  const config = { encodedInsertableStreams: api === 'streams' && transform !== 'none' };
  const sending = new RTCPeerConnection(config as RTCConfiguration);
  const receiving = new RTCPeerConnection(config as RTCConfiguration);
  sending.onicecandidate = ({ candidate }) =>
    void (candidate && receiving.addIceCandidate(candidate));
  receiving.onicecandidate = ({ candidate }) =>
    void (candidate && sending.addIceCandidate(candidate));
  receiving.ontrack = ({ receiver, track }) => {
    attach(receiver);
    if (track.kind === 'video') {
      const video = document.querySelector('video');
      if (video) video.srcObject = new MediaStream([track]);
    }
  };
  for (const track of media.getTracks()) attach(sending.addTrack(track, media));
  await sending.setLocalDescription();
  await receiving.setRemoteDescription(sending.localDescription as RTCSessionDescription);
  await receiving.setLocalDescription();
  await sending.setRemoteDescription(receiving.localDescription as RTCSessionDescription);
  window.garbageReproReady = true;
}

start().catch((error: unknown) => {
  window.garbageReproError = String(error);
});
