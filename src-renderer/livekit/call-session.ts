/**
 * The call core: one encrypted call, in plain TypeScript (no React), in the manner of
 * LiveKit's components-core. It owns the Room, the key ring, the secure message layer, the
 * people in the call and what each agreed to, what this person publishes, and the key-change
 * and lock-out protocol. React hooks only adapt it (useCallSession), and features (chat,
 * outcomes, presenting, hands) plug into its `channel` and `room`.
 *
 * What it trusts: only what its own cryptography checked. A person is "verified" once a
 * hello sealed with the room key opened from them; the host is whoever the host's signature
 * vouches for; a track is subscribed only when its publication is encrypted and its
 * publisher was not locked out, and shown or played only once its publisher is verified.
 */
import {
  ConnectionError,
  ConnectionErrorReason,
  ConnectionState,
  DisconnectReason,
  MediaDeviceFailure,
  ParticipantEvent,
  RoomEvent,
  Track,
  LocalAudioTrack,
  LocalVideoTrack,
  type DataChannelKind,
  type LocalTrackPublication,
  type Participant,
  type RemoteParticipant,
  type RemoteTrackPublication,
  type Room,
} from 'livekit-client';
import {
  currentConsent,
  type ConsentEvent,
  type ConsentPurpose,
} from '../features/consent/consent';
import { ConnectionMonitor } from '../features/connection/connection-state';
import type { OpenedDevice } from '../features/devices/capture';
import { watchRoom } from '../features/connection/room-binding';
import { allowMedia, keepDisplayAwake } from '../platform/desktop';
import { logEvent } from '../platform/log';
import { type MessageBody } from './app-messages';
import { tokenIdentity, tokenTakesPart } from '../../src-shared/base64url';
import {
  connectOptions,
  createEncryptedRoom,
  EncryptionUnsupportedError,
  type AheadConnection,
} from './encrypted-room';
import type { RoomKeyRing } from './key-ring';
import { armReceiveSlots } from './receive-slots';
import { safetyCode } from './safety-code';
import { openKeyChange, sealKeyChange } from './key-change';
import type { OneTimeKey } from './sealed-box';
import type { CallTicket } from './sealed-ticket';
import { SecureChannel, type Received } from './secure-channel';
import {
  TeamRules,
  type Device,
  type DeviceRequest,
  type LobbyLink,
  type WaitingEntry,
} from './team';

export type { Device, DeviceRequest, LobbyLink, WaitingEntry };

/** What the person agreed to before joining; nothing else is published. */
export interface MediaConsent {
  camera: boolean;
  microphone: boolean;
  cameraDeviceId?: string;
  microphoneDeviceId?: string;
  /** Tracks the device check already started: published as they are, no second prompt. */
  tracks?: { camera?: OpenedDevice; microphone?: OpenedDevice };
}

export type CallPhase = 'connecting' | 'securing' | 'ready' | 'failed' | 'removed' | 'ended';
export type CallFailure =
  | 'server-unreachable'
  | 'not-allowed'
  | 'e2ee-unsupported'
  /** A key change passed this person by (say, while their line was down). */
  | 'key-missed'
  | 'internal';

/**
 * What the app can honestly say about a person's media and messages:
 * - `pending`: nothing from them opened yet;
 * - `verified`: a message sealed with the room key opened from them;
 * - `undecryptable`: their media does not decrypt with the room's key;
 * - `unencrypted`: they publish without encryption: never shown or played;
 * - `locked-out`: the host sent them out; never shown or played again.
 */
export type Trust = 'pending' | 'verified' | 'undecryptable' | 'unencrypted' | 'locked-out';

/** How long "Für alle beenden" keeps telling those still there before the host goes. */
const END_FOR_ALL_MS = 5_000;

export interface Person {
  identity: string;
  /** Null until their sealed hello arrives. */
  name: string | null;
  consent: readonly ConsentEvent[];
  isHost: boolean;
  trust: Trust;
  /** Their hand is raised (they said so in their sealed hello). */
  hand: boolean;
  /** The host made them co-host: they may let people in and present. */
  cohost: boolean;
}

export interface CallSnapshot {
  phase: CallPhase;
  failure: CallFailure | null;
  reconnecting: boolean;
  /** Everyone else in the call, by identity. */
  people: ReadonlyMap<string, Person>;
  myIdentity: string | null;
  myConsent: readonly ConsentEvent[];
  /** When the session began (the host's join), for session-relative times. */
  sessionStart: number;
  /** The participant the host's signature vouches for; null until one arrives. */
  hostIdentity: string | null;
  /** Everyone in the call sees the same code; read aloud, it shows no one sits in between. */
  safetyCode: string | null;
  keyIndex: number;
  /** Messages dropped because they did not open, were replayed or lacked a signature. */
  rejectedMessages: number;
  deviceProblem: boolean;
  /** A guest's open question from the host: may they see the surroundings? */
  homeViewRequest: { from: string; reason: string } | null;
  homeViewActive: boolean;
  camera: boolean;
  microphone: boolean;
  screen: boolean;
  /** My own hand is raised. */
  hand: boolean;
  /** Who besides the host may let people in and present (the host's signed list). */
  cohosts: readonly string[];
  /** I am a co-host. */
  cohost: boolean;
  /** The host asks me to switch my microphone or camera on or off; I decide. */
  deviceRequest: DeviceRequest | null;
  /** A co-host's view of the waiting room (sealed to them by the host's app); else null. */
  cohostLobby: readonly WaitingEntry[] | null;
}

