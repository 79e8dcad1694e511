/**
 * Team meetings in the call core: the host's requests to switch a microphone or camera,
 * co-hosts, and the waiting room shared with them. Plain TypeScript over the secure channel,
 * so its rules are tested against the acting server of tests/unit/livekit/fake-room.ts.
 *
 * - The host asks ("bitte Mikrofon ausschalten"), signed and addressed to one person; that
 *   person decides, on their own device. Nothing here switches anything by itself.
 * - The host names co-hosts: signed, the whole list each time, ordered by the host's clock.
 *   A co-host may let people in and present; nothing else.
 * - A co-host cannot sign and holds none of main's secrets, so they never let anyone in
 *   themselves. The host's app seals the waiting list to each co-host's own one-time key (the
 *   one they knocked with), and a co-host's "Hereinlassen" is a request to the host's app,
 *   which checks the sender is a co-host and admits through its own waiting room.
 */
import { z } from '../platform/zod';
import type { Received, SecureChannel } from './secure-channel';
import { newOneTimeKey, openFrom, sealTo, type OneTimeKey } from './sealed-box';

export type Device = 'microphone' | 'camera';

export interface DeviceRequest {
  /** Who asks: the host. */
  from: string;
  device: Device;
  /** Switch on (true) or off (false). */
  on: boolean;
}

/** One guest in the waiting room as a co-host sees them: who and since when, no keys. */
export interface WaitingEntry {
  identity: string;
  name: string;
  /** When they first knocked (ms since the epoch, the host's clock). */
  since: number;
}

/** The host's waiting room as the team rules use it (WaitingRoomHost fits). */
export interface LobbyLink {
  readonly snapshot: { guests: readonly WaitingEntry[] };
  subscribe(listener: () => void): () => void;
  admit(identity: string): Promise<void>;
  /** The link this waiting identity came with was withdrawn: refuse it now and from now on. */
  refuse?(identity: string): Promise<void> | void;
}

export interface TeamState {
  /** Who besides the host may let people in and present. */
  cohosts: readonly string[];
  /** A guest's open request from the host. */
  deviceRequest: DeviceRequest | null;
  /** A co-host's view of the waiting room; null for everyone else. */
  cohostLobby: readonly WaitingEntry[] | null;
}

export interface TeamOptions {
  channel: SecureChannel;
  /** My identity in the call. */
  me: () => string;
  role: 'host' | 'guest';
  /** Guest: the one-time key they knocked with; a waiting list for them is sealed to it. */
  oneTimeKey?: OneTimeKey;
  /** Host: each admitted guest's one-time key, by identity (HostAuthority.admitted). */
  guestKeys?: ReadonlyMap<string, string>;
  /** The host, as the host's signature vouches for it. */
  hostIdentity: () => string | null;
  /** In the call now, and verified (a sealed hello opened from them). */
  isPresent: (identity: string) => boolean;
  /** Whether my own microphone or camera is on now. */
  deviceOn: (device: Device) => boolean;
  onChange: () => void;
}

const MAX_COHOSTS = 12;
const MAX_WAITING = 50;

const WaitingList = z
  .array(
    z.strictObject({
      identity: z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/)),
      name: z.string().check(z.trim(), z.minLength(1), z.maxLength(60)),
      since: z.int().check(z.gte(0)),
    }),
  )
  .check(z.maxLength(MAX_WAITING));

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });
const boxContext = (to: string, at: number) => `${to}\n${at}`;

export class TeamRules {
  #options: TeamOptions;
  #state: TeamState = { cohosts: [], deviceRequest: null, cohostLobby: null };
  /** The `at` of the co-host list applied last; older ones are ignored. */
  #cohostsAt = 0;
  /** The `at` of the waiting list opened last (co-host). */
  #listAt = 0;
  /**
   * A waiting list that opened before the co-host list naming me did (messages open in
   * parallel): kept until that list arrives.
   */
  #earlyList: Received<'waiting-list'> | null = null;
  /** Host: the last stamp given out, so stamps only grow even within one millisecond. */
  #lastStamp = 0;
  #lobby: LobbyLink | null = null;
  /** Host: what each co-host was last sent, so an unchanged list is not sent again. */
  #shared = new Map<string, string>();
  #disposers: (() => void)[] = [];
  /** Requests from people who are not co-hosts, dropped (for the tests and the log). */
  ignoredRequests = 0;

