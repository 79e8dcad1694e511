import { ConnectionQuality, DisconnectReason } from 'livekit-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ConnectionMonitor,
  defaultTimings,
  qualityWord,
  TRAFFIC_POLL_MS,
  type ConnectionView,
} from '../../src-renderer/features/connection/connection-state';
import { connectionDe } from '../../src-renderer/features/connection/messages';
import { connectionEn } from '../../src-renderer/features/connection/messages-en';
import { de } from '../../src-renderer/i18n/de';
import { en } from '../../src-renderer/i18n/en';

let monitor: ConnectionMonitor;

beforeEach(() => {
  vi.useFakeTimers();
  monitor = new ConnectionMonitor();
  monitor.connectionStateChanged('connected');
});

afterEach(() => {
  monitor.dispose();
  vi.useRealTimers();
});

/** The call core's traffic poll: `bytes` so far, every TRAFFIC_POLL_MS, for `ms`. */
function poll(ms: number, bytes: (step: number) => number, expected = true) {
  for (let step = 0; step * TRAFFIC_POLL_MS < ms; step += 1) {
    monitor.trafficSample(bytes(step), expected);
    vi.advanceTimersByTime(TRAFFIC_POLL_MS);
  }
}

const mine = (quality: ConnectionQuality) => monitor.qualityChanged('me', quality, true);

describe('quality words', () => {
  it('names LiveKit’s four levels and says nothing for unknown', () => {
    expect(
      [
        ConnectionQuality.Excellent,
        ConnectionQuality.Good,
        ConnectionQuality.Poor,
        ConnectionQuality.Lost,
        ConnectionQuality.Unknown,
      ].map(qualityWord),
    ).toEqual(['excellent', 'good', 'poor', 'lost', undefined]);
  });

  it('reads as „gut“, „mittel“, „schwach“, „getrennt“ in German', () => {
    const words = (['excellent', 'good', 'poor', 'lost'] as const).map(
      (word) => de.connection.quality[word],
    );
    expect(words).toEqual(['gut', 'mittel', 'schwach', 'getrennt']);
    expect(en.connection.quality.poor).toBe('weak');
  });

  it('keeps a word for me and one for each person, and forgets who left', () => {
    mine(ConnectionQuality.Good);
    monitor.qualityChanged('maria', ConnectionQuality.Poor, false);
    monitor.qualityChanged('jonas', ConnectionQuality.Excellent, false);
    expect(monitor.state.me).toBe('good');
    expect([...monitor.state.people]).toEqual([
      ['maria', 'poor'],
      ['jonas', 'excellent'],
    ]);
    monitor.personLeft('maria');
    expect([...monitor.state.people.keys()]).toEqual(['jonas']);
  });

  it('says „Ihre Verbindung ist schwach – das Bild wird kleiner gestellt“ while mine is poor', () => {
    mine(ConnectionQuality.Poor);
    expect(monitor.state.banner).toBe('poor');
    expect(de.connection.banner.poor).toBe(
      'Ihre Verbindung ist schwach – das Bild wird kleiner gestellt.',
    );
    mine(ConnectionQuality.Excellent);
    expect(monitor.state.banner).toBeNull();
  });
});

