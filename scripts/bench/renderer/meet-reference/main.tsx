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
 */
import '@livekit/components-styles';
import { LiveKitRoom, VideoConference } from '@livekit/components-react';
import {
  ExternalE2EEKeyProvider,
  Room,
  VideoPresets,
  type RoomConnectOptions,
} from 'livekit-client';
import E2EEWorker from 'livekit-client/e2ee-worker?worker';
import { createRoot } from 'react-dom/client';

const params = new URLSearchParams(location.hash.slice(1));
const serverUrl = params.get('url') ?? '';
const token = params.get('token') ?? '';
const passphrase = params.get('key') ?? '';
const videoCodec = params.get('codec') === 'h264' ? 'h264' : 'vp8';

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

async function start(): Promise<void> {
  await keyProvider.setKey(passphrase);
  await room.setE2EEEnabled(true);
  const root = document.getElementById('root');
  if (!root) throw new Error('no #root');
  createRoot(root).render(
    <LiveKitRoom
      room={room}
      token={token}
      serverUrl={serverUrl}
      connectOptions={connectOptions}
      video
      audio
    >
      <VideoConference />
    </LiveKitRoom>,
  );
}

void start();