/** The host's powers, which live in main: signing, removing, the call's key state. */
export interface HostAuthority {
  sign(payload: Uint8Array): Promise<Uint8Array>;
  /**
   * Removes from the server, locks out, and returns the call's next key (kept by main).
   * `revoke`: their invite link lets nobody in any more (its waiting identity comes back).
   */
  sendBack(
    identity: string,
    options?: { revoke?: boolean },
  ): Promise<{ key: string; keyIndex: number; revokedInvite?: string | null } | null>;
  /** Removes from the server again (someone locked out came back, or a stranger). */
  remove(identity: string): Promise<void>;
  /**
   * Makes the consultation's rooms again (only main makes rooms; the server does not on a
   * join). A restarted server has forgotten them, so a rejoin asks for this first.
   */
  reopenRooms?(): Promise<void>;
  /** Guests let in: identity → their one-time key (the next key is sealed to it). */
  readonly admitted: Map<string, string>;
  /** Everyone the host sent out of this call. */
  readonly sentBack: Set<string>;
}

export type CallRole =
  | { kind: 'host'; authority: HostAuthority }
  /** The one-time key the guest knocked with: the host seals key changes to it. */
  | { kind: 'guest'; oneTimeKey: OneTimeKey };

export interface CallSessionOptions {
  ticket: CallTicket;
  name: string;
  media: MediaConsent;
  role: CallRole;
}

const ANNOUNCE_RETRIES_MS = [500, 1500, 4000];

function failureOf(error: unknown): CallFailure {
  if (error instanceof EncryptionUnsupportedError) return 'e2ee-unsupported';
  if (error instanceof ConnectionError) {
    return error.reason === ConnectionErrorReason.NotAllowed ? 'not-allowed' : 'server-unreachable';
  }
  return 'internal';
}

/** livekit-client's answer to a join of a room the server does not know (HTTP 404). */
function roomNotThereYet(error: unknown): boolean {
  return (
    error instanceof ConnectionError &&
    error.reason === ConnectionErrorReason.NotAllowed &&
    error.status === 404
  );
}

/**
 * A guest who joined the call's room ahead through her door (waiting-room.ts) goes on
 * there when the ticket's token is for that same identity: the host's app let her in where
 * she is. Otherwise (it could not, and made a new identity) that connection is left before
 * the call is wired to the room, and the ticket's token joins as usual.
 */
async function keepJoinedAhead(
  room: Room,
  ahead: AheadConnection | undefined,
  options: CallSessionOptions,
): Promise<boolean> {
  if (!ahead || options.role.kind !== 'guest') return false;
  // Let in under another identity (say, "let in" came before her door's connection stood):
  // that connection is not waited for.
  const ours =
    ahead.doorIdentity !== null && ahead.doorIdentity === tokenIdentity(options.ticket.token);
  if (ours && (await ahead.connected) && room.state === ConnectionState.Connected) return true;
  await ahead.leave();
  return false;
}

/** A call before it connects; also what the React adapter shows before the core exists. */
export const initialSnapshot = (): CallSnapshot => ({
  phase: 'connecting',
  failure: null,
  reconnecting: false,
  people: new Map(),
  myIdentity: null,
  myConsent: [],
  sessionStart: Date.now(),
  hostIdentity: null,
  safetyCode: null,
  keyIndex: 0,
  rejectedMessages: 0,
  deviceProblem: false,
  homeViewRequest: null,
  homeViewActive: false,
  camera: false,
  microphone: false,
  screen: false,
  hand: false,
  cohosts: [],
  cohost: false,
  deviceRequest: null,
  cohostLobby: null,
});

interface PersonState {
  name: string | null;
  consent: readonly ConsentEvent[];
  /** (session, counter) of the hello applied last: an older one never overwrites it. */
  helloFrom: { session: string; counter: number } | null;
  signedHost: boolean;
  hand: boolean;
  /** Their sealed hello opened. */
  verified: boolean;
  undecryptable: boolean;
  unencrypted: boolean;
}

export class CallSession {
  readonly room: Room;
  readonly keys: RoomKeyRing;
  readonly channel: SecureChannel;
  readonly role: CallRole;
  /** Device requests, co-hosts and the waiting room they share (see team.ts). */
  readonly team: TeamRules;
  /** How the line is, for me and for each person (see features/connection). */
  readonly connection = new ConnectionMonitor();
  /** The newest token the server handed out (renewed while connected), for a rejoin. */
  #token: string;
  #stopWatch: (() => void) | null = null;
  #options: CallSessionOptions;
  #snapshot: CallSnapshot = initialSnapshot();
  #listeners = new Set<() => void>();
  #people = new Map<string, PersonState>();
  /**
   * Vouched for before any hello, with the name then known: the host's signed admit named
   * them (the host, in a guest's call), or the host let them in (a guest, in the host's
   * call). Shown as verified unless their frames do not open. Kept for the whole call, apart
   * from #people: LiveKit drops a person who reconnects and adds them again under the same
   * identity (a new session), and their picture must not wait for a hello that may be lost
   * while their line comes back.
   */
  #vouches = new Map<string, string>();
  /** Identities the host sent out (from the host's signed key changes, or the host's own list). */
  #lockedOut = new Set<string>();
  /**
   * Tracks whose own sender withdrew them (her sealed hello says so): not taken again, and
   * let go at once, before the frames still on their way and the unpublish arrive.
   */
  #withdrawn = new Set<string>();
  #timers = new Set<ReturnType<typeof setTimeout>>();
  #greeted = new Set<string>();
  #connected = false;
  /** Subscribing may start before connect() resolves: the receive slots are armed. */
  #slotsArmedEarly = false;
  #secured = false;
  #closed = false;
  #cameraWasOn = false;
  #joinStarted = 0;
  #closeRoom: () => Promise<void>;
  /** The room was connected ahead through the guest's door; taken by the first join. */
  #ahead: AheadConnection | undefined;

