import { EventEmitter } from 'node:events';
import {
  ConnectionQuality,
  ConnectionState,
  DisconnectReason,
  RoomEvent,
  Track,
} from 'livekit-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ConnectionMonitor,
  defaultTimings,
  TRAFFIC_POLL_MS,
} from '../../src-renderer/features/connection/connection-state';
import {
  receivedBytes,
  watchRoom,
  type RoomLike,
} from '../../src-renderer/features/connection/room-binding';

/**
 * A publication whose stats report one candidate pair with a byte count we control, and
 * whose picture plays in a <video> that has shown as many frames as we say.
 */
class FakePublication {
  isSubscribed = true;
  isEnabled = true;
  isMuted = false;
  frames = 0;
  /** How many stats reports were asked of its track. */
  reports = 0;
  static made = 0;
  trackSid = `TR_${(FakePublication.made += 1)}`;
  constructor(
    public kind: Track.Kind,
    private stats: { pair: string; bytes: () => number } | null = null,
  ) {}
  setSubscribed(subscribed: boolean) {
    this.isSubscribed = subscribed;
  }
  get track() {
    const stats = this.stats;
    if (!stats) return undefined;
    return {
      getRTCStatsReport: async () => {
        this.reports += 1;
        return new Map([
          [stats.pair, { type: 'candidate-pair', id: stats.pair, bytesReceived: stats.bytes() }],
          ['in', { type: 'inbound-rtp', id: 'in', bytesReceived: 999_999 }],
        ]) as unknown as RTCStatsReport;
      },
      attachedElements: [
        { localName: 'video', getVideoPlaybackQuality: () => ({ totalVideoFrames: this.frames }) },
      ],
    };
  }
}

class FakeRoom extends EventEmitter {
  state: string = ConnectionState.Connected;
  remoteParticipants = new Map<
    string,
    { identity: string; trackPublications: Map<string, FakePublication> }
  >();
  localParticipant = { identity: 'me', trackPublications: new Map<string, FakePublication>() };
  addPerson(identity: string, ...publications: FakePublication[]) {
    this.remoteParticipants.set(identity, {
      identity,
      trackPublications: new Map(publications.map((p, i) => [`${identity}-${i}`, p])),
    });
  }
}

let room: FakeRoom;
let monitor: ConnectionMonitor;
let stop: () => void;

beforeEach(() => {
  vi.useFakeTimers();
  room = new FakeRoom();
  monitor = new ConnectionMonitor();
  stop = watchRoom(room as unknown as RoomLike, monitor);
  room.emit(RoomEvent.ConnectionStateChanged, ConnectionState.Connected);
});

afterEach(() => {
  stop();
  monitor.dispose();
  vi.useRealTimers();
});

describe('watchRoom', () => {
  it('starts from a room that was connected before it was watched (joined ahead)', () => {
    const ahead = new ConnectionMonitor();
    const stopAhead = watchRoom(room as unknown as RoomLike, ahead);
    // No ConnectionStateChanged: it came before the watch began.
    expect(ahead.state.line.kind).toBe('connected');
    stopAhead();
    ahead.dispose();
    const early = new ConnectionMonitor();
    room.state = ConnectionState.Connecting;
    const stopEarly = watchRoom(room as unknown as RoomLike, early);
    expect(early.state.line.kind).toBe('connecting');
    stopEarly();
    early.dispose();
  });

  it('turns LiveKit’s quality events into words for me and for each person', () => {
    room.emit(RoomEvent.ConnectionQualityChanged, ConnectionQuality.Poor, { identity: 'me' });
    room.emit(RoomEvent.ConnectionQualityChanged, ConnectionQuality.Good, { identity: 'maria' });
    expect(monitor.state.me).toBe('poor');
    expect(monitor.state.people.get('maria')).toBe('good');
    room.emit(RoomEvent.ParticipantDisconnected, { identity: 'maria' });
    expect(monitor.state.people.has('maria')).toBe(false);
  });

  it('stops receiving others’ video under audio only and takes it back with one call', () => {
    const camera = new FakePublication(Track.Kind.Video);
    const voice = new FakePublication(Track.Kind.Audio);
    room.addPerson('maria', camera, voice);
    monitor.acceptAudioOnly();
    expect(camera.isSubscribed).toBe(false);
    expect(voice.isSubscribed).toBe(true);

    // A screen shared while audio only is on is not taken either.
    const screen = new FakePublication(Track.Kind.Video);
    room.emit(RoomEvent.TrackPublished, screen, { identity: 'maria' });
    expect(screen.isSubscribed).toBe(false);

    monitor.videoBack();
    expect(camera.isSubscribed).toBe(true);
  });

  it('takes audio only by itself after the offer goes unanswered', () => {
    const camera = new FakePublication(Track.Kind.Video);
    room.addPerson('maria', camera);
    room.emit(RoomEvent.ConnectionQualityChanged, ConnectionQuality.Poor, { identity: 'me' });
    vi.advanceTimersByTime(defaultTimings.offerAudioOnlyAfterMs);
    expect(camera.isSubscribed).toBe(true);
    vi.advanceTimersByTime(defaultTimings.takeAudioOnlyAfterMs);
    expect(camera.isSubscribed).toBe(false);
  });

  it('notices a dead line from the byte count within 2 s', async () => {
    let bytes = 0;
    room.addPerson(
      'maria',
      new FakePublication(Track.Kind.Audio, { pair: 'p1', bytes: () => bytes }),
      new FakePublication(Track.Kind.Video, { pair: 'p1', bytes: () => bytes }),
    );
    for (let step = 0; step < 6; step += 1) {
      bytes += 5000;
      await vi.advanceTimersByTimeAsync(TRAFFIC_POLL_MS);
    }
    expect(monitor.state.banner).toBeNull();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(monitor.state.banner).toBe('interrupted');
  });

  it('passes LiveKit’s reconnect states and reasons on', () => {
    room.emit(RoomEvent.ConnectionStateChanged, ConnectionState.SignalReconnecting);
    expect(monitor.state.banner).toBe('reconnecting');
    room.emit(RoomEvent.Disconnected, DisconnectReason.JOIN_FAILURE);
    expect(monitor.state.canRejoin).toBe(true);
  });

  it('lets go of the room when stopped', () => {
    stop();
    room.emit(RoomEvent.ConnectionQualityChanged, ConnectionQuality.Poor, { identity: 'me' });
    expect(monitor.state.me).toBeUndefined();
    expect(room.eventNames()).toEqual([]);
  });
});

