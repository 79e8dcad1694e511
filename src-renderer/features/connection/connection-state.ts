/**
 * How the line is, for me and for each person, and what the call does about it: plain
 * TypeScript, no React, no Room. The call core feeds it LiveKit's events (through
 * `watchRoom` in room-binding.ts) and reads one state with the words and banner to show.
 *
 * - Quality: LiveKit's ConnectionQuality for me and each person, as a word.
 * - Weak line: my quality poor (or lost) for `offerAudioOnlyAfterMs` → offer audio only;
 *   unanswered for `takeAudioOnlyAfterMs` → take it. One call (`videoBack`) undoes it. The
 *   line counts as better again only once it read better for `lineBetterAfterMs`: LiveKit
 *   rates it every 5 s, and a weak line often reads "good" once in between.
 * - Broken line: LiveKit notices a dead line only after its signal ping timeout (about
 *   15 s measured here), so the call core also reports received bytes every
 *   `TRAFFIC_POLL_MS`; silence for `silenceMs` while traffic is expected shows the banner
 *   within 2 s. LiveKit's own Reconnecting/SignalReconnecting/Reconnected/Disconnected
 *   follow; after it gives up, the state offers "Wieder verbinden".
 * - Still pictures: the same poll counts the frames of each picture received; one that
 *   moved and then stood still for `stillPictureMs` is named, so its tile can say so
 *   instead of passing a frozen frame off as live (the sender's line may carry no picture,
 *   or the server may have paused it for mine).
 */
import { ConnectionQuality, DisconnectReason } from 'livekit-client';

export type QualityWord = 'excellent' | 'good' | 'poor' | 'lost';

export type LineState =
  | { kind: 'connecting' }
  | { kind: 'connected' }
  /** We hear nothing, LiveKit has not noticed yet. */
  | { kind: 'interrupted'; since: number }
  /** LiveKit is resuming (`signal`: only the WebSocket) or rebuilding the connection. */
  | { kind: 'reconnecting'; since: number; scope: 'signal' | 'media' }
  /** Back after an interruption; shown for `restoredShownMs`. */
  | { kind: 'restored' }
  /** LiveKit gave up: the person may rejoin ("Wieder verbinden"). */
  | { kind: 'gave-up'; cause: 'network' | 'server' }
  | { kind: 'rejoining' }
  /** The call is over for this person; the call screen says why. */
  | { kind: 'ended'; cause: 'left' | 'removed' | 'room-closed' | 'replaced' };

export type AudioOnly =
  | { kind: 'off' }
  | { kind: 'offered'; since: number }
  | { kind: 'on'; by: 'person' | 'automatic' }
  /** The person kept the pictures; not offered again until the line was better once. */
  | { kind: 'declined' };

/** Keys under `connection.banner.` in the i18n files. */
export type ConnectionBanner =
  | 'poor'
  | 'interrupted'
  | 'reconnecting'
  | 'restored'
  | 'gaveUp'
  | 'serverGone'
  | 'rejoining'
  | 'audioOnlyOffer'
  | 'audioOnlyOn';

export interface ConnectionView {
  line: LineState;
  /** My own quality; undefined until LiveKit has said. */
  me: QualityWord | undefined;
  /** Each other person's quality, by identity. */
  people: ReadonlyMap<string, QualityWord>;
  audioOnly: AudioOnly;
  /** The one banner to show now (most urgent first), or null. */
  banner: ConnectionBanner | null;
  /** True while "Wieder verbinden" is the thing to offer. */
  canRejoin: boolean;
  /** True while others' video should not be received. */
  receiveVideo: boolean;
  /** Others' pictures (by track sid) that moved and then stood still: see `pictureFrames`. */
  stillPictures: ReadonlySet<string>;
}

export interface ConnectionTimings {
  /** My quality poor this long → offer audio only. */
  offerAudioOnlyAfterMs: number;
  /** An unanswered offer this long → take audio only. */
  takeAudioOnlyAfterMs: number;
  /** My quality better this long → the line is better (an offer withdrawn, "no" forgotten). */
  lineBetterAfterMs: number;
  /** Nothing received this long (while traffic is expected) → the line is interrupted. */
  silenceMs: number;
  /** How long "wieder verbunden" stays. */
  restoredShownMs: number;
  /** A picture that moved and then got no new frame this long is still. */
  stillPictureMs: number;
}

