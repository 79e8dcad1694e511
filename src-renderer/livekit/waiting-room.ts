/**
 * The waiting room, both sides, in plain TypeScript. A separate LiveKit room with its own
 * key, where guests are hidden (they never see each other) and talk only to the host.
 *
 * - The host says "I am here" (signed), with a one-time key of its own.
 * - A guest knocks with a one-time key and their name sealed to the host's key: the
 *   server cannot read it, and neither can another invited family, who hold the same
 *   waiting-room key. Who knocks is the checked sender, never a field inside.
 * - The knock is answered with a door (signed, sealed to the guest's key): a token into the
 *   call's room with no powers, which she joins at once, hidden, so that her connection
 *   stands when she is let in.
 * - "Let in" (signed) carries the ticket into the call, sealed to the guest's key; "no",
 *   "this link was already used" and "this link was withdrawn" are signed too. Nothing
 *   unsigned moves a guest anywhere.
 */
import {
  ConnectionError,
  ConnectionErrorReason,
  DisconnectReason,
  RoomEvent,
  type RemoteParticipant,
  type Room,
} from 'livekit-client';
import type { Invite } from '../../src-shared/invite-link';
import {
  connectCallAhead,
  connectOptions,
  createEncryptedRoom,
  EncryptionUnsupportedError,
  prepareEncryptedRoom,
  releasePreparedRooms,
} from './encrypted-room';
import type { RoomKeyRing } from './key-ring';
import { newOneTimeKey, openFrom, sealTo, type OneTimeKey } from './sealed-box';
import {
  openDoor,
  openTicket,
  sealDoor,
  sealTicket,
  type CallDoor,
  type CallTicket,
} from './sealed-ticket';
import { SecureChannel } from './secure-channel';

/** How often a waiting guest says "still here"; the host forgets guests silent for 3× this. */
export const KNOCK_INTERVAL_MS = 4000;

export type WaitingFailure = 'server-unreachable' | 'not-allowed' | 'e2ee-unsupported' | 'internal';

export type WaitingState =
  | { phase: 'connecting' }
  /** In the waiting room; the host has not arrived. */
  | { phase: 'host-absent' }
  /** The host is there and knows we are waiting. */
  | { phase: 'waiting' }
  | { phase: 'admitted'; ticket: CallTicket }
  /** Not let in; `revoked`: the host withdrew the link itself. */
  | { phase: 'declined'; revoked?: boolean }
  /** The link already let in someone who is still in the call. */
  | { phase: 'used' }
  | { phase: 'failed'; failure: WaitingFailure };