describe('audio only on a weak line', () => {
  it('is offered after my quality stayed poor, and taken when nobody answers', () => {
    mine(ConnectionQuality.Poor);
    vi.advanceTimersByTime(defaultTimings.offerAudioOnlyAfterMs - 1);
    expect(monitor.state.audioOnly.kind).toBe('off');
    vi.advanceTimersByTime(1);
    expect(monitor.state.audioOnly.kind).toBe('offered');
    expect(monitor.state.banner).toBe('audioOnlyOffer');
    expect(monitor.state.receiveVideo).toBe(true);

    vi.advanceTimersByTime(defaultTimings.takeAudioOnlyAfterMs);
    expect(monitor.state.audioOnly).toEqual({ kind: 'on', by: 'automatic' });
    expect(monitor.state.receiveVideo).toBe(false);
    expect(monitor.state.banner).toBe('audioOnlyOn');
  });

  it('is not offered for a short dip', () => {
    mine(ConnectionQuality.Poor);
    vi.advanceTimersByTime(defaultTimings.offerAudioOnlyAfterMs / 2);
    mine(ConnectionQuality.Good);
    vi.advanceTimersByTime(defaultTimings.lineBetterAfterMs);
    mine(ConnectionQuality.Poor);
    vi.advanceTimersByTime(defaultTimings.offerAudioOnlyAfterMs / 2);
    expect(monitor.state.audioOnly.kind).toBe('off');
  });

  it('is offered on a line that reads poor and good by turns, as LiveKit rates a weak one', () => {
    // LiveKit rates the line every 5 s.
    for (let rating = 0; rating < 4; rating += 1) {
      mine(rating % 2 === 0 ? ConnectionQuality.Poor : ConnectionQuality.Good);
      vi.advanceTimersByTime(5_000);
    }
    expect(monitor.state.audioOnly.kind).toBe('offered');
  });

  it('counts „lost“ as poor, and withdraws the offer when the line gets better', () => {
    mine(ConnectionQuality.Lost);
    vi.advanceTimersByTime(defaultTimings.offerAudioOnlyAfterMs);
    expect(monitor.state.audioOnly.kind).toBe('offered');
    mine(ConnectionQuality.Good);
    // One better rating is not yet a better line.
    expect(monitor.state.audioOnly.kind).toBe('offered');
    vi.advanceTimersByTime(defaultTimings.lineBetterAfterMs);
    expect(monitor.state.audioOnly.kind).toBe('off');
    vi.advanceTimersByTime(defaultTimings.takeAudioOnlyAfterMs);
    expect(monitor.state.receiveVideo).toBe(true);
  });

  it('can be taken at once by the person, and one call brings the pictures back', () => {
    mine(ConnectionQuality.Poor);
    vi.advanceTimersByTime(defaultTimings.offerAudioOnlyAfterMs);
    monitor.acceptAudioOnly();
    expect(monitor.state.audioOnly).toEqual({ kind: 'on', by: 'person' });
    expect(monitor.state.receiveVideo).toBe(false);
    monitor.videoBack();
    expect(monitor.state.receiveVideo).toBe(true);
    // Still poor: not asked again straight away.
    vi.advanceTimersByTime(defaultTimings.offerAudioOnlyAfterMs * 3);
    expect(monitor.state.audioOnly.kind).toBe('declined');
    expect(monitor.state.banner).toBe('poor');
  });

  it('is not asked again after „Bilder behalten“ until the line was better once', () => {
    mine(ConnectionQuality.Poor);
    vi.advanceTimersByTime(defaultTimings.offerAudioOnlyAfterMs);
    monitor.declineAudioOnly();
    vi.advanceTimersByTime(defaultTimings.takeAudioOnlyAfterMs * 2);
    expect(monitor.state.receiveVideo).toBe(true);
    mine(ConnectionQuality.Excellent);
    vi.advanceTimersByTime(defaultTimings.lineBetterAfterMs);
    mine(ConnectionQuality.Poor);
    vi.advanceTimersByTime(defaultTimings.offerAudioOnlyAfterMs);
    expect(monitor.state.audioOnly.kind).toBe('offered');
  });

  it('keeps audio only through a reconnect', () => {
    monitor.acceptAudioOnly();
    monitor.connectionStateChanged('reconnecting');
    monitor.connectionStateChanged('connected');
    expect(monitor.state.receiveVideo).toBe(false);
  });
});

