/**
 * Glue between a LiveKit Room and the ConnectionMonitor: events in, audio-only out, and
 * the traffic sample the monitor needs to notice a dead line within 2 s. Typed against the
 * few Room members it uses, so tests can hand it a small stand-in.
 */
import type { ConnectionQuality } from 'livekit-client';
import {
  ConnectionState,
  RoomEvent,
  Track,
  type DisconnectReason,
  type Participant,
  type RemoteTrackPublication,
} from 'livekit-client';
import {
  TRAFFIC_POLL_MS,
  type ConnectionMonitor,
  type ConnectionView,
  type LivekitConnectionState,
} from './connection-state';

type StatsSource = { getRTCStatsReport(): Promise<RTCStatsReport | undefined> };

/** An element a track plays in: a `<video>` says how many frames it showed. */
interface PictureElementLike {
  readonly localName: string;
  getVideoPlaybackQuality?(): { totalVideoFrames: number };
}

/** A received track: its stats, and the elements it plays in. */
interface RemoteTrackLike extends StatsSource {
  attachedElements: readonly PictureElementLike[];
}

interface PublicationLike {
  kind: Track.Kind | string;
  track?: StatsSource | undefined;
}

interface RemotePublicationLike extends PublicationLike {
  track?: RemoteTrackLike | undefined;
  trackSid: string;
  isSubscribed: boolean;
  /** False while adaptive stream has it off (its tile is not on screen). */
  isEnabled: boolean;
  isMuted: boolean;
  setSubscribed(subscribed: boolean): void;
}

interface RemoteParticipantLike {
  identity: string;
  trackPublications: Map<string, RemotePublicationLike>;
}

/** The parts of a livekit-client Room this module touches. */
export interface RoomLike {
  on(event: RoomEvent, listener: (...args: never[]) => void): unknown;
  off(event: RoomEvent, listener: (...args: never[]) => void): unknown;
  state: ConnectionState | string;
  remoteParticipants: Map<string, RemoteParticipantLike>;
  localParticipant: { identity: string; trackPublications: Map<string, PublicationLike> };
}

/** Whether a track may be received at all (the call core's rule: encrypted, not locked out). */
export type MayReceive = (identity: string, publication: RemotePublicationLike) => boolean;

const anything: MayReceive = () => true;

/**
 * Stops or resumes receiving everyone else's video (camera and screen). Audio and the
 * names (which travel as data) stay. Unsubscribing, not disabling: with adaptive stream on,
 * livekit-client ignores a manual `setEnabled` for video. Resuming never takes a track the
 * call core refuses.
 */
export function receiveVideo(room: RoomLike, on: boolean, mayReceive: MayReceive = anything): void {
  for (const participant of room.remoteParticipants.values())
    for (const publication of participant.trackPublications.values()) {
      if (publication.kind !== Track.Kind.Video) continue;
      const wanted = on && mayReceive(participant.identity, publication);
      if (publication.isSubscribed !== wanted) publication.setSubscribed(wanted);
    }
}

/** What one poll of the room's stats found. */
export interface TrafficSample {
  /** All bytes received on the room's transports so far. */
  bytes: number;
  /** Whether anything should be arriving at all. */
  expected: boolean;
  /** Frames shown so far, by track sid, of every picture that should be moving. */
  frames: Map<string, number>;
}

/**
 * The candidate pairs in the report of the first of these tracks that gives one. Every
 * track sent goes out on one transport and every track received comes in on one
 * (livekit-client bundles each peer connection onto a single transport), and a track's
 * report includes its transport's pair: one report per direction is the whole line.
 * Reading every track's instead cost a full stats collection each, eight a second in a
 * 1:1 call and twenty-four with six people, for the same two pairs (Meet's page makes two a
 * second): CPU, and garbage the page holds until its next full collection (README, "one
 * stats report per direction").
 */
async function pairsOf(tracks: readonly StatsSource[], pairs: Map<string, number>) {
  for (const track of tracks) {
    const report = await track.getRTCStatsReport().catch(() => undefined);
    if (!report) continue;
    report.forEach((entry: { type: string; id: string; bytesReceived?: number }) => {
      if (entry.type === 'candidate-pair')
        pairs.set(entry.id, Math.max(pairs.get(entry.id) ?? 0, entry.bytesReceived ?? 0));
    });
    return;
  }
}

/**
 * Frames shown so far of a received picture, in every element it plays in. The element
 * counts what reached the screen, which is what "Bild angehalten" is about, and reading it
 * costs nothing, where the decoder's count needs a stats collection for each picture.
 */