/**
 * Poll received bytes this often: with `silenceMs` of 1.5 s the banner shows at most 2 s
 * after the last packet.
 */
export const TRAFFIC_POLL_MS = 500;

export const defaultTimings: ConnectionTimings = {
  // Long enough that a passing dip (a door closing between phone and router) does not ask.
  offerAudioOnlyAfterMs: 10_000,
  takeAudioOnlyAfterMs: 15_000,
  // More than one of LiveKit's 5 s ratings: at 10 % loss and 500 kbit/s the line read
  // "schwach" and "gut" by turns, and an offer that waited for 10 s of "schwach" in a row
  // never came.
  lineBetterAfterMs: 8_000,
  // The server sends RTCP and transport feedback several times a second while anyone
  // publishes; 1.5 s of nothing is not a hiccup.
  silenceMs: 1_500,
  restoredShownMs: 4_000,
  // A camera gives 20 frames a second, a paused small layer none; two and a half seconds
  // without one is no jitter, and short enough to be said while the person still wonders.
  stillPictureMs: 2_500,
};

/** LiveKit's four levels as words; `unknown` is no word at all. */
export function qualityWord(quality: ConnectionQuality): QualityWord | undefined {
  switch (quality) {
    case ConnectionQuality.Excellent:
      return 'excellent';
    case ConnectionQuality.Good:
      return 'good';
    case ConnectionQuality.Poor:
      return 'poor';
    case ConnectionQuality.Lost:
      return 'lost';
    default:
      return undefined;
  }
}

const weak = (word: QualityWord | undefined) => word === 'poor' || word === 'lost';

/** LiveKit's connection states, as the strings its `ConnectionState` enum holds. */
export type LivekitConnectionState =
  'disconnected' | 'connecting' | 'connected' | 'reconnecting' | 'signalReconnecting';