  private constructor(
    options: CallSessionOptions,
    room: Room,
    keys: RoomKeyRing,
    closeRoom: () => Promise<void>,
    ahead?: AheadConnection,
  ) {
    this.#options = options;
    this.#closeRoom = closeRoom;
    this.#ahead = ahead;
    this.#token = options.ticket.token;
    this.role = options.role;
    this.room = room;
    this.keys = keys;
    this.channel = new SecureChannel({
      room,
      keys,
      hostPublicKey: options.ticket.hostPublicKey,
      sign: options.role.kind === 'host' ? options.role.authority.sign : undefined,
    });
    if (options.role.kind === 'host') {
      for (const identity of options.role.authority.sentBack) this.#lockedOut.add(identity);
    }
    // The host's signed admit said who the host is here: the host's picture shows as soon as
    // it arrives, without waiting for the host's hello (a round trip through the server and
    // the host's signing). Only as far as any hello goes: a name and a picture; the host's
    // powers still come from the host's signed messages alone.
    const host = options.ticket.host;
    if (options.role.kind === 'guest' && host) this.#vouches.set(host.identity, host.name);
    this.team = new TeamRules({
      channel: this.channel,
      me: () => room.localParticipant.identity,
      role: options.role.kind,
      oneTimeKey: options.role.kind === 'guest' ? options.role.oneTimeKey : undefined,
      guestKeys: options.role.kind === 'host' ? options.role.authority.admitted : undefined,
      hostIdentity: () => this.#snapshot.hostIdentity,
      isPresent: (identity) => this.#snapshot.people.get(identity)?.trust === 'verified',
      deviceOn: (device) => this.#snapshot[device],
      onChange: () => this.#publishPeople(),
    });
  }

  /**
   * Makes the room and its keys (cheap; can happen while the person still reads or
   * waits), then `join()` connects.
   */
  static async create(options: CallSessionOptions): Promise<CallSession> {
    const { room, keys, close, ahead } = await createEncryptedRoom('call');
    const joinedAhead = await keepJoinedAhead(room, ahead, options);
    await keys.useKey(options.ticket.key, options.ticket.keyIndex);
    await room.setE2EEEnabled(true);
    const session = new CallSession(options, room, keys, close, joinedAhead ? ahead : undefined);
    session.#wire();
    session.#update({ keyIndex: options.ticket.keyIndex });
    session.#refreshSafetyCode();
    return session;
  }

  // ---- state for the UI --------------------------------------------------------------------

  get snapshot(): CallSnapshot {
    return this.#snapshot;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** The key the call uses now: a guest let in now gets this one. */
  get currentKey(): { key: string; index: number } | null {
    return this.#currentKey ? { key: this.#currentKey, index: this.keys.currentIndex } : null;
  }

  /** Display names by identity, from the sealed hellos. */
  nameOf(identity: string): string | null {
    return this.#people.get(identity)?.name ?? this.#vouches.get(identity) ?? null;
  }

  /** The host and co-hosts may present (a PDF, say) and let people in. */
  mayPresent(identity: string): boolean {
    return this.team.mayPresent(identity);
  }

  /**
   * Host: a guest is being let in under this identity (minted by main), with the name from
   * her sealed knock. Her picture shows when it arrives, not only once her hello has (the
   * same as a guest's call does for the host, from the ticket); her hello still updates the
   * name. Nothing else: a guest has no powers to vouch for.
   */
  expectGuest(identity: string, name: string): void {
    if (this.role.kind !== 'host' || this.#lockedOut.has(identity)) return;
    this.#vouches.set(identity, name);
    this.#publishPeople();
  }

  /** Only a verified person's media is shown or played. */
  canShow(identity: string): boolean {
    if (identity === this.room.localParticipant.identity) return true;
    return this.#snapshot.people.get(identity)?.trust === 'verified';
  }

  // ---- joining and leaving -----------------------------------------------------------------

  async join(): Promise<void> {
    this.#joinStarted = Date.now();
    const ahead = this.#ahead;
    this.#ahead = undefined;
    const joinedAhead = ahead !== undefined;
    // The host's app let her in on the server before it sent the ticket; that word travels
    // another way (the signal connection) and may come a moment after the ticket. Should it
    // not come at all, the call goes on: her subscriptions wait on the server until it does.
    if (joinedAhead) await this.#powersGranted();
    try {
      if (!joinedAhead) {
        await this.room.connect(this.#options.ticket.serverUrl, this.#token, connectOptions());
      }
    } catch (error) {
      if (this.#closed) return;
      this.#update({ phase: 'failed', failure: failureOf(error) });
      logEvent('call.failed', { unreachable: failureOf(error) === 'server-unreachable' });
      return;
    }
    if (this.#closed) return;
    this.#connected = true;
    this.#keepRenewedToken();
    this.#update({ myIdentity: this.room.localParticipant.identity });
    // Subscribing only now (autoSubscribe is off, where the slots could not be armed at the
    // join's answer) means LiveKit's decrypt transform exists before the first frame arrives:
    // see the README on the first-frame stall.
    for (const participant of this.room.remoteParticipants.values()) this.#admitPerson(participant);
    if (this.role.kind === 'host') this.#update({ sessionStart: Date.now() });
    if (this.#secured) this.#announce();
    // The worker may confirm encryption before connect() resolves; never step back.
    else this.#update({ phase: 'securing' });
    // Joined ahead: the worker's word came before this session listened.
    if (joinedAhead && ahead?.secured()) this.#onSecured();
  }

  /** Resolves once the server lets this side publish and subscribe, or after 10 s. */
  #powersGranted(): Promise<void> {
    const { room } = this;
    const granted = () => {
      const powers = room.localParticipant.permissions;
      return powers?.canSubscribe === true && powers.canPublish === true;
    };
    if (granted()) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        room.off(RoomEvent.ParticipantPermissionsChanged, check);
        room.off(RoomEvent.Disconnected, done);
        resolve();
      };
      const check = () => {
        if (granted()) done();
      };
      const timer = setTimeout(done, 10_000);
      room.on(RoomEvent.ParticipantPermissionsChanged, check);
      room.on(RoomEvent.Disconnected, done);
    });
  }

  async leave(): Promise<void> {
    this.#close();
    await this.#closeRoom();
  }

  /**
   * "Wieder verbinden" after LiveKit gave up: the same call, the same keys and consent, with
   * the token the server renewed last (good for 10 minutes after the line went). Past that,
   * or if the call moved on meanwhile, the way back in is the waiting room.
   */
  async rejoin(): Promise<void> {
    if (this.#closed || !this.connection.state.canRejoin) return;
    this.connection.rejoin();
    if (this.role.kind === 'host') await this.role.authority.reopenRooms?.().catch(() => {});
    try {
      await this.room.connect(this.#options.ticket.serverUrl, this.#token, connectOptions());
    } catch (error) {
      // A restarted server has forgotten the room until the host opens it again (the app's
      // rooms are never made by a join): the server is not back yet, no key was missed.
      if (roomNotThereYet(error)) {
        this.connection.rejoinFailed('server');
        return;
      }
      if (failureOf(error) === 'not-allowed') {
        this.#update({ phase: 'failed', failure: 'key-missed' });
        return;
      }
      this.connection.rejoinFailed();
      return;
    }
    this.#keepRenewedToken();
    for (const participant of this.room.remoteParticipants.values()) this.#admitPerson(participant);
    this.#sendHello();
    void this.#republish();
  }

  /**
   * The server renews the token of everyone connected (at once, then every 5 minutes).
   * livekit-client keeps it for its own reconnects and tells only its engine (a new one per
   * connection), so it is picked up here after every connect.
   */
  #keepRenewedToken(): void {
    const engine = this.room.engine as unknown as {
      token?: string;
      on(event: 'tokenRefreshed', listener: (token: string) => void): void;
    };
    // The newest one that came before this listened: the server renews at once on joining,
    // and again when a door's connection is let in. The door's own renewed token (hidden,
    // powerless) is no way back into the call.
    if (engine.token && tokenTakesPart(engine.token)) this.#token = engine.token;
    engine.on('tokenRefreshed', (token) => {
      if (tokenTakesPart(token)) this.#token = token;
    });
  }

  /** Others' video off (audio only) or back on; the person's choice, or the weak line's. */
  setAudioOnly(on: boolean): void {
    if (on) this.connection.acceptAudioOnly();
    else if (this.connection.state.audioOnly.kind === 'offered') {
      this.connection.declineAudioOnly();
    } else this.connection.videoBack();
  }

  /** Host: ends the call for everyone (signed), then leaves. */
  async endForAll(): Promise<void> {
    if (this.role.kind !== 'host') return;
    // Each guest leaves on hearing it. Whoever is still there after a second hears it again
    // (a message can be lost as the line or the machine stalls); after 5 s the host goes.
    const until = Date.now() + END_FOR_ALL_MS;
    for (;;) {
      await this.channel.send('end', {}).catch(() => {});
      await this.#dataSent();
      const staying = [...this.room.remoteParticipants.keys()].filter(
        (identity) => this.#snapshot.people.get(identity)?.trust === 'verified',
      );
      if (staying.length === 0 || Date.now() >= until) break;
      await this.#someoneLeaves(Math.min(1000, until - Date.now()));
    }
    await this.leave();
  }

  /** Resolves when someone leaves the room, or after `ms`. */
  #someoneLeaves(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.room.off(RoomEvent.ParticipantDisconnected, done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.room.on(RoomEvent.ParticipantDisconnected, done);
    });
  }