describe('a broken line', () => {
  it('shows the banner within 2 s of the last packet, long before LiveKit notices', () => {
    let received = 0;
    poll(5_000, () => (received += 1200));
    expect(monitor.state.line.kind).toBe('connected');
    // The line dies: the byte count stops.
    const views: ConnectionView[] = [];
    monitor.subscribe((view) => views.push(view));
    const cut = Date.now();
    poll(2_000, () => received);
    const shown = views.find((view) => view.banner === 'interrupted');
    expect(shown).toBeDefined();
    expect(monitor.state.line.kind).toBe('interrupted');
    expect(Date.now() - cut).toBeLessThanOrEqual(2_000);
    expect(de.connection.banner.interrupted).toMatch(/^Die Verbindung ist unterbrochen/);
  });

  it('says nothing when no packets are due (alone, publishing nothing)', () => {
    poll(10_000, () => 0, false);
    expect(monitor.state.banner).toBeNull();
  });

  it('says „wieder verbunden“ when packets come back by themselves, then goes quiet', () => {
    let received = 0;
    poll(2_000, () => (received += 1000));
    poll(3_000, () => received);
    expect(monitor.state.banner).toBe('interrupted');
    poll(TRAFFIC_POLL_MS, () => (received += 1000));
    expect(monitor.state.banner).toBe('restored');
    poll(defaultTimings.restoredShownMs, () => (received += 1000));
    expect(monitor.state.banner).toBeNull();
    expect(monitor.state.line.kind).toBe('connected');
  });

  it('follows LiveKit’s resume and full reconnect, keeping when the cut began', () => {
    let received = 0;
    poll(2_000, () => (received += 1000));
    poll(2_000, () => received);
    const interrupted = monitor.state.line;
    expect(interrupted.kind).toBe('interrupted');
    monitor.connectionStateChanged('signalReconnecting');
    expect(monitor.state.line).toMatchObject({ kind: 'reconnecting', scope: 'signal' });
    monitor.connectionStateChanged('reconnecting');
    expect(monitor.state.line).toMatchObject({
      kind: 'reconnecting',
      scope: 'media',
      since: interrupted.kind === 'interrupted' ? interrupted.since : -1,
    });
    expect(monitor.state.banner).toBe('reconnecting');
    monitor.connectionStateChanged('connected');
    expect(monitor.state.banner).toBe('restored');
  });

  it('offers „Wieder verbinden“ once LiveKit gives up, and tracks the rejoin', () => {
    monitor.connectionStateChanged('reconnecting');
    monitor.disconnected(DisconnectReason.SIGNAL_CLOSE);
    expect(monitor.state.line).toEqual({ kind: 'gave-up', cause: 'network' });
    expect(monitor.state.canRejoin).toBe(true);
    expect(monitor.state.banner).toBe('gaveUp');
    expect(de.connection.action.rejoin).toBe('Wieder verbinden');

    monitor.rejoin();
    expect(monitor.state.banner).toBe('rejoining');
    expect(monitor.state.canRejoin).toBe(false);
    monitor.rejoinFailed('server');
    expect(monitor.state.banner).toBe('serverGone');
    monitor.rejoin();
    monitor.connectionStateChanged('connected');
    expect(monitor.state.banner).toBe('restored');
  });

  it('says the server is not back when a rejoin finds the call gone, after LiveKit’s own verdict', () => {
    monitor.disconnected(DisconnectReason.SIGNAL_CLOSE);
    monitor.rejoin();
    // The failed connect ends in LiveKit's Disconnected first (no reason: a lost line) …
    monitor.disconnected(undefined);
    expect(monitor.state.banner).toBe('gaveUp');
    // … then the call core knows better: the restarted server does not know the room yet.
    monitor.rejoinFailed('server');
    expect(monitor.state.banner).toBe('serverGone');
    expect(monitor.state.canRejoin).toBe(true);
  });

  it('names a server that shut down, and offers the rejoin there too', () => {
    monitor.disconnected(DisconnectReason.SERVER_SHUTDOWN);
    expect(monitor.state.banner).toBe('serverGone');
    expect(monitor.state.canRejoin).toBe(true);
  });

  it('ends without a rejoin when the person left, was removed, or the room closed', () => {
    for (const [reason, cause] of [
      [DisconnectReason.CLIENT_INITIATED, 'left'],
      [DisconnectReason.PARTICIPANT_REMOVED, 'removed'],
      [DisconnectReason.ROOM_DELETED, 'room-closed'],
      [DisconnectReason.DUPLICATE_IDENTITY, 'replaced'],
    ] as const) {
      const ended = new ConnectionMonitor();
      ended.connectionStateChanged('connected');
      ended.disconnected(reason);
      expect(ended.state.line).toEqual({ kind: 'ended', cause });
      expect(ended.state.canRejoin).toBe(false);
      expect(ended.state.banner).toBeNull();
      // A later event cannot bring a removed person's banner back.
      ended.connectionStateChanged('reconnecting');
      expect(ended.state.line.kind).toBe('ended');
      ended.dispose();
    }
  });
});

describe('still pictures', () => {
  /** The poll's frame counts, every TRAFFIC_POLL_MS, for `ms`. */
  function frames(ms: number, counts: () => ReadonlyMap<string, number>) {
    for (let waited = 0; waited < ms; waited += TRAFFIC_POLL_MS) {
      monitor.pictureFrames(counts());
      vi.advanceTimersByTime(TRAFFIC_POLL_MS);
    }
    monitor.pictureFrames(counts());
  }

  it('names a picture that moved and then stood still, and forgets it when it moves again', () => {
    let count = 0;
    frames(2_000, () => new Map([['TR_a', (count += 10)]]));
    expect(monitor.state.stillPictures).toEqual(new Set());
    // A moment without a new frame is not yet still.
    frames(defaultTimings.stillPictureMs - TRAFFIC_POLL_MS, () => new Map([['TR_a', count]]));
    expect(monitor.state.stillPictures).toEqual(new Set());
    frames(TRAFFIC_POLL_MS, () => new Map([['TR_a', count]]));
    expect(monitor.state.stillPictures).toEqual(new Set(['TR_a']));
    monitor.pictureFrames(new Map([['TR_a', count + 1]]));
    expect(monitor.state.stillPictures).toEqual(new Set());
  });

  it('does not call a picture still that has not started, and forgets one no longer received', () => {
    frames(10_000, () => new Map([['TR_new', 0]]));
    expect(monitor.state.stillPictures).toEqual(new Set());
    frames(10_000, () => new Map([['TR_a', 5]]));
    expect(monitor.state.stillPictures).toEqual(new Set(['TR_a']));
    // Sound only, or she left: the picture is not in the sample any more.
    monitor.pictureFrames(new Map());
    expect(monitor.state.stillPictures).toEqual(new Set());
  });
});

describe('texts', () => {
  it('has every German text in English too, and nothing else', () => {
    const keys = (value: object, prefix = ''): string[] =>
      Object.entries(value).flatMap(([key, inner]) =>
        typeof inner === 'object' ? keys(inner as object, `${prefix}${key}.`) : [prefix + key],
      );
    expect(keys(connectionEn)).toEqual(keys(connectionDe));
    for (const text of keys(connectionEn)) expect(text).not.toBe('');
  });
});
