import { AudioPresets, VideoPresets } from 'livekit-client';
import { describe, expect, it } from 'vitest';
import {
  callMediaOptions,
  cameraLayers,
  laptopLayers,
} from '../../src-renderer/features/connection/media-options';
import { cameraCapture } from '../../src-renderer/features/devices/capture';

const phone = { touchOnly: true, cores: 8, h264: true };
const smallLaptop = { touchOnly: false, cores: 2, h264: true };
const laptop = { touchOnly: false, cores: 8, h264: true };

describe('callMediaOptions', () => {
  const options = callMediaOptions(phone);
  const publish = options.publishDefaults ?? {};

  it('keeps the small layer and the voice inside a 500 kbit/s line with room for loss', () => {
    const audio = publish.audioPreset?.maxBitrate ?? AudioPresets.music.maxBitrate;
    const small = cameraLayers.small.encoding.maxBitrate;
    // A third of the line stays free for retransmissions, FEC and the other direction's RTCP.
    expect(small + audio).toBeLessThanOrEqual((500_000 * 2) / 3);
    expect(publish.videoSimulcastLayers).toEqual([cameraLayers.small]);
  });

  it('sends the small layer at the full layer’s frame rate, so that it costs the full one no frames', () => {
    expect(cameraLayers.small.encoding.maxFramerate).toBe(cameraLayers.full.encoding.maxFramerate);
  });

  it('caps both layers above the rate the camera is opened at, so that the cap drops none of its frames', () => {
    const opened = cameraCapture({ ...phone, cores: 2 }).frameRate ?? 0;
    expect(opened).toBeGreaterThan(0);
    for (const layer of [cameraLayers.small, cameraLayers.full])
      expect(layer.encoding.maxFramerate).toBeGreaterThan(opened);
  });

  it('asks no more of a phone’s upload than LiveKit’s own 360p preset', () => {
    expect(options.videoCaptureDefaults?.resolution).toEqual(VideoPresets.h360.resolution);
    expect(publish.videoEncoding?.maxBitrate).toBeLessThanOrEqual(
      VideoPresets.h360.encoding.maxBitrate,
    );
    expect(cameraLayers.full.height).toBe(VideoPresets.h360.height);
  });

  it('sizes layers by CSS pixels and stops unwatched layers', () => {
    expect(options.adaptiveStream).toEqual({ pixelDensity: 1, pauseVideoInBackground: true });
    expect(options.dynacast).toBe(true);
  });

  it('uses what works under E2EE: H.264, DTX, no RED, no backup codec', () => {
    expect(publish).toMatchObject({
      videoCodec: 'h264',
      backupCodec: false,
      simulcast: true,
      dtx: true,
      red: false,
    });
  });

  it('sends VP8 from a browser that cannot send H.264', () => {
    const withoutH264 = callMediaOptions({ ...phone, h264: false }).publishDefaults;
    expect(withoutH264).toMatchObject({ videoCodec: 'vp8', simulcast: true });
  });
});

describe('720p where the sender can', () => {
  it('sends 720p in three layers from a laptop with cores to spare', () => {
    const options = callMediaOptions(laptop);
    expect(options.videoCaptureDefaults?.resolution).toEqual(VideoPresets.h720.resolution);
    expect(options.publishDefaults?.videoEncoding).toEqual(laptopLayers.high.encoding);
    expect(options.publishDefaults?.videoSimulcastLayers).toEqual([
      cameraLayers.small,
      laptopLayers.middle,
    ]);
  });

  it('keeps 360p on a phone and on a machine with two cores', () => {
    for (const sender of [phone, smallLaptop]) {
      const options = callMediaOptions(sender);
      expect(options.videoCaptureDefaults?.resolution).toEqual(VideoPresets.h360.resolution);
      expect(options.publishDefaults?.videoSimulcastLayers).toEqual([cameraLayers.small]);
    }
  });

  it('opens the camera at the size the call sends (the device check hands it on)', () => {
    for (const sender of [phone, smallLaptop, laptop])
      expect(cameraCapture(sender)).toEqual(
        callMediaOptions(sender).videoCaptureDefaults?.resolution,
      );
    expect(cameraCapture(smallLaptop)).toMatchObject({ width: 640, height: 360 });
  });
});
