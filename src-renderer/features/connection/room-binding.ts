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

interface PublicationLike {
  kind: Track.Kind | string;
  track?: StatsSource | undefined;
}

interface RemotePublicationLike extends PublicationLike {
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
  /** Frames decoded so far, by track sid, of every picture that should be moving. */
  frames: Map<string, number>;
}

/**
 * All bytes received on the room's transports so far, read from the stats of every track
 * (each report includes its transport's candidate pair; a pair shared by several tracks
 * counts once), whether anything should be arriving at all, and, from the same reports,
 * the frames decoded of each picture that should be moving: subscribed, camera or screen
 * not turned off, its tile on screen (adaptive stream has not turned it off).
 */
export async function receivedBytes(room: RoomLike): Promise<TrafficSample> {
  const sources: { stats: StatsSource; picture?: string }[] = [];
  for (const publication of room.localParticipant.trackPublications.values())
    if (publication.track) sources.push({ stats: publication.track });
  for (const participant of room.remoteParticipants.values())
    for (const publication of participant.trackPublications.values()) {
      if (!publication.track) continue;
      const moving =
        publication.kind === Track.Kind.Video &&
        publication.isSubscribed &&
        publication.isEnabled &&
        !publication.isMuted;
      sources.push({
        stats: publication.track,
        picture: moving ? publication.trackSid : undefined,
      });
    }
  const pairs = new Map<string, number>();
  const frames = new Map<string, number>();
  await Promise.all(
    sources.map(async ({ stats, picture }) => {
      const report = await stats.getRTCStatsReport().catch(() => undefined);
      report?.forEach(
        (entry: { type: string; id: string; bytesReceived?: number; framesDecoded?: number }) => {
          if (entry.type === 'candidate-pair')
            pairs.set(entry.id, Math.max(pairs.get(entry.id) ?? 0, entry.bytesReceived ?? 0));
          else if (picture && entry.type === 'inbound-rtp')
            frames.set(picture, (frames.get(picture) ?? 0) + (entry.framesDecoded ?? 0));
        },
      );
    }),
  );
  let bytes = 0;
  for (const value of pairs.values()) bytes += value;
  // Someone else is there, or I publish (the server answers with RTCP): packets are due.
  const expected = room.remoteParticipants.size > 0 || sources.length > 0;
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
