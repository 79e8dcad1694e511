/**
 * Which video codecs WebRTC here says it can send and show. A call's video is H.264 where
 * the sender's browser can send it, VP8 where not (`callVideoCodec` in
 * connection/media-options), so whether this browser decodes H.264 decides whether it shows
 * the other person's picture at all. Plain browser API, no livekit-client: the welcome asks.
 */

/** Whether the browser lists the codec; `undefined` where it cannot say (no capabilities API). */
function lists(side: 'send' | 'receive', mimeType: string): boolean | undefined {
  const api = side === 'send' ? globalThis.RTCRtpSender : globalThis.RTCRtpReceiver;
  const codecs = api?.getCapabilities?.('video')?.codecs;
  if (!codecs) return undefined;
  return codecs.some((codec) => codec.mimeType.toLowerCase() === mimeType);
}

/**
 * Chromium on Android lists H.264 for sending only with a hardware encoder, Firefox only
 * with its OpenH264 plugin.
 */
export function canSendH264(): boolean {
  return lists('send', 'video/h264') === true;
}

/**
 * Only where the browser says it cannot (Firefox with its OpenH264 plugin turned off, say):
 * a browser that cannot say is not told it fails.
 */
export function cannotShowH264(): boolean {
  return lists('receive', 'video/h264') === false;
}
