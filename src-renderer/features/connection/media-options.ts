/**
 * Room options for weak lines and small phones, for the room factory to spread into
 * `new Room({ ...callMediaOptions(), encryption })`. What each choice is for:
 *
 * Video gives way first, audio last. A client on weak Wi-Fi or mobile data should lose
 * picture size, then the picture, and keep the voice.
 */
import {
  AudioPresets,
  VideoPreset,
  type RoomOptions,
  type TrackPublishDefaults,
  type VideoCodec,
} from 'livekit-client';
import { cameraCapture, sendsHighDefinition, thisSender, type Sender } from '../devices/capture';

/**
 * The camera's two simulcast layers. livekit-client sends two layers for a 640×360 capture
 * (it adds a third only from 960 pixels up): the small one is what a weak line or a small
 * tile gets, the full one what a good line and a large tile get.
 */
export const cameraLayers = {
  // 320×180: enough to see a face on a phone, about a quarter of the full layer's bits, so
  // with audio it fits a 500 kbit/s line with room for lost packets. At the full layer's
  // frame rate: capped at 15, it cost the full layer frames too (it went out at 13 to 20
  // of the camera's 20 a second, and receivers froze; at 20, 17 to 19: the call-load bench).
  small: new VideoPreset(320, 180, 120_000, 30),
  // 640×360, slightly under LiveKit's 450 kbit/s: a face needs no more, and every sender's
  // upload is often the thinnest part of a mobile connection.
  full: new VideoPreset(640, 360, 400_000, 30),
  // Both capped at 30 although the camera is opened at 20 (`cameraCapture`), as Meet does: a
  // cap equal to the camera's rate cost frames the camera gave (the senders sent 17 to 19 a
  // second; capped at 30, 18 to 20, with fewer freezes: the call-load bench).
};

/**
 * A laptop or desktop with cores to spare sends 720p in three layers (180p, 360p, 720p):
 * a large tile on a good line gets the sharp picture, phones and weak lines still get the
 * small layers. A phone (touch only) or a machine with fewer than four cores keeps 360p:
 * encoding three layers of 720p would cost it more than the picture gains.
 */
export const laptopLayers = {
  high: new VideoPreset(1280, 720, 1_200_000, 24),
  middle: new VideoPreset(640, 360, 400_000, 20),
};

/**
 * The video codec a participant sends: H.264 where the browser can send it, VP8 where not.
 *
 * Both are codecs LiveKit's frame encryption handles without the per-layer care SVC codecs
 * need. H.264 because the same picture costs less: in Chromium a 1:1 call at 640×360 and
 * 20 fps took less renderer CPU per megapixel and less memory than with VP8 (README, "H.264
 * where the browser sends it"), and phones and most laptops have hardware for it (an
 * iPhone has none for VP8). VP8 is the fallback: Chromium on Android offers H.264 only with
 * a hardware encoder.
 *
 * A room may hold both: every browser decodes VP8, and the E2EE worker reads each frame's
 * codec from the frame. What it costs: a browser that cannot decode H.264 (Firefox with
 * its OpenH264 plugin turned off) shows no picture of an H.264 sender, and LiveKit's
 * backup codec, which would send such a receiver VP8, does not work with E2EE in
 * livekit-client 2.23.
 */
export function callVideoCodec(sender: Sender = thisSender()): VideoCodec {
  return sender.h264 ? 'h264' : 'vp8';
}

/**
 * The codec a receive slot is set up for before anyone is subscribed
 * (livekit/receive-slots.ts): what most senders send. Chromium tells the worker each frame's
 * codec anyway, and livekit-client names the track's own once it is subscribed.
 */
export const expectedVideoCodec: VideoCodec = 'h264';

export function callPublishDefaults(sender: Sender = thisSender()): TrackPublishDefaults {
  const high = sendsHighDefinition(sender);
  return {
    simulcast: true,
    // One codec, no backup codec to publish.
    videoCodec: callVideoCodec(sender),
    backupCodec: false,
    videoEncoding: high ? laptopLayers.high.encoding : cameraLayers.full.encoding,
    videoSimulcastLayers: high ? [cameraLayers.small, laptopLayers.middle] : [cameraLayers.small],
    // Speech, not music: 24 kbit/s Opus is clear voice, and half the default 48 leaves
    // room for Opus's in-band FEC on a lossy line. FEC itself needs no switch: browsers
    // offer `useinbandfec=1`, LiveKit keeps it, and the encoder adds FEC once receivers
    // report loss. The E2EE transform wraps the whole Opus frame and the receiver
    // decrypts it before the jitter buffer, so FEC still repairs losses (measured under
    // 10 % loss: well under 5 % concealed audio, tests/e2e/network/weak-line.spec.ts).
    audioPreset: AudioPresets.speech,
    // DTX: silence costs almost nothing, which is most of a listener's upload.
    dtx: true,
    // RED (redundant audio) would add protection, but livekit-client turns it off whenever
    // E2EE is on (the server cannot split an encrypted RED payload); asked for it here
    // would be ignored, so we say so instead.
    red: false,
  };
}

/** Options for the Room constructor (everything but encryption, which the factory adds). */
export function callMediaOptions(
  sender: Sender = thisSender(),
): Pick<RoomOptions, 'adaptiveStream' | 'dynacast' | 'videoCaptureDefaults' | 'publishDefaults'> {
  return {
    // Each tile asks the server for the layer its size needs, counted in CSS pixels: a
    // phone with a 3× screen would otherwise ask for the full layer for a thumbnail.
    // Video in a hidden tab is paused.
    adaptiveStream: { pixelDensity: 1, pauseVideoInBackground: true },
    // The sender stops encoding layers nobody is watching: less upload and less battery.
    dynacast: true,
    videoCaptureDefaults: { resolution: cameraCapture(sender) },
    publishDefaults: callPublishDefaults(sender),
  };
}