  /**
   * Waits (at most 2 s) until the reliable data channel has handed everything to the line:
   * disconnect() drops what is still buffered, and "end" would never reach anyone.
   */
  async #dataSent(): Promise<void> {
    const reliable = 0 as DataChannelKind; // LiveKit's DataChannelKind.RELIABLE
    const channel = this.room.engine.dataChannelForKind(reliable);
    for (let waited = 0; channel && channel.bufferedAmount > 0 && waited < 2000; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
  }

  // ---- consent and media -------------------------------------------------------------------

  recordConsent(purpose: ConsentPurpose, state: ConsentEvent['state']): void {
    logEvent(`consent.${state}`, { [purpose.replace('-', '_')]: true });
    const myConsent = [...this.#snapshot.myConsent, { purpose, state, at: Date.now() }];
    this.#update({ myConsent });
    this.#sendHello();
  }

  /** On publishes (the person just agreed); off stops the camera's frames at once, then unpublishes. */
  async setCamera(on: boolean): Promise<void> {
    await this.#setDevice('camera', on);
  }

  async setMicrophone(on: boolean): Promise<void> {
    await this.#setDevice('microphone', on);
  }

  /** Shares the screen after the person agreed in the app's own prompt; off unpublishes it. */
  async setScreen(on: boolean): Promise<void> {
    const local = this.room.localParticipant;
    if (on) {
      if (!this.#canPublish()) return;
      try {
        await local.setScreenShareEnabled(true, { audio: false });
      } catch {
        return; // The picker was cancelled: nothing shared, nothing to log.
      }
      if (!local.getTrackPublication(Track.Source.ScreenShare)) return;
      this.#update({ screen: true });
      this.recordConsent('screen', 'agreed');
    } else {
      this.recordConsent('screen', 'withdrawn');
      await this.#unpublish(Track.Source.ScreenShare);
      this.#update({ screen: false });
    }
  }

  /** Raises or lowers my hand; everyone sees it (it travels in my sealed hello). */
  setHand(raised: boolean): void {
    if (this.#snapshot.hand === raised) return;
    this.#update({ hand: raised });
    this.#sendHello();
  }

  // ---- host powers -------------------------------------------------------------------------

  /**
   * Host: out of the call and back to the waiting room. Main removes them and chooses the
   * next key; the key goes to everyone who stays, sealed to each one's own key; the old key
   * is dropped after a short grace.
   */
  async sendBack(identity: string): Promise<boolean> {
    return this.#sendOut(identity, false);
  }

  /**
   * Host: out of the call for good. As `sendBack`, and main withdraws the invite link they
   * came with, so a knock with it is refused from now on.
   */
  async remove(identity: string): Promise<boolean> {
    return this.#sendOut(identity, true);
  }

  async #sendOut(identity: string, revoke: boolean): Promise<boolean> {
    if (this.role.kind !== 'host') return false;
    const { authority } = this.role;
    const next = await authority.sendBack(identity, revoke ? { revoke } : undefined);
    if (!next) return false;
    authority.sentBack.add(identity);
    authority.admitted.delete(identity);
    this.#lockOut(identity);
    await this.team.forget(identity);
    if (next.revokedInvite) await this.team.refuseWaiting(next.revokedInvite);
    await this.#sendKeyChange(next.key, next.keyIndex);
    return true;
  }

  /** Host: asks one person to switch their microphone or camera on or off; they decide. */
  async requestDevice(identity: string, device: Device, on: boolean): Promise<boolean> {
    const sent = await this.team.requestDevice(identity, device, on).catch(() => false);
    if (sent) logEvent('team.device_requested', { [device]: true, on });
    return sent;
  }

  /** Host: makes someone co-host (they may let people in and present), or takes it back. */
  async setCohost(identity: string, on: boolean): Promise<boolean> {
    const done = await this.team.setCohost(identity, on).catch(() => false);
    if (done) logEvent(on ? 'team.cohost_made' : 'team.cohost_ended');
    return done;
  }

  /**
   * Host: the waiting room co-hosts see and let people in from (through this app, which
   * checks each request). Returns the function that stops sharing it.
   */
  shareWaitingRoom(lobby: LobbyLink): () => void {
    return this.team.attachLobby(lobby);
  }

  /** Host: removes someone who was never let in (say, an unencrypted stranger). */
  async removeStranger(identity: string): Promise<boolean> {
    return this.sendBack(identity);
  }

  /** Host: asks one guest to show their surroundings (a signed request). */
  async requestHomeView(identity: string, reason: string): Promise<void> {
    if (this.role.kind !== 'host') return;
    await this.channel.send('home-view-request', { to: identity, reason }, { to: [identity] });
  }

  // ---- guest answers -----------------------------------------------------------------------

  /**
   * The host's request to switch a device: accepting switches my own device as if I had
   * pressed its button (the consent log says so); declining changes nothing.
   */
  async answerDeviceRequest(accept: boolean): Promise<void> {
    const request = this.team.takeDeviceRequest();
    if (!request) return;
    logEvent('team.device_request_answered', { accepted: accept });
    if (!accept) return;
    await this.#setDevice(request.device, request.on);
  }

  /** Co-host: asks the host's app to let this waiting guest in. */
  async admitWaiting(identity: string): Promise<boolean> {
    return this.team.askToAdmit(identity).catch(() => false);
  }

  async answerHomeView(accept: boolean): Promise<void> {
    this.#update({ homeViewRequest: null });
    if (!accept) {
      this.recordConsent('home-view', 'declined');
      return;
    }
    this.#cameraWasOn = this.#snapshot.camera;
    const local = this.room.localParticipant;
    await this.#grant({ camera: true });
    const track = local.getTrackPublication(Track.Source.Camera)?.track;
    if (track) await track.restartTrack({ facingMode: 'environment' }).catch(() => {});
    else await local.setCameraEnabled(true, { facingMode: 'environment' }).catch(() => {});
    this.#update({ homeViewActive: true, camera: true });
    this.recordConsent('home-view', 'agreed');
  }

  async endHomeView(): Promise<void> {
    if (this.#cameraWasOn) {
      const track = this.room.localParticipant.getTrackPublication(Track.Source.Camera)?.track;
      await track?.restartTrack({ facingMode: 'user' }).catch(() => {});
    } else {
      await this.#unpublish(Track.Source.Camera);
    }
    this.#update({ homeViewActive: false, camera: this.#cameraWasOn });
    this.recordConsent('home-view', 'withdrawn');
  }

  // ---- internals ---------------------------------------------------------------------------

  #update(patch: Partial<CallSnapshot>): void {
    if (this.#closed && patch.phase === undefined) return;
    this.#snapshot = { ...this.#snapshot, ...patch };
    for (const listener of this.#listeners) listener();
  }

  #later(action: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (!this.#closed) action();
    }, ms);
    this.#timers.add(timer);
  }