  constructor(options: TeamOptions) {
    this.#options = options;
    const { channel } = options;
    this.#disposers.push(
      channel.on('device-request', (message) => this.#onDeviceRequest(message)),
      channel.on('cohosts', (message) => this.#onCohosts(message)),
      channel.on('waiting-list', (message) => void this.#onWaitingList(message)),
      channel.on('admit-request', (message) => void this.#onAdmitRequest(message)),
    );
  }

  get state(): TeamState {
    return this.#state;
  }

  isCohost(identity: string): boolean {
    return this.#state.cohosts.includes(identity);
  }

  /** The host and co-hosts may present (and let people in). */
  mayPresent(identity: string): boolean {
    if (!identity) return false;
    if (this.#options.role === 'host' && identity === this.#options.me()) return true;
    return identity === this.#options.hostIdentity() || this.isCohost(identity);
  }

  dispose(): void {
    this.#disposers.forEach((dispose) => dispose());
    this.#disposers = [];
    this.#lobby = null;
  }

  // ---- the host ------------------------------------------------------------------------------

  /** Host: asks one person to switch a device on or off (signed, to them alone). */
  async requestDevice(identity: string, device: Device, on: boolean): Promise<boolean> {
    if (this.#options.role !== 'host' || !this.#options.isPresent(identity)) return false;
    await this.#options.channel.send(
      'device-request',
      { to: identity, device, on },
      { to: [identity] },
    );
    return true;
  }

  /** Host: makes someone co-host, or takes it back; everyone in the call learns the list. */
  async setCohost(identity: string, on: boolean): Promise<boolean> {
    if (this.#options.role !== 'host' || identity === this.#options.me()) return false;
    if (on && !this.#options.isPresent(identity)) return false;
    // Only people still here stay on the list; the list is short and says who is now.
    const others = this.#state.cohosts.filter(
      (cohost) => cohost !== identity && this.#options.isPresent(cohost),
    );
    if (on && others.length >= MAX_COHOSTS) return false;
    await this.#sendCohosts(on ? [...others, identity] : others);
    if (on) await this.#shareWaitingList();
    else this.#shared.delete(identity);
    return true;
  }

  /**
   * Host: I am (back) in the call. The list goes out even when empty, so that after a reload
   * of the host's window nobody keeps a co-host list from before.
   */
  async announce(): Promise<void> {
    if (this.#options.role !== 'host') return;
    await this.#sendCohosts(this.#state.cohosts, { quiet: true });
  }

  /** Host: someone new said hello; they learn who the co-hosts are. */
  async greet(identity: string): Promise<void> {
    if (this.#options.role !== 'host' || this.#cohostsAt === 0) return;
    const { channel } = this.#options;
    await channel
      .send(
        'cohosts',
        { cohosts: [...this.#state.cohosts], at: this.#cohostsAt },
        { to: [identity] },
      )
      .catch(() => {});
    if (this.isCohost(identity)) {
      this.#shared.delete(identity);
      await this.#shareWaitingList();
    }
  }

  /** Host: someone was sent out; they are no co-host any more. */
  async forget(identity: string): Promise<void> {
    if (this.#options.role !== 'host' || !this.isCohost(identity)) return;
    this.#shared.delete(identity);
    await this.#sendCohosts(this.#state.cohosts.filter((cohost) => cohost !== identity));
  }

  /** Host: the waiting room co-hosts see and let people in from; returns the detach. */
  attachLobby(lobby: LobbyLink): () => void {
    if (this.#options.role !== 'host') return () => {};
    this.#lobby = lobby;
    this.#shared.clear();
    const stop = lobby.subscribe(() => void this.#shareWaitingList());
    void this.#shareWaitingList();
    return () => {
      stop();
      if (this.#lobby === lobby) this.#lobby = null;
    };
  }

  /** Host: a link was withdrawn while its guest was in the call; the waiting room refuses it. */
  async refuseWaiting(waitingIdentity: string): Promise<void> {
    await this.#lobby?.refuse?.(waitingIdentity);
  }

  async #sendCohosts(cohosts: readonly string[], options: { quiet?: boolean } = {}): Promise<void> {
    const at = this.#stamp();
    this.#cohostsAt = at;
    this.#state = { ...this.#state, cohosts: [...cohosts] };
    if (!options.quiet) this.#options.onChange();
    await this.#options.channel.send('cohosts', { cohosts: [...cohosts], at }).catch(() => {});
  }

  #stamp(): number {
    this.#lastStamp = Math.max(Date.now(), this.#lastStamp + 1, this.#cohostsAt + 1);
    return this.#lastStamp;
  }

  /** Seals the waiting list to each co-host's own key, when it changed for them. */
  async #shareWaitingList(): Promise<void> {
    const lobby = this.#lobby;
    const keys = this.#options.guestKeys;
    if (!lobby || !keys || this.#options.role !== 'host') return;
    const guests: WaitingEntry[] = lobby.snapshot.guests
      .slice(0, MAX_WAITING)
      .map(({ identity, name, since }) => ({ identity, name, since }));
    const text = JSON.stringify(guests);
    for (const cohost of this.#state.cohosts) {
      const guestKey = keys.get(cohost);
      if (!guestKey || this.#shared.get(cohost) === text || !this.#options.isPresent(cohost)) {
        continue;
      }
      this.#shared.set(cohost, text);
      const at = this.#stamp();
      const ephemeral = await newOneTimeKey();
      const sealed = await sealTo(
        ephemeral.keyPair.privateKey,
        guestKey,
        'waiting-list',
        encoder.encode(text),
        boxContext(cohost, at),
      );
      await this.#options.channel
        .send(
          'waiting-list',
          { to: cohost, at, ecdh: ephemeral.publicKey, ...sealed },
          { to: [cohost] },
        )
        .catch(() => this.#shared.delete(cohost));
    }
  }

  async #onAdmitRequest({ body, from }: Received<'admit-request'>): Promise<void> {
    const lobby = this.#lobby;
    if (this.#options.role !== 'host' || !lobby) return;
    if (!this.isCohost(from) || !this.#options.isPresent(from)) {
      this.ignoredRequests += 1;
      return;
    }
    if (!lobby.snapshot.guests.some((guest) => guest.identity === body.guest)) return;
    await lobby.admit(body.guest);
  }

  // ---- everyone else -------------------------------------------------------------------------

  /** Guest: the open request, taken (answered); null when there is none. */
  takeDeviceRequest(): DeviceRequest | null {
    const request = this.#state.deviceRequest;
    if (request) this.#set({ deviceRequest: null });
    return request;
  }

  /** My device changed: a request it already fulfils is no longer open. */
  deviceChanged(): void {
    const request = this.#state.deviceRequest;
    if (request && this.#options.deviceOn(request.device) === request.on) {
      this.#set({ deviceRequest: null });
    }
  }

  /** Co-host: asks the host's app to let this waiting guest in. */
  async askToAdmit(guest: string): Promise<boolean> {
    const host = this.#options.hostIdentity();
    const listed = this.#state.cohostLobby?.some((entry) => entry.identity === guest);
    if (!host || !listed || !this.isCohost(this.#options.me())) return false;
    await this.#options.channel.send('admit-request', { guest }, { to: [host] });
    return true;
  }

  #onDeviceRequest({ body, from }: Received<'device-request'>): void {
    if (this.#options.role !== 'guest' || body.to !== this.#options.me()) return;
    // Already as asked: nothing to decide.
    if (this.#options.deviceOn(body.device) === body.on) return;
    this.#set({ deviceRequest: { from, device: body.device, on: body.on } });
  }

  #onCohosts({ body }: Received<'cohosts'>): void {
    if (this.#options.role !== 'guest' || body.at <= this.#cohostsAt) return;
    this.#cohostsAt = body.at;
    const cohosts = [...new Set(body.cohosts)];
    const stillCohost = cohosts.includes(this.#options.me());
    this.#set({
      cohosts,
      cohostLobby: stillCohost ? this.#state.cohostLobby : null,
    });
    const early = this.#earlyList;
    this.#earlyList = null;
    if (stillCohost && early) void this.#onWaitingList(early);
  }

  async #onWaitingList(message: Received<'waiting-list'>): Promise<void> {
    const { body } = message;
    const me = this.#options.me();
    const key = this.#options.oneTimeKey;
    if (this.#options.role !== 'guest' || !key || body.to !== me) return;
    if (body.at <= this.#listAt) return;
    if (!this.isCohost(me)) {
      // Signed by the host and sealed to me: the list naming me is on its way.
      if (!this.#earlyList || this.#earlyList.body.at < body.at) this.#earlyList = message;
      return;
    }
    const opened = await openFrom(
      key.keyPair.privateKey,
      body.ecdh,
      'waiting-list',
      body,
      boxContext(me, body.at),
    );
    if (!opened || body.at <= this.#listAt || !this.isCohost(me)) return;
    let guests: WaitingEntry[];
    try {
      guests = WaitingList.parse(JSON.parse(decoder.decode(opened)));
    } catch {
      return;
    }
    this.#listAt = body.at;
    this.#set({ cohostLobby: guests });
  }

  #set(patch: Partial<TeamState>): void {
    this.#state = { ...this.#state, ...patch };
    this.#options.onChange();
  }
}