function failureOf(error: unknown): WaitingFailure {
  if (error instanceof EncryptionUnsupportedError) return 'e2ee-unsupported';
  if (error instanceof ConnectionError) {
    return error.reason === ConnectionErrorReason.NotAllowed ? 'not-allowed' : 'server-unreachable';
  }
  return 'internal';
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A tiny observable: the UI reads `snapshot` and re-reads on every change. */
class Observable<T> {
  #value: T;
  #listeners = new Set<() => void>();
  constructor(initial: T) {
    this.#value = initial;
  }
  get snapshot(): T {
    return this.#value;
  }
  protected set(value: T): void {
    this.#value = value;
    for (const listener of this.#listeners) listener();
  }
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };
}

async function openWaitingRoom(
  waitingKey: string,
  hostPublicKey: string,
  sign?: (payload: Uint8Array) => Promise<Uint8Array>,
): Promise<{ room: Room; keys: RoomKeyRing; channel: SecureChannel; close: () => Promise<void> }> {
  const { room, keys, close } = await createEncryptedRoom('messages');
  await keys.useKey(waitingKey, 0);
  // Waiting guests are hidden, so the server passes their packets on without a sender:
  // the host takes the sender each guest seals in (only holders of the waiting-room key
  // can seal at all). The room has no LiveKit encryption (encrypted-room.ts), so the
  // channel seals each envelope whole.
  const channel = new SecureChannel({
    room,
    keys,
    hostPublicKey,
    sign,
    acceptHiddenSenders: sign !== undefined,
    sealEnvelopes: true,
  });
  return { room, keys, channel, close };
}

// ---- the guest's side -------------------------------------------------------------------------

/**
 * The guest's side. The room is joined as soon as the guest has agreed on the welcome
 * screen (`join()`), while she still gives her name and checks her devices: by the time
 * she says "In den Warteraum", the connection and the host's "I am here" are usually
 * there, and the knock goes out at once. Joining says nothing about her: she is hidden,
 * and her name leaves only in the sealed knock, which waits for `enter()`.
 */
export class WaitingRoomGuest extends Observable<WaitingState> {
  #invite: Invite;
  /** Null until she enters: nobody is knocked for before that. */
  #name: string | null;
  #room: Room | null = null;
  #closeRoom: (() => Promise<void>) | null = null;
  #channel: SecureChannel | null = null;
  #host: { identity: string; ecdh: string } | null = null;
  #timer: ReturnType<typeof setInterval> | undefined;
  #closed = false;
  /** The guest's one-time key: the ticket and later key changes are sealed to it. */
  readonly oneTimeKey: Promise<OneTimeKey> = newOneTimeKey();

  constructor(invite: Invite, name?: string) {
    super({ phase: 'connecting' });
    this.#invite = invite;
    this.#name = name ?? null;
  }

  /** She steps into the waiting room: knock now (if the host is there) and on every interval. */
  enter(name: string): void {
    if (this.#name !== null) return;
    this.#name = name;
    void this.#knock();
  }

  async join(): Promise<void> {
    try {
      const { room, channel, close } = await openWaitingRoom(
        this.#invite.waitingKey,
        this.#invite.hostPublicKey,
      );
      this.#room = room;
      this.#closeRoom = close;
      this.#channel = channel;
      // Closed while the room was being made: close() found nothing to end then.
      if (this.#closed) {
        channel.dispose();
        return await close();
      }
      this.#wire(room, channel);
      await room.connect(this.#invite.serverUrl, this.#invite.waitingToken, connectOptions());
      if (this.#closed) return;
      this.#setPhase({ phase: 'host-absent' });
      // Guests are hidden, so whoever is visible should be the host; but the operator can
      // join visibly too, so each is asked, and only the host's signed answer counts.
      for (const participant of room.remoteParticipants.values()) this.#ping(participant.identity);
      this.#timer = setInterval(() => void this.#knock(), KNOCK_INTERVAL_MS);
      // The call's room, its worker started, ready for the moment the host lets them in.
      prepareEncryptedRoom('call');
    } catch (error) {
      this.#setPhase({ phase: 'failed', failure: failureOf(error) });
    }
  }

  /** Leaves the waiting room; the host hears of it. */
  async leave(): Promise<void> {
    const channel = this.#channel;
    const host = this.#host;
    if (channel && host) await channel.send('leave', {}, { to: [host.identity] }).catch(() => {});
    await this.close();
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    this.#channel?.dispose();
    // Let in: the call takes the prepared room. Otherwise nobody will.
    if (this.snapshot.phase !== 'admitted') releasePreparedRooms();
    await this.#closeRoom?.();
  }

  #setPhase(state: WaitingState): void {
    const current = this.snapshot.phase;
    // Final answers stay final.
    if (['admitted', 'declined', 'used'].includes(current)) return;
    this.set(state);
  }

  #ping(to?: string): void {
    void this.#channel?.send('ping', {}, to ? { to: [to] } : {}).catch(() => {});
  }

  async #knock(): Promise<void> {
    const host = this.#host;
    const room = this.#room;
    const channel = this.#channel;
    const name = this.#name;
    if (!host || !room || !channel || name === null || this.#closed) return;
    const me = room.localParticipant.identity;
    const key = await this.oneTimeKey;
    const sealed = await sealTo(
      key.keyPair.privateKey,
      host.ecdh,
      'knock',
      encoder.encode(JSON.stringify({ name })),
      me,
    );
    await channel
      .send('knock', { guestKey: key.publicKey, ...sealed }, { to: [host.identity] })
      .catch(() => {});
  }

  #wire(room: Room, channel: SecureChannel): void {
    const me = () => room.localParticipant.identity;
    channel.on('host-present', ({ body, from }) => {
      const changed = this.#host?.identity !== from || this.#host.ecdh !== body.ecdh;
      this.#host = { identity: from, ecdh: body.ecdh };
      this.#setPhase({ phase: 'waiting' });
      if (changed) void this.#knock();
    });
    channel.on('decline', ({ body }) => {
      if (body.to !== me()) return;
      this.#setPhase({ phase: 'declined' });
      void this.close();
    });
    channel.on('invite-used', ({ body }) => {
      if (body.to !== me()) return;
      this.#setPhase({ phase: 'used' });
      void this.close();
    });
    channel.on('revoked', ({ body }) => {
      if (body.to !== me()) return;
      this.#setPhase({ phase: 'declined', revoked: true });
      void this.close();
    });
    channel.on('door', ({ body }) => {
      if (body.to !== me()) return;
      void (async () => {
        const door = await openDoor(await this.oneTimeKey, me(), body);
        if (!door || this.#closed || this.snapshot.phase === 'admitted') return;
        connectCallAhead(door.serverUrl, door.token);
      })();
    });
    channel.on('admit', ({ body }) => {
      if (body.to !== me()) return;
      void (async () => {
        const ticket = await openTicket(await this.oneTimeKey, me(), body);
        // A ticket for another host's call is not ours to follow.
        if (!ticket || ticket.hostPublicKey !== this.#invite.hostPublicKey) return;
        this.#setPhase({ phase: 'admitted', ticket });
        void this.close();
      })();
    });
    room.on(RoomEvent.ParticipantConnected, (participant: RemoteParticipant) => {
      // The host arrived: ask at once, rather than waiting for their next "I am here".
      this.#ping(participant.identity);
    });
    room.on(RoomEvent.ParticipantDisconnected, (participant: RemoteParticipant) => {
      if (participant.identity === this.#host?.identity) {
        this.#host = null;
        this.#setPhase({ phase: 'host-absent' });
      }
    });
    room.on(RoomEvent.Disconnected, (reason?: DisconnectReason) => {
      if (reason === DisconnectReason.PARTICIPANT_REMOVED) this.#setPhase({ phase: 'declined' });
    });
  }
}

/** A guest's side of the waiting room, joining now; she knocks once she `enter()`s. */
export function joinWaitingRoom(invite: Invite): WaitingRoomGuest {
  const guest = new WaitingRoomGuest(invite);
  void guest.join();
  return guest;
}

// ---- the host's side --------------------------------------------------------------------------

export interface WaitingGuest {
  identity: string;
  name: string;
  guestKey: string;
  /** When they first knocked (ms since the epoch). */
  since: number;
  lastSeen: number;
}

export interface WaitingRoomHostState {
  connected: boolean;
  guests: readonly WaitingGuest[];
}

export interface WaitingRoomHostOptions {
  serverUrl: string;
  token: string;
  waitingKey: string;
  hostPublicKey: string;
  sign: (payload: Uint8Array) => Promise<Uint8Array>;
  /**
   * A ticket into the call for this guest (main mints the token and records the guest's
   * key), 'used' when their link already let in someone who is still in, 'revoked' when the
   * host withdrew their link, null on failure.
   */
  ticketFor: (guest: WaitingGuest) => Promise<CallTicket | 'used' | 'revoked' | null>;
  /**
   * A door into the call for a guest who knocked (main mints a powerless token), so that
   * she can join the call's room while she waits; null when there is none to give.
   */
  doorFor?: (guest: WaitingGuest) => Promise<CallDoor | null>;
  /** Waiting identities of withdrawn links: their knocks are refused at once. */
  revoked?: Iterable<string>;
}

export type WaitingRoomEvent =
  | { kind: 'knocked'; guest: WaitingGuest }
  | { kind: 'admitted'; guest: WaitingGuest }
  | { kind: 'used'; guest: WaitingGuest }
  /** Someone knocked with a withdrawn link and was told so. */
  | { kind: 'refused'; guest: WaitingGuest };

export class WaitingRoomHost extends Observable<WaitingRoomHostState> {
  #options: WaitingRoomHostOptions;
  #closeRoom: (() => Promise<void>) | null = null;
  #channel: SecureChannel | null = null;
  #guests = new Map<string, WaitingGuest>();
  #ecdh: Promise<OneTimeKey> = newOneTimeKey();
  #timers: ReturnType<typeof setTimeout>[] = [];
  #closed = false;
  #eventListeners = new Set<(event: WaitingRoomEvent) => void>();
  /** Waiting identities whose link was withdrawn. */
  #revoked: Set<string>;
  /** Told that their link was withdrawn. */
  #refused = new Set<string>();
  /** Being let in right now: a second "let in" (say, host and co-host at once) waits for none. */
  #admitting = new Set<string>();
  /** Joins tried since the waiting room last worked; the pause before the next grows. */
  #rejoins = 0;
  #rejoinTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: WaitingRoomHostOptions) {
    super({ connected: false, guests: [] });
    this.#options = options;
    this.#revoked = new Set(options.revoked ?? []);
  }

  onEvent(listener: (event: WaitingRoomEvent) => void): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  async join(): Promise<void> {
    const { waitingKey, hostPublicKey, sign, serverUrl, token } = this.#options;
    try {
      const { room, channel, close } = await openWaitingRoom(waitingKey, hostPublicKey, sign);
      this.#closeRoom = close;
      this.#channel = channel;
      // Closed while the room was being made: close() found nothing to end then.
      if (this.#closed) {
        channel.dispose();
        return await close();
      }
      this.#wire(room, channel);
      room.on(RoomEvent.SignalConnected, () => this.#setConnected(true));
      // LiveKit reconnects by itself through short gaps. When it gives up (the server was
      // restarted, say), the waiting room is joined afresh: otherwise a guest who comes
      // back to it would knock at a door nobody watches.
      room.on(RoomEvent.Disconnected, () => this.#rejoinLater());
      await room.connect(serverUrl, token, connectOptions());
      if (this.#closed) return;
      this.#rejoins = 0;
      this.#setConnected(true);
      // Guests already waiting hear at once; repeated briefly, because a packet sent
      // before a peer's data channel is open is lost, not queued.
      for (const delay of [0, 300, 1000, 3000])
        this.#timers.push(setTimeout(() => this.#present(), delay));
      this.#timers.push(setInterval(() => this.#present(), 10_000));
      this.#timers.push(setInterval(() => this.#sweep(), KNOCK_INTERVAL_MS));
    } catch {
      this.#rejoinLater();
    }
  }

  /** The waiting room is lost (or could not be joined): joined again after a pause. */
  #rejoinLater(): void {
    if (this.#closed || this.#rejoinTimer !== undefined) return;
    this.#setConnected(false);
    const delay = Math.min(1000 * 2 ** this.#rejoins, 10_000);
    this.#rejoins += 1;
    this.#rejoinTimer = setTimeout(() => {
      this.#rejoinTimer = undefined;
      void this.join();
    }, delay);
    this.#timers.forEach((timer) => clearTimeout(timer));
    this.#timers = [];
    this.#channel?.dispose();
    this.#channel = null;
    const closeRoom = this.#closeRoom;
    this.#closeRoom = null;
    void closeRoom?.();
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#rejoinTimer);
    this.#timers.forEach((timer) => clearTimeout(timer));
    this.#channel?.dispose();
    this.#guests.clear();
    await this.#closeRoom?.();
  }

  async admit(identity: string): Promise<void> {
    const channel = this.#channel;
    const guest = this.#guests.get(identity);
    if (!channel || !guest || this.#admitting.has(identity)) return;
    this.#admitting.add(identity);
    try {
      await this.#admit(channel, guest);
    } finally {
      this.#admitting.delete(identity);
    }
  }

  async #admit(channel: SecureChannel, guest: WaitingGuest): Promise<void> {
    const { identity } = guest;
    const ticket = await this.#options.ticketFor(guest);
    if (ticket === null) return;
    if (ticket === 'revoked') return this.refuse(identity);
    if (ticket === 'used') {
      await channel.send('invite-used', { to: identity }, { to: [identity] }).catch(() => {});
      this.#forget(identity);
      this.#emit({ kind: 'used', guest });
      return;
    }
    const sealed = await sealTicket(ticket, guest.guestKey, identity);
    await channel.send('admit', { to: identity, ...sealed }, { to: [identity] });
    this.#forget(identity);
    this.#emit({ kind: 'admitted', guest });
  }

  /** Her first knock (or one with a new key: a reload) is answered with a door. */
  async #openDoor(channel: SecureChannel, guest: WaitingGuest): Promise<void> {
    const door = await this.#options.doorFor?.(guest).catch(() => null);
    // Let in (or gone) meanwhile: the ticket is hers, or nothing is.
    if (!door || this.#guests.get(guest.identity)?.guestKey !== guest.guestKey) return;
    const sealed = await sealDoor(door, guest.guestKey, guest.identity);
    await channel
      .send('door', { to: guest.identity, ...sealed }, { to: [guest.identity] })
      .catch(() => {});
  }

  async decline(identity: string): Promise<void> {
    const channel = this.#channel;
    if (!channel) return;
    await channel.send('decline', { to: identity }, { to: [identity] }).catch(() => {});
    this.#forget(identity);
  }

  async admitAll(): Promise<void> {
    for (const guest of this.snapshot.guests) await this.admit(guest.identity);
  }

  /**
   * The link this waiting identity came with was withdrawn: it is told so (signed) and
   * never listed again.
   */
  async refuse(identity: string): Promise<void> {
    this.#revoked.add(identity);
    const guest = this.#guests.get(identity);
    this.#forget(identity);
    await this.#channel?.send('revoked', { to: identity }, { to: [identity] }).catch(() => {});
    if (guest && !this.#refused.has(identity)) this.#emit({ kind: 'refused', guest });
    this.#refused.add(identity);
  }

  #emit(event: WaitingRoomEvent): void {
    for (const listener of this.#eventListeners) listener(event);
  }

  #setConnected(connected: boolean): void {
    if (this.snapshot.connected !== connected) this.set({ ...this.snapshot, connected });
  }

  #publish(): void {
    const guests = [...this.#guests.values()].sort((a, b) => a.since - b.since);
    this.set({ ...this.snapshot, guests });
  }

  #forget(identity: string): void {
    if (this.#guests.delete(identity)) this.#publish();
  }

  #present(to?: string): void {
    const channel = this.#channel;
    if (!channel || this.#closed) return;
    void this.#ecdh.then((key) =>
      channel.send('host-present', { ecdh: key.publicKey }, to ? { to: [to] } : {}).catch(() => {}),
    );
  }

  #sweep(): void {
    const cutoff = Date.now() - 3 * KNOCK_INTERVAL_MS;
    let changed = false;
    for (const [identity, guest] of this.#guests) {
      if (guest.lastSeen < cutoff) changed = this.#guests.delete(identity) || changed;
    }
    if (changed) this.#publish();
  }

  #wire(_room: Room, channel: SecureChannel): void {
    channel.on('ping', ({ from }) => this.#present(from));
    channel.on('leave', ({ from }) => this.#forget(from));
    channel.on('knock', ({ body, from }) => {
      void (async () => {
        const key = await this.#ecdh;
        const opened = await openFrom(key.keyPair.privateKey, body.guestKey, 'knock', body, from);
        if (!opened) return;
        let name: string;
        try {
          const parsed = JSON.parse(decoder.decode(opened)) as { name?: unknown };
          if (typeof parsed.name !== 'string') return;
          name = parsed.name.trim().slice(0, 60);
        } catch {
          return;
        }
        if (!name) return;
        const now = Date.now();
        if (this.#revoked.has(from)) {
          // Told at every knock (a packet may be lost), shown to the host once.
          const first = !this.#refused.has(from);
          this.#refused.add(from);
          const refused = {
            identity: from,
            name,
            guestKey: body.guestKey,
            since: now,
            lastSeen: now,
          };
          await channel.send('revoked', { to: from }, { to: [from] }).catch(() => {});
          if (first) this.#emit({ kind: 'refused', guest: refused });
          return;
        }
        const known = this.#guests.get(from);
        const guest: WaitingGuest = {
          identity: from,
          name,
          guestKey: body.guestKey,
          since: known?.since ?? now,
          lastSeen: now,
        };
        this.#guests.set(from, guest);
        this.#publish();
        if (!known) this.#emit({ kind: 'knocked', guest });
        if (known?.guestKey !== guest.guestKey) void this.#openDoor(channel, guest);
      })();
    });
  }
}
