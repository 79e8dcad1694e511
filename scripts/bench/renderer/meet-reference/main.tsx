/**
 * The bench's stand-in for LiveKit Meet (livekit-examples/meet), the yardstick of issue 13's
 * CPU and memory figures. Never shipped and not reachable from src-renderer: built into
 * out/bench-meet-web by scripts/bench/meet-reference.ts.
 *
 * What Meet's call page does, as far as work in the renderer goes: `<LiveKitRoom>` with
 * camera and microphone on, `<VideoConference>` (grid, focus layout, chat, control bar) in
 * LiveKit's default theme, and these room options with a passphrase (E2EE): VP8 (Meet drops
 * VP9/AV1 under E2EE), simulcast layers 540p and 216p, DTX and RED off, adaptive stream at
 * the screen's pixel density, dynacast, auto-subscribe. One difference, on purpose: the
 * capture is 640x360 (Meet asks for 720p) so both apps do equal work; and the E2EE worker
 * is made once (Meet's page makes one per render), so the yardstick is Meet at its best.
 *
 * The address's fragment carries `url`, `token`, `key` (the passphrase) and `codec`: `vp8`
 * as above, or `h264` to compare with the app at the same codec (`--meet-codec=h264`).
 * With `way=prejoin` the page first shows LiveKit's `<PreJoin>` (camera and microphone
 * preview, a name, "Join Room"), as Meet's room page does before the call; the call starts
 * on that click with tracks of its own, as Meet's does. The preview asks for the call's
 * 360p too (Meet's asks for livekit-client's default 720p), as the app's device check
 * opens the camera at the size its call sends. Without `way=prejoin` the page joins at
 * once, as Meet's page for a token of your own (`/custom`) does.
 */
import '@livekit/components-styles';
import { LiveKitRoom, PreJoin, VideoConference } from '@livekit/components-react';
import {
  ExternalE2EEKeyProvider,
  Room,
  VideoPresets,
  type RoomConnectOptions,
} from 'livekit-client';
import E2EEWorker from 'livekit-client/e2ee-worker?worker';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';

const params = new URLSearchParams(location.hash.slice(1));
const serverUrl = params.get('url') ?? '';
const token = params.get('token') ?? '';
const passphrase = params.get('key') ?? '';
const videoCodec = params.get('codec') === 'h264' ? 'h264' : 'vp8';
const preJoin = params.get('way') === 'prejoin';
const preJoinDefaults = { username: '', videoEnabled: true, audioEnabled: true };

const keyProvider = new ExternalE2EEKeyProvider();
const room = new Room({
  videoCaptureDefaults: { resolution: VideoPresets.h360.resolution },
  publishDefaults: {
    dtx: false,
    videoSimulcastLayers: [VideoPresets.h540, VideoPresets.h216],
    red: false,
    videoCodec,
  },
  adaptiveStream: { pixelDensity: 'screen' },
  dynacast: true,
  encryption: { keyProvider, worker: new E2EEWorker() },
});
const connectOptions: RoomConnectOptions = { autoSubscribe: true };

function Call() {
  return (
    <LiveKitRoom
      room={room}
      token={token}
      serverUrl={serverUrl}
      connectOptions={connectOptions}
      video
      audio
    >
      <VideoConference />
    </LiveKitRoom>
  );
}

/**
 * `<PreJoin>` takes no capture size: it always asks for livekit-client's default. So every
 * camera request of this page asks for the call's size instead.
 */
function cameraAtCallSize(): void {
  const devices = navigator.mediaDevices;
  const getUserMedia = devices.getUserMedia.bind(devices);
  const { width, height } = VideoPresets.h360.resolution;
  devices.getUserMedia = (constraints) =>
    getUserMedia(
      constraints && typeof constraints.video === 'object'
        ? {
            ...constraints,
            video: { ...constraints.video, width: { ideal: width }, height: { ideal: height } },
          }
        : constraints,
    );
}

/** Meet's room page: the preview until "Join Room", then the call (its tracks stop first). */
function PreJoinThenCall() {
  const [joined, setJoined] = useState(false);
  if (joined) return <Call />;
  return (
    <div style={{ display: 'grid', placeItems: 'center', height: '100%' }}>
      <PreJoin defaults={preJoinDefaults} onSubmit={() => setJoined(true)} />
    </div>
  );
}

async function start(): Promise<void> {
  await keyProvider.setKey(passphrase);
  await room.setE2EEEnabled(true);
  const root = document.getElementById('root');
  if (!root) throw new Error('no #root');
  if (preJoin) cameraAtCallSize();
  createRoot(root).render(preJoin ? <PreJoinThenCall /> : <Call />);
}

void start();