function framesShown(track: RemoteTrackLike): number {
  let frames = 0;
  for (const element of track.attachedElements)
    frames += element.getVideoPlaybackQuality?.().totalVideoFrames ?? 0;
  return frames;
}

/**
 * All bytes received on the room's transports so far (one stats report for what I send,
 * one for what I receive; a pair both name counts once), whether anything should be
 * arriving at all, and the frames shown of each picture that should be moving:
 * subscribed, camera or screen not turned off, its tile on screen (adaptive stream has not
 * turned it off).
 */
export async function receivedBytes(room: RoomLike): Promise<TrafficSample> {
  const sent: StatsSource[] = [];
  const received: StatsSource[] = [];
  const frames = new Map<string, number>();
  for (const publication of room.localParticipant.trackPublications.values())
    if (publication.track) sent.push(publication.track);
  for (const participant of room.remoteParticipants.values())
    for (const publication of participant.trackPublications.values()) {
      const track = publication.track;
      if (!track) continue;
      received.push(track);
      const moving =
        publication.kind === Track.Kind.Video &&
        publication.isSubscribed &&
        publication.isEnabled &&
        !publication.isMuted;
      if (moving) frames.set(publication.trackSid, framesShown(track));
    }
  const pairs = new Map<string, number>();
  await Promise.all([pairsOf(sent, pairs), pairsOf(received, pairs)]);
  let bytes = 0;
  for (const value of pairs.values()) bytes += value;
  // Someone else is there, or I publish (the server answers with RTCP): packets are due.
  const expected = room.remoteParticipants.size > 0 || sent.length + received.length > 0;
  return { bytes, expected, frames };
}

/**
 * Feeds the monitor from the room and keeps audio-only applied, also to video published
 * later. Returns the function that stops all of it.
 */
export function watchRoom(
  room: RoomLike,
  monitor: ConnectionMonitor,
  mayReceive: MayReceive = anything,
): () => void {
  const listeners: [RoomEvent, (...args: never[]) => void][] = [];
  const on = <A extends unknown[]>(event: RoomEvent, listener: (...args: A) => void) => {
    const untyped = listener as unknown as (...args: never[]) => void;
    room.on(event, untyped);
    listeners.push([event, untyped]);
  };

  on(RoomEvent.ConnectionQualityChanged, (quality: ConnectionQuality, who: Participant) =>
    monitor.qualityChanged(who.identity, quality, who.identity === room.localParticipant.identity),
  );
  on(RoomEvent.ParticipantDisconnected, (who: Participant) => monitor.personLeft(who.identity));
  on(RoomEvent.ConnectionStateChanged, (state: ConnectionState) =>
    monitor.connectionStateChanged(state as LivekitConnectionState),
  );
  on(RoomEvent.Disconnected, (reason?: DisconnectReason) => monitor.disconnected(reason));
  // A room connected before it was watched (a guest's call, joined ahead through her door)
  // told nobody: the monitor starts from where the room is.
  if (room.state === ConnectionState.Connected) monitor.connectionStateChanged('connected');
  // Video that appears while audio-only is on (a camera turned on, a screen shared) is
  // not taken either; the server may subscribe on its own, so both events are checked.
  const refuseVideo = (_track: unknown, publication?: RemoteTrackPublication) => {
    const target = publication ?? (_track as RemoteTrackPublication);
    if (!monitor.state.receiveVideo && target.kind === Track.Kind.Video)
      target.setSubscribed(false);
  };
  on(RoomEvent.TrackPublished, (publication: RemoteTrackPublication) => refuseVideo(publication));
  on(RoomEvent.TrackSubscribed, (track: unknown, publication: RemoteTrackPublication) =>
    refuseVideo(track, publication),
  );

  let applied = monitor.state.receiveVideo;
  const unsubscribe = monitor.subscribe((view: ConnectionView) => {
    if (view.receiveVideo === applied) return;
    applied = view.receiveVideo;
    receiveVideo(room, applied, mayReceive);
  });

  let stopped = false;
  const poll = async () => {
    if (stopped) return;
    if (room.state === ConnectionState.Connected) {
      const { bytes, expected, frames } = await receivedBytes(room);
      if (!stopped) {
        monitor.trafficSample(bytes, expected);
        monitor.pictureFrames(frames);
      }
    }
    if (!stopped) timer = setTimeout(() => void poll(), TRAFFIC_POLL_MS);
  };
  let timer = setTimeout(() => void poll(), TRAFFIC_POLL_MS);

  return () => {
    stopped = true;
    clearTimeout(timer);
    unsubscribe();
    for (const [event, listener] of listeners) room.off(event, listener);
  };
}