describe('receivedBytes', () => {
  it('reads one report for what I send and one for what I receive, and counts only pairs', async () => {
    const sending = { pair: 'out', bytes: () => 300 };
    const receiving = { pair: 'pair-in', bytes: () => 700 };
    const mine = [
      new FakePublication(Track.Kind.Audio, sending),
      new FakePublication(Track.Kind.Video, sending),
    ];
    mine.forEach((publication, i) =>
      room.localParticipant.trackPublications.set(`m${i}`, publication),
    );
    const theirs = () => [
      new FakePublication(Track.Kind.Video, receiving),
      new FakePublication(Track.Kind.Audio, receiving),
    ];
    const everyone = ['maria', 'jonas', 'lea', 'tim', 'ida'].map((identity) => {
      const publications = theirs();
      room.addPerson(identity, ...publications);
      return publications;
    });
    expect(await receivedBytes(room as unknown as RoomLike)).toMatchObject({
      bytes: 1000,
      expected: true,
    });
    // Twelve tracks, two stats collections.
    const asked = [...mine, ...everyone.flat()].reduce((sum, p) => sum + p.reports, 0);
    expect(asked).toBe(2);
  });

  it('counts a pair that both directions name once (one peer connection for both)', async () => {
    const line = { pair: 'p1', bytes: () => 700 };
    room.localParticipant.trackPublications.set('mic', new FakePublication(Track.Kind.Audio, line));
    room.addPerson('maria', new FakePublication(Track.Kind.Video, line));
    expect((await receivedBytes(room as unknown as RoomLike)).bytes).toBe(700);
  });

  it('asks the next track when one gives no report', async () => {
    const gone = new FakePublication(Track.Kind.Video, { pair: 'pair-in', bytes: () => 700 });
    Object.defineProperty(gone, 'track', {
      get: () => ({ getRTCStatsReport: async () => undefined, attachedElements: [] }),
    });
    room.addPerson(
      'maria',
      gone,
      new FakePublication(Track.Kind.Audio, { pair: 'pair-in', bytes: () => 700 }),
    );
    expect((await receivedBytes(room as unknown as RoomLike)).bytes).toBe(700);
  });

  it('counts the frames each picture that should be moving has shown', async () => {
    const line = { pair: 'p1', bytes: () => 700 };
    const camera = new FakePublication(Track.Kind.Video, line);
    const voice = new FakePublication(Track.Kind.Audio, line);
    const offScreen = new FakePublication(Track.Kind.Video, line);
    const turnedOff = new FakePublication(Track.Kind.Video, line);
    camera.frames = 120;
    offScreen.frames = 40;
    offScreen.isEnabled = false; // its tile is not on screen: adaptive stream stopped it
    turnedOff.frames = 80;
    turnedOff.isMuted = true; // the camera is off: no frames are due
    room.addPerson('maria', camera, voice, offScreen, turnedOff);
    const { frames } = await receivedBytes(room as unknown as RoomLike);
    expect(frames).toEqual(new Map([[camera.trackSid, 120]]));
  });

  it('hands the pictures’ frames to the monitor with every poll', async () => {
    const camera = new FakePublication(Track.Kind.Video, { pair: 'p1', bytes: () => 700 });
    room.addPerson('maria', camera);
    camera.frames = 20;
    await vi.advanceTimersByTimeAsync(TRAFFIC_POLL_MS);
    // Then the picture stands still while the bytes (its voice, say) go on.
    await vi.advanceTimersByTimeAsync(defaultTimings.stillPictureMs + 2 * TRAFFIC_POLL_MS);
    expect(monitor.state.stillPictures).toEqual(new Set([camera.trackSid]));
    camera.frames = 40;
    await vi.advanceTimersByTimeAsync(TRAFFIC_POLL_MS);
    expect(monitor.state.stillPictures).toEqual(new Set());
  });

  it('expects nothing when I am alone and publish nothing', async () => {
    expect(await receivedBytes(room as unknown as RoomLike)).toEqual({
      bytes: 0,
      expected: false,
      frames: new Map(),
    });
  });
});
