/**
 * Minimal reproduction for docs/upstream/livekit-client-e2ee-first-frame.md: plain
 * livekit-client, no app code. Bench only, never shipped (scripts/bench/first-frame-repro.ts
 * builds and drives it).
 *
 * The address's fragment says what this page is:
 *   role=publisher   joins and publishes its camera (VP8, livekit-client's defaults)
 *   role=subscriber  joins and times the first and fifth frame of the first remote video,
 *                    counted from just before `connect()`
 *   mode=auto        E2EE, `autoSubscribe: true` (livekit-client's default)
 *   mode=after       E2EE, `autoSubscribe: false`, then `setSubscribed(true)` on every
 *                    video publication once `connect()` has resolved (the workaround)
 *   mode=plain       no encryption, `autoSubscribe: true` (the control)
 * plus `url`, `token` and `key` (the shared E2EE key, hex).
 */
import {
  ExternalE2EEKeyProvider,
  Room,
  RoomEvent,
  Track,
  type RemoteTrackPublication,
} from 'livekit-client';
import E2EEWorker from 'livekit-client/e2ee-worker?worker';

interface Result {
  first?: number;
  fifth?: number;
  error?: string;
}

declare global {
  interface Window {
    reproResult: Result;
    reproReady: boolean;
  }
}

const params = new URLSearchParams(location.hash.slice(1));
const mode = params.get('mode') ?? 'auto';
const role = params.get('role') ?? 'subscriber';
const url = params.get('url') ?? '';
const token = params.get('token') ?? '';
const keyHex = params.get('key') ?? '';
window.reproResult = {};
window.reproReady = false;

async function makeRoom(): Promise<Room> {
  if (mode === 'plain') return new Room();
  const keyProvider = new ExternalE2EEKeyProvider();
  const key = new Uint8Array(keyHex.match(/../g)?.map((byte) => parseInt(byte, 16)) ?? []);
  await keyProvider.setKey(key.buffer);
  const room = new Room({ encryption: { keyProvider, worker: new E2EEWorker() } });
  await room.setE2EEEnabled(true);
  return room;
}

async function publish(): Promise<void> {
  const room = await makeRoom();
  await room.connect(url, token);
  await room.localParticipant.setCameraEnabled(true);
  window.reproReady = true;
}

async function subscribe(): Promise<void> {
  const room = await makeRoom();
  const video = document.querySelector('video');
  if (!video) throw new Error('no <video>');
  const started = performance.now();
  let shown = 0;
  const onFrame = (): void => {
    shown += 1;
    const t = Math.round(performance.now() - started);
    if (shown === 1) window.reproResult.first = t;
    if (shown === 5) window.reproResult.fifth = t;
    if (shown < 5) video.requestVideoFrameCallback(onFrame);
  };
  room.on(RoomEvent.TrackSubscribed, (track) => {
    if (track.kind !== Track.Kind.Video || video.srcObject) return;
    track.attach(video);
    video.requestVideoFrameCallback(onFrame);
  });
  const subscribeVideo = (publication: RemoteTrackPublication): void => {
    if (publication.kind === Track.Kind.Video) publication.setSubscribed(true);
  };
  if (mode === 'after') {
    room.on(RoomEvent.TrackPublished, subscribeVideo);
    await room.connect(url, token, { autoSubscribe: false });
    for (const participant of room.remoteParticipants.values())
      for (const publication of participant.trackPublications.values()) subscribeVideo(publication);
  } else {
    await room.connect(url, token, { autoSubscribe: true });
  }
}

(role === 'publisher' ? publish() : subscribe()).catch((error: unknown) => {
  window.reproResult.error = String(error);
});
