/// <reference lib="dom" />
/**
 * What a page receives and sends, read from WebRTC statistics (getStats) of every peer
 * connection the page opened. The page must keep its connections in
 * `window.__peerConnections` (tests/e2e/helpers.ts `instrumentPage`, or
 * `keepPeerConnections` here for the benchmarks).
 */
import type { BrowserContext, Page } from '@playwright/test';

type WithConnections = { __peerConnections: RTCPeerConnection[] };

/** Keeps every RTCPeerConnection the context's pages open, for the readers below. */
export async function keepPeerConnections(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const target = window as unknown as WithConnections;
    target.__peerConnections = [];
    const Original = window.RTCPeerConnection;
    window.RTCPeerConnection = class extends Original {
      constructor(configuration?: RTCConfiguration) {
        super(configuration);
        target.__peerConnections.push(this);
      }
    } as typeof RTCPeerConnection;
  });
}

export interface ReceivedAudio {
  /** Samples played out, concealment included. */
  totalSamplesReceived: number;
  /** Samples the jitter buffer had to invent because packets were missing or late. */
  concealedSamples: number;
  /** Of those, the ones that replaced silence (comfort noise, DTX gaps). */
  silentConcealedSamples: number;
  /** Seconds of audio played out. */
  totalSamplesDuration: number;
  packetsReceived: number;
  packetsLost: number;
}

export interface ReceivedVideo {
  framesDecoded: number;
  /** The tallest picture currently arriving, in pixels (0: none). */
  frameHeight: number;
}

export interface SentVideo {
  /** Heights of the simulcast layers the encoder is sending now. */
  activeHeights: number[];
  /** Why the encoder holds back (`bandwidth`, `cpu`, `none`), for the top layer. */
  limitedBy: string;
}

type Report = Record<string, unknown> & { type: string; kind?: string };

async function reports(page: Page): Promise<Report[]> {
  return page.evaluate(async () => {
    const all: Record<string, unknown>[] = [];
    const connections = (window as unknown as WithConnections).__peerConnections ?? [];
    for (const pc of connections) {
      if (pc.connectionState === 'closed') continue;
      const stats = await pc.getStats();
      stats.forEach((report: Record<string, unknown>) => all.push({ ...report }));
    }
    return all;
  }) as Promise<Report[]>;
}

const number = (value: unknown) => (typeof value === 'number' ? value : 0);

export function sumReceivedAudio(all: Report[]): ReceivedAudio {
  const total: ReceivedAudio = {
    totalSamplesReceived: 0,
    concealedSamples: 0,
    silentConcealedSamples: 0,
    totalSamplesDuration: 0,
    packetsReceived: 0,
    packetsLost: 0,
  };
  for (const report of all) {
    if (report.type !== 'inbound-rtp' || report.kind !== 'audio') continue;
    for (const key of Object.keys(total) as (keyof ReceivedAudio)[])
      total[key] += number(report[key]);
  }
  return total;
}

export async function receivedAudio(page: Page): Promise<ReceivedAudio> {
  return sumReceivedAudio(await reports(page));
}

export async function receivedVideo(page: Page): Promise<ReceivedVideo> {
  const video = { framesDecoded: 0, frameHeight: 0 };
  for (const report of await reports(page)) {
    if (report.type !== 'inbound-rtp' || report.kind !== 'video') continue;
    video.framesDecoded += number(report.framesDecoded);
    video.frameHeight = Math.max(video.frameHeight, number(report.frameHeight));
  }
  return video;
}

export async function sentVideo(page: Page): Promise<SentVideo> {
  const layers: { height: number; limitedBy: string; active: boolean }[] = [];
  for (const report of await reports(page)) {
    if (report.type !== 'outbound-rtp' || report.kind !== 'video') continue;
    layers.push({
      height: number(report.frameHeight),
      limitedBy: String(report.qualityLimitationReason ?? 'none'),
      // An encoding the encoder dropped keeps its last height but stops counting frames.
      active: report.active !== false && number(report.framesPerSecond) > 0,
    });
  }
  layers.sort((a, b) => b.height - a.height);
  return {
    activeHeights: layers.filter((layer) => layer.active).map((layer) => layer.height),
    limitedBy: layers[0]?.limitedBy ?? 'none',
  };
}

/** Percent of the audio played between two readings that was concealment. */
export function concealedPercent(from: ReceivedAudio, to: ReceivedAudio): number {
  const samples = to.totalSamplesReceived - from.totalSamplesReceived;
  if (samples <= 0) return 100;
  return ((to.concealedSamples - from.concealedSamples) / samples) * 100;
}