interface Timers {
  now(): number;
  setTimeout(action: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (action, ms) => setTimeout(action, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

export function bannerFor(
  line: LineState,
  audioOnly: AudioOnly,
  me: QualityWord | undefined,
): ConnectionBanner | null {
  switch (line.kind) {
    case 'gave-up':
      return line.cause === 'server' ? 'serverGone' : 'gaveUp';
    case 'rejoining':
      return 'rejoining';
    case 'interrupted':
      return 'interrupted';
    case 'reconnecting':
      return 'reconnecting';
    case 'restored':
      return 'restored';
    case 'connecting':
    case 'ended':
      return null;
    case 'connected':
      if (audioOnly.kind === 'offered') return 'audioOnlyOffer';
      if (audioOnly.kind === 'on') return 'audioOnlyOn';
      return weak(me) ? 'poor' : null;
  }
}

/**
 * The connection's state machine. Inputs are LiveKit's events and the call core's traffic
 * samples; `subscribe` tells about every change.
 */
export class ConnectionMonitor {
  private line: LineState = { kind: 'connecting' };
  private me: QualityWord | undefined;
  private people = new Map<string, QualityWord>();
  private audioOnly: AudioOnly = { kind: 'off' };
  private listeners = new Set<(view: ConnectionView) => void>();
  private poorTimer: unknown;
  /** The weak line's time to offer passed while it read better for a moment. */
  private poorDue = false;
  private betterTimer: unknown;
  private offerTimer: unknown;
  private restoredTimer: unknown;
  private lastBytes = -1;
  private lastBytesAt = 0;
  /** Per picture received: its frame count and when that last changed. */
  private pictures = new Map<string, { frames: number; movedAt: number }>();
  private still = new Set<string>();
  private view: ConnectionView;

  constructor(
    private readonly timings: ConnectionTimings = defaultTimings,
    private readonly timers: Timers = realTimers,
  ) {
    this.view = this.compute();
  }

  get state(): ConnectionView {
    return this.view;
  }

  subscribe(listener: (view: ConnectionView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** LiveKit's `ConnectionQualityChanged`, for me (`isMe`) or another person. */
  qualityChanged(identity: string, quality: ConnectionQuality, isMe: boolean): void {
    const word = qualityWord(quality);
    if (!isMe) {
      if (word) this.people.set(identity, word);
      else this.people.delete(identity);
      this.emit();
      return;
    }
    this.me = word;
    if (weak(word)) {
      this.timers.clearTimeout(this.betterTimer);
      this.betterTimer = undefined;
      if (this.poorDue) this.offerAudioOnly();
      // Counting only while nothing is offered or taken: there is nothing to offer otherwise.
      else if (this.poorTimer === undefined && this.audioOnly.kind === 'off') this.startPoorTimer();
    } else if (this.betterTimer === undefined) {
      this.betterTimer = this.timers.setTimeout(
        () => this.lineBetter(),
        this.timings.lineBetterAfterMs,
      );
    }
    this.emit();
  }

  personLeft(identity: string): void {
    if (this.people.delete(identity)) this.emit();
  }

  /** LiveKit's `ConnectionStateChanged`. */
  connectionStateChanged(state: LivekitConnectionState): void {
    if (this.line.kind === 'ended') return;
    if (state === 'connected') {
      const wasDown = ['interrupted', 'reconnecting', 'rejoining', 'gave-up'].includes(
        this.line.kind,
      );
      if (wasDown) this.showRestored();
      else if (this.line.kind === 'connecting') this.setLine({ kind: 'connected' });
    } else if (state === 'reconnecting' || state === 'signalReconnecting') {
      const since =
        this.line.kind === 'interrupted' || this.line.kind === 'reconnecting'
          ? this.line.since
          : this.timers.now();
      this.setLine({
        kind: 'reconnecting',
        since,
        scope: state === 'signalReconnecting' ? 'signal' : 'media',
      });
    }
    // `disconnected` comes with a reason through `disconnected()`.
  }

  /** LiveKit's `Disconnected`, with its reason. */
  disconnected(reason: DisconnectReason | undefined): void {
    if (this.line.kind === 'ended') return;
    switch (reason) {
      case DisconnectReason.CLIENT_INITIATED:
        return this.setLine({ kind: 'ended', cause: 'left' });
      case DisconnectReason.PARTICIPANT_REMOVED:
        return this.setLine({ kind: 'ended', cause: 'removed' });
      case DisconnectReason.ROOM_DELETED:
      case DisconnectReason.ROOM_CLOSED:
        return this.setLine({ kind: 'ended', cause: 'room-closed' });
      case DisconnectReason.DUPLICATE_IDENTITY:
        return this.setLine({ kind: 'ended', cause: 'replaced' });
      case DisconnectReason.SERVER_SHUTDOWN:
        return this.setLine({ kind: 'gave-up', cause: 'server' });
      default:
        return this.setLine({ kind: 'gave-up', cause: 'network' });
    }
  }

  /**
   * The call core's sample of all bytes received so far (every `TRAFFIC_POLL_MS`), and
   * whether anything should arrive at all (someone publishes, or I do: the server answers
   * with RTCP).
   */
  trafficSample(bytesReceived: number, trafficExpected: boolean): void {
    const now = this.timers.now();
    if (bytesReceived !== this.lastBytes || !trafficExpected) {
      const wasSilent = this.line.kind === 'interrupted';
      this.lastBytes = bytesReceived;
      this.lastBytesAt = now;
      // Packets again before LiveKit noticed anything: the line is back.
      if (wasSilent && trafficExpected) this.showRestored();
      else if (wasSilent) this.setLine({ kind: 'connected' });
      return;
    }
    if (this.line.kind === 'connected' && now - this.lastBytesAt >= this.timings.silenceMs)
      this.setLine({ kind: 'interrupted', since: this.lastBytesAt });
  }

  /**
   * The call core's sample of the frames decoded so far for each picture it receives and
   * expects to move (subscribed, shown, camera on), by track sid, with the traffic sample.
   * A picture missing from the sample is forgotten.
   */
  pictureFrames(frames: ReadonlyMap<string, number>): void {
    const now = this.timers.now();
    const still = new Set<string>();
    for (const [sid, count] of frames) {
      const known = this.pictures.get(sid);
      if (!known || known.frames !== count) {
        this.pictures.set(sid, { frames: count, movedAt: now });
        continue;
      }
      // Only a picture that has moved: one that never started is a join still under way.
      if (count > 0 && now - known.movedAt >= this.timings.stillPictureMs) still.add(sid);
    }
    for (const sid of this.pictures.keys()) if (!frames.has(sid)) this.pictures.delete(sid);
    const changed =
      still.size !== this.still.size || [...still].some((sid) => !this.still.has(sid));
    this.still = still;
    if (changed) this.emit();
  }

  /** "Wieder verbinden": the call core rejoins; this only tracks that it does. */
  rejoin(): void {
    if (this.line.kind === 'gave-up') this.setLine({ kind: 'rejoining' });
  }

  /**
   * A rejoin that failed (server still away): "Wieder verbinden" again. LiveKit's own
   * `Disconnected` for the failed connect may have come first; the call core knows the cause
   * better (a restarted server that has not got the room back is not a lost line).
   */
  rejoinFailed(cause: 'network' | 'server' = 'network'): void {
    if (this.line.kind === 'rejoining' || this.line.kind === 'gave-up')
      this.setLine({ kind: 'gave-up', cause });
  }

  acceptAudioOnly(): void {
    this.setAudioOnly({ kind: 'on', by: 'person' });
  }

  declineAudioOnly(): void {
    if (this.audioOnly.kind === 'offered') this.setAudioOnly({ kind: 'declined' });
  }

  /** One call to get the pictures back. Not offered again until the line was better. */
  videoBack(): void {
    if (this.audioOnly.kind === 'on') this.setAudioOnly({ kind: 'declined' });
  }

  dispose(): void {
    for (const timer of [this.poorTimer, this.betterTimer, this.offerTimer, this.restoredTimer])
      this.timers.clearTimeout(timer);
    this.listeners.clear();
  }

  private startPoorTimer(): void {
    this.timers.clearTimeout(this.poorTimer);
    this.poorTimer = this.timers.setTimeout(() => {
      this.poorTimer = undefined;
      // Reading better just now: offered if it reads weak again before it counts as better.
      if (weak(this.me)) this.offerAudioOnly();
      else this.poorDue = true;
    }, this.timings.offerAudioOnlyAfterMs);
  }

  private offerAudioOnly(): void {
    this.poorDue = false;
    if (this.audioOnly.kind !== 'off') return;
    this.setAudioOnly({ kind: 'offered', since: this.timers.now() });
  }

  /** Better for long enough: an open offer is withdrawn, and a refusal counts no longer. */
  private lineBetter(): void {
    this.betterTimer = undefined;
    this.timers.clearTimeout(this.poorTimer);
    this.poorTimer = undefined;
    this.poorDue = false;
    if (this.audioOnly.kind === 'offered' || this.audioOnly.kind === 'declined')
      this.setAudioOnly({ kind: 'off' });
  }

  private setAudioOnly(next: AudioOnly): void {
    this.timers.clearTimeout(this.offerTimer);
    this.offerTimer = undefined;
    this.audioOnly = next;
    if (next.kind === 'offered') {
      this.offerTimer = this.timers.setTimeout(() => {
        this.offerTimer = undefined;
        if (this.audioOnly.kind !== 'offered') return;
        this.audioOnly = { kind: 'on', by: 'automatic' };
        this.emit();
      }, this.timings.takeAudioOnlyAfterMs);
    }
    this.emit();
  }

  private showRestored(): void {
    this.timers.clearTimeout(this.restoredTimer);
    this.setLine({ kind: 'restored' });
    this.restoredTimer = this.timers.setTimeout(() => {
      this.restoredTimer = undefined;
      if (this.line.kind === 'restored') this.setLine({ kind: 'connected' });
    }, this.timings.restoredShownMs);
  }

  private setLine(next: LineState): void {
    if (next.kind !== 'restored') {
      this.timers.clearTimeout(this.restoredTimer);
      this.restoredTimer = undefined;
    }
    this.line = next;
    // Silence is measured from now on, not from before the line came back.
    this.lastBytesAt = this.timers.now();
    this.emit();
  }

  private compute(): ConnectionView {
    return {
      line: this.line,
      me: this.me,
      people: new Map(this.people),
      audioOnly: this.audioOnly,
      banner: bannerFor(this.line, this.audioOnly, this.me),
      canRejoin: this.line.kind === 'gave-up',
      receiveVideo: this.audioOnly.kind !== 'on',
      // Replaced by every sample, never changed in place: the view can hold it as it is.
      stillPictures: this.still,
    };
  }

  private emit(): void {
    this.view = this.compute();
    for (const listener of this.listeners) listener(this.view);
  }
}