  #close(): void {
    if (!this.#closed) keepDisplayAwake(false);
    this.#closed = true;
    this.#stopWatch?.();
    this.connection.dispose();
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.team.dispose();
    this.channel.dispose();
    this.keys.dispose();
  }

  #canPublish(): boolean {
    // Nothing leaves this device before the local encryption is active.
    return this.#secured && this.room.isE2EEEnabled && !this.#closed;
  }

  #person(identity: string): PersonState {
    let person = this.#people.get(identity);
    if (!person) {
      person = {
        name: null,
        consent: [],
        helloFrom: null,
        signedHost: false,
        hand: false,
        verified: false,
        undecryptable: false,
        unencrypted: false,
      };
      this.#people.set(identity, person);
    }
    return person;
  }

  /** Recomputes everyone's card for the UI from what was checked. */
  #publishPeople(): void {
    const people = new Map<string, Person>();
    let hostIdentity = this.#snapshot.hostIdentity;
    for (const participant of this.room.remoteParticipants.values()) {
      const state = this.#person(participant.identity);
      const locked = this.#lockedOut.has(participant.identity);
      const trust: Trust = locked
        ? 'locked-out'
        : state.unencrypted
          ? 'unencrypted'
          : state.verified
            ? 'verified'
            : state.undecryptable
              ? 'undecryptable'
              : this.#vouches.has(participant.identity)
                ? 'verified'
                : 'pending';
      if (locked) continue; // Out is out: not listed, not shown, not heard.
      if (state.signedHost) hostIdentity = participant.identity;
      people.set(participant.identity, {
        identity: participant.identity,
        name: state.name ?? this.#vouches.get(participant.identity) ?? null,
        consent: state.consent,
        isHost: state.signedHost,
        trust,
        hand: state.hand,
        cohost: this.team.isCohost(participant.identity),
      });
    }
    const team = this.team.state;
    const me = this.room.localParticipant.identity;
    this.#update({
      people,
      hostIdentity,
      cohosts: team.cohosts,
      cohost: this.role.kind === 'guest' && team.cohosts.includes(me),
      deviceRequest: team.deviceRequest,
      cohostLobby: team.cohostLobby,
    });
  }

  #refreshSafetyCode(): void {
    const index = this.keys.currentIndex;
    const key = this.#currentKey;
    if (!key) return;
    void safetyCode(key, this.#options.ticket.hostPublicKey).then((code) => {
      if (this.keys.currentIndex === index) this.#update({ safetyCode: code, keyIndex: index });
    });
  }

  #currentKey: string | null = null;

  #wire(): void {
    const { room, channel } = this;
    this.#currentKey = this.#options.ticket.key;
    this.#stopWatch = watchRoom(room, this.connection, (identity, publication) =>
      this.#mayReceive(identity, publication as RemoteTrackPublication),
    );

    room.on(
      RoomEvent.ParticipantEncryptionStatusChanged,
      (encrypted: boolean, participant?: Participant) => {
        if (participant && !participant.isLocal) {
          // LiveKit turns a participant's decryption off when the server says they publish
          // unencrypted. Whatever the server says, such a person is not shown or played.
          if (!encrypted) this.#markUnencrypted(participant.identity);
          return;
        }
        if (encrypted) this.#onSecured();
      },
    );
    room.on(RoomEvent.EncryptionError, (_error: Error, participant?: Participant) => {
      if (!participant || participant.isLocal) return;
      const person = this.#person(participant.identity);
      if (!person.undecryptable) {
        person.undecryptable = true;
        this.#publishPeople();
      }
    });
    room.on(RoomEvent.SignalConnected, () => this.#subscribeEarly());
    room.on(RoomEvent.ParticipantConnected, (participant: RemoteParticipant) => {
      this.#admitPerson(participant);
      if (this.#secured && this.#connected) {
        for (const delay of [0, ...ANNOUNCE_RETRIES_MS]) {
          this.#later(() => {
            if (!this.#greeted.has(participant.identity)) this.#sendHello([participant.identity]);
          }, delay);
        }
      }
    });
    room.on(RoomEvent.ParticipantDisconnected, (participant: RemoteParticipant) => {
      this.#people.delete(participant.identity);
      this.#greeted.delete(participant.identity);
      this.#publishPeople();
    });
    room.on(
      RoomEvent.TrackPublished,
      (publication: RemoteTrackPublication, participant: RemoteParticipant) => {
        this.#applySubscription(publication, participant);
      },
    );
    room.on(RoomEvent.Reconnected, () => {
      for (const participant of room.remoteParticipants.values()) this.#admitPerson(participant);
      // Greet everyone again, as on joining: after a full reconnect the others met a new
      // session of mine and forgot what my old one said, and greetings sent while my line
      // came back may have been lost (a resumed line costs one message).
      if (this.#secured && this.#connected) this.#announce();
    });
    room.on(RoomEvent.ConnectionStateChanged, (state: ConnectionState) => {
      this.#update({
        reconnecting:
          state === ConnectionState.Reconnecting || state === ConnectionState.SignalReconnecting,
      });
    });
    room.on(RoomEvent.Disconnected, (reason?: DisconnectReason) => {
      if (reason === DisconnectReason.PARTICIPANT_REMOVED) this.#update({ phase: 'removed' });
    });
    room.on(RoomEvent.LocalTrackUnpublished, (publication: LocalTrackPublication) => {
      // During LiveKit's full reconnect it unpublishes and then publishes again by itself:
      // the person's choice has not changed.
      if (room.state !== ConnectionState.Connected) return;
      if (publication.source === Track.Source.Camera) this.#update({ camera: false });
      if (publication.source === Track.Source.Microphone) this.#update({ microphone: false });
      if (publication.source === Track.Source.ScreenShare) {
        // Also when the person stops sharing from the browser's own bar.
        if (this.#snapshot.myConsent.at(-1)?.purpose !== 'screen') {
          this.recordConsent('screen', 'withdrawn');
        }
        this.#update({ screen: false });
      }
    });

    channel.onRejected((_reason, total) => this.#update({ rejectedMessages: total }));
    // Messages under a key this person never got: a key change passed them by.
    channel.onKeyMissed(() => {
      if (this.role.kind === 'guest') this.#update({ phase: 'failed', failure: 'key-missed' });
    });
    channel.on('hello', (message) => this.#onHello(message));
    channel.on('rekey', (message) => void this.#onKeyChange(message));
    channel.on('end', () => {
      this.#update({ phase: 'ended' });
      void this.leave();
    });
    channel.on('home-view-request', ({ body, from }) => {
      if (body.to !== room.localParticipant.identity) return;
      this.#update({ homeViewRequest: { from, reason: body.reason } });
      this.recordConsent('home-view', 'requested');
    });
  }

  /** A participant appeared (or the room reconnected): lock-out, subscriptions. */
  #admitPerson(participant: RemoteParticipant): void {
    if (this.#lockedOut.has(participant.identity)) {
      // Someone the host sent out is back (an old token): out again, at once.
      void this.#removeAgain(participant.identity);
    }
    this.#person(participant.identity);
    for (const publication of participant.trackPublications.values()) {
      this.#applySubscription(publication, participant);
    }
    participant.on(ParticipantEvent.TrackPublished, (publication) =>
      this.#applySubscription(publication, participant),
    );
    this.#publishPeople();
  }

  /**
   * Subscribes once the server has answered the join, while the connection itself is still
   * being made: the server sets up what this person receives (and has the senders' cameras
   * send a key frame) meanwhile, instead of after. Only where every receive slot could be
   * armed first (receive-slots.ts), so a frame that comes early is decrypted; otherwise
   * after connect(), as before. A first join only: a rejoin subscribes after connect().
   */
  #subscribeEarly(): void {
    if (this.#connected || this.#closed || armReceiveSlots(this.room) === 0) return;
    this.#slotsArmedEarly = true;
    for (const participant of this.room.remoteParticipants.values()) {
      for (const publication of participant.trackPublications.values()) {
        this.#applySubscription(publication, participant);
      }
    }
  }

  /**
   * Subscribes only to encrypted publications of people who were not sent out. An
   * unencrypted one is never subscribed, so it can never reach a video or audio element.
   */
  #applySubscription(publication: RemoteTrackPublication, participant: RemoteParticipant): void {
    if (!this.#connected && !this.#slotsArmedEarly) return;
    if (!publication.isEncrypted) this.#markUnencrypted(participant.identity);
    const wanted =
      this.#mayReceive(participant.identity, publication) &&
      (publication.kind !== Track.Kind.Video || this.connection.state.receiveVideo);
    if (publication.isSubscribed === wanted) return;
    // Before the server can send it: the slot it will arrive on decrypts from its first
    // frame on (see receive-slots.ts).
    if (wanted) armReceiveSlots(this.room);
    publication.setSubscribed(wanted);
  }

  /** The one rule for taking a track at all: encrypted, from someone not sent out. */
  #mayReceive(identity: string, publication: RemoteTrackPublication): boolean {
    return (
      publication.isEncrypted &&
      !this.#withdrawn.has(publication.trackSid) &&
      !this.#lockedOut.has(identity) &&
      !this.#person(identity).unencrypted
    );
  }

  #markUnencrypted(identity: string): void {
    const person = this.#person(identity);
    if (person.unencrypted) return;
    person.unencrypted = true;
    logEvent('call.unencrypted_participant');
    const participant = this.room.remoteParticipants.get(identity);
    for (const publication of participant?.trackPublications.values() ?? []) {
      if (publication.isSubscribed) publication.setSubscribed(false);
    }
    this.#publishPeople();
  }

  /**
   * Removes someone sent out who came back, and tries again while they are still in the
   * room: a removal that reaches the server while it is still joining them, or that main
   * could not make (the server busy), must not leave them in.
   */
  async #removeAgain(identity: string): Promise<void> {
    if (this.role.kind !== 'host') return;
    const { authority } = this.role;
    for (let attempt = 0; attempt < 5 && !this.#closed; attempt += 1) {
      await authority.remove(identity).catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      if (!this.room.remoteParticipants.has(identity)) return;
    }
  }

  #lockOut(identity: string): void {
    this.#lockedOut.add(identity);
    this.#vouches.delete(identity);
    const participant = this.room.remoteParticipants.get(identity);
    for (const publication of participant?.trackPublications.values() ?? []) {
      if (publication.isSubscribed) publication.setSubscribed(false);
    }
    this.#publishPeople();
  }

  /**
   * Tells the desktop shell which devices the person agreed to: the window is granted a
   * camera or microphone only after that (a browser tab asks for itself).
   */
  async #grant(patch: Partial<Record<'camera' | 'microphone', boolean>>): Promise<void> {
    const { camera, microphone } = this.#snapshot;
    await allowMedia({ camera, microphone, ...patch });
  }

  #onSecured(): void {
    if (this.#secured || this.#closed) return;
    this.#secured = true;
    keepDisplayAwake(true);
    if (this.#connected) this.#update({ phase: 'ready' });
    logEvent('call.joined', { ms: Date.now() - this.#joinStarted });
    this.recordConsent('joining', 'agreed');
    if (this.#connected) this.#announce();
    void this.#publishConsentedMedia();
  }

  #announce(): void {
    if (this.#snapshot.phase !== 'ready') this.#update({ phase: 'ready' });
    this.#sendHello();
    void this.team.announce();
    for (const delay of ANNOUNCE_RETRIES_MS) {
      this.#later(() => {
        const unanswered = [...this.room.remoteParticipants.keys()].filter(
          (identity) => !this.#greeted.has(identity),
        );
        if (unanswered.length > 0) this.#sendHello(unanswered);
      }, delay);
    }
  }

  #sendHello(to?: string[]): void {
    if (!this.#secured || !this.#connected || this.#closed) return;
    const body: MessageBody<'hello'> = {
      name: this.#options.name,
      consent: this.#snapshot.myConsent.slice(-100),
      sessionStart: this.role.kind === 'host' ? this.#snapshot.sessionStart : undefined,
      hand: this.#snapshot.hand,
    };
    void this.channel.send('hello', body, { to }).catch(() => {});
  }

  #onHello({ body, from, signed, session, counter }: Received<'hello'>): void {
    const person = this.#person(from);
    const newer =
      !person.helloFrom ||
      person.helloFrom.session !== session ||
      counter > person.helloFrom.counter;
    if (newer) {
      person.helloFrom = { session, counter };
      person.name = body.name;
      this.#letGoOfWithdrawn(from, person.consent, body.consent);
      person.consent = body.consent;
      person.hand = body.hand ?? false;
      person.verified = true;
      if (signed) {
        person.signedHost = true;
        if (body.sessionStart) this.#update({ sessionStart: body.sessionStart });
      }
      this.#publishPeople();
    }
    if (!this.#greeted.has(from)) {
      this.#greeted.add(from);
      this.#sendHello([from]);
      void this.team.greet(from);
    }
  }

  /**
   * She just took back her camera, microphone or screen: picture and sound go now, not when the
   * server's unpublish arrives (the frames already encoded would play on until then).
   */
  #letGoOfWithdrawn(
    identity: string,
    before: readonly ConsentEvent[],
    after: readonly ConsentEvent[],
  ): void {
    const was = currentConsent(before);
    const now = currentConsent(after);
    const sources: Record<'camera' | 'microphone' | 'screen', readonly Track.Source[]> = {
      camera: [Track.Source.Camera],
      microphone: [Track.Source.Microphone],
      screen: [Track.Source.ScreenShare, Track.Source.ScreenShareAudio],
    };
    const participant = this.room.remoteParticipants.get(identity);
    for (const purpose of ['camera', 'microphone', 'screen'] as const) {
      const latest = now[purpose];
      if (latest?.state !== 'withdrawn' || was[purpose]?.at === latest.at) continue;
      for (const publication of participant?.trackPublications.values() ?? []) {
        if (!sources[purpose].includes(publication.source)) continue;
        this.#withdrawn.add(publication.trackSid);
        if (publication.isSubscribed) publication.setSubscribed(false);
      }
    }
  }

  /** Guest: the host's signed key change (see key-change.ts). */
  async #onKeyChange({ body }: Received<'rekey'>): Promise<void> {
    if (this.role.kind !== 'guest') return;
    const me = this.room.localParticipant.identity;
    const outcome = await openKeyChange(body, me, this.role.oneTimeKey, this.keys.currentIndex);
    if (outcome.kind === 'ignore') return;
    for (const identity of body.removed) if (identity !== me) this.#lockOut(identity);
    if (outcome.kind === 'removed') this.#update({ phase: 'removed' });
    else if (outcome.kind === 'missed') this.#update({ phase: 'failed', failure: 'key-missed' });
    else await this.#switchKey(outcome.key, outcome.index);
  }

  async #switchKey(key: string, index: number): Promise<void> {
    if (!(await this.keys.useKey(key, index))) return;
    this.#currentKey = key;
    this.#update({ keyIndex: index });
    this.#refreshSafetyCode();
    await this.channel.retryPending();
  }

  /** Host: seals the next key to every guest it let in who is still here, then uses it. */
  async #sendKeyChange(key: string, index: number): Promise<void> {
    if (this.role.kind !== 'host') return;
    const { authority } = this.role;
    const recipients = new Map<string, string>();
    for (const identity of this.room.remoteParticipants.keys()) {
      const guestKey = authority.admitted.get(identity);
      if (guestKey && !this.#lockedOut.has(identity)) recipients.set(identity, guestKey);
    }
    const change = await sealKeyChange({ key, index, recipients, removed: authority.sentBack });
    await this.channel.send('rekey', change).catch(() => {});
    await this.#switchKey(key, index);
  }

  /** After a full reconnect, what the person had on is published again. */
  async #republish(): Promise<void> {
    const local = this.room.localParticipant;
    const { camera, microphone } = this.#snapshot;
    await this.#grant({ camera, microphone });
    if (microphone && !local.getTrackPublication(Track.Source.Microphone)) {
      await local.setMicrophoneEnabled(true).catch(() => this.#update({ deviceProblem: true }));
    }
    if (camera && !local.getTrackPublication(Track.Source.Camera)) {
      await local.setCameraEnabled(true).catch(() => this.#update({ deviceProblem: true }));
    }
  }

  async #publishConsentedMedia(): Promise<void> {
    const { camera, microphone, cameraDeviceId, microphoneDeviceId, tracks } = this.#options.media;
    const local = this.room.localParticipant;
    await this.#grant({ camera, microphone });
    try {
      if (microphone) {
        if (live(tracks?.microphone))
          await local.publishTrack(handedOver(tracks.microphone, Track.Source.Microphone));
        else
          await local.setMicrophoneEnabled(
            true,
            microphoneDeviceId ? { deviceId: microphoneDeviceId } : undefined,
          );
        this.#update({ microphone: true });
        this.recordConsent('microphone', 'agreed');
      }
      if (camera) {
        if (live(tracks?.camera))
          await local.publishTrack(handedOver(tracks.camera, Track.Source.Camera));
        else
          await local.setCameraEnabled(
            true,
            cameraDeviceId ? { deviceId: cameraDeviceId } : undefined,
          );
        this.#update({ camera: true });
        this.recordConsent('camera', 'agreed');
      }
    } catch (error) {
      if (MediaDeviceFailure.getFailure(error) !== undefined || error instanceof DOMException) {
        this.#update({ deviceProblem: true });
      }
    }
  }

  async #unpublish(source: Track.Source): Promise<void> {
    const local = this.room.localParticipant;
    const track = local.getTrackPublication(source)?.track;
    if (!track) return;
    // The frames stop here, before the server hears of it: the camera light goes off now.
    track.stop();
    // "Muted" is one signal message, and the server stops forwarding at once; the unpublish
    // reaches it only with the renegotiation, which livekit-client debounces (the camera's
    // withdrawal reached the server after 490 ms at the median before, 142–188 ms after).
    await track.mute();
    await local.unpublishTrack(track, true);
  }

  async #setDevice(device: 'camera' | 'microphone', on: boolean): Promise<void> {
    const local = this.room.localParticipant;
    if (on) {
      if (!this.#canPublish()) return;
      await this.#grant({ [device]: true });
      await (device === 'camera' ? local.setCameraEnabled(true) : local.setMicrophoneEnabled(true))
        .then(() => this.#update({ [device]: true }))
        .catch(() => this.#update({ deviceProblem: true }));
      if (!this.#snapshot[device]) return;
      this.recordConsent(device, 'agreed');
    } else {
      this.#update({ [device]: false });
      // Said before the unpublish (sealed, in the hello): the others let go of what is
      // still on its way.
      this.recordConsent(device, 'withdrawn');
      await this.#unpublish(device === 'camera' ? Track.Source.Camera : Track.Source.Microphone);
      await this.#grant({ [device]: false });
    }
    this.team.deviceChanged();
  }
}

/**
 * A track handed over from the device check, still running (a retry of the call after a
 * failed attempt finds it stopped, and asks for the device again instead).
 */
function live(device: OpenedDevice | undefined): device is OpenedDevice {
  return device !== undefined && device.track.readyState === 'live';
}

/**
 * The device check's track as livekit-client's own: managed by it from here on (stopped
 * when the camera is withdrawn, opened again with the same constraints when it comes back),
 * exactly like a track it had opened itself.
 */
function handedOver(device: OpenedDevice, source: Track.Source): LocalVideoTrack | LocalAudioTrack {
  const track =
    source === Track.Source.Camera
      ? new LocalVideoTrack(device.track, device.constraints, false)
      : new LocalAudioTrack(device.track, device.constraints, false);
  track.source = source;
  return track;
}
