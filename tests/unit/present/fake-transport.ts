/**
 * An in-memory call for presentation tests: each member gets a PresentationTransport;
 * whatever they send waits in flight until the test delivers it, in order, or picks
 * what to deliver first (to let a page image overtake its message, as streams can).
 * Everything sent is kept, so a test can say exactly what left a device.
 */
import type {
  PageHeader,
  PresentationMessage,
  PresentationTransport,
} from '../../../src-renderer/features/present/transport';

export type Packet =
  | { kind: 'message'; from: string; to?: string[]; message: PresentationMessage }
  | { kind: 'page'; from: string; to?: string[]; header: PageHeader; image: Uint8Array };

interface Member {
  messages: Set<(message: PresentationMessage, from: string) => void>;
  pages: Set<(header: PageHeader, image: Uint8Array, from: string) => void>;
  joined: Set<(identity: string) => void>;
  left: Set<(identity: string) => void>;
}

export class FakeCall {
  readonly sent: Packet[] = [];
  readonly inFlight: Packet[] = [];
  readonly #members = new Map<string, Member>();
  /** When set, sending fails (a dropped connection). */
  failSends = false;
  /** Page images waiting to leave, while page sends are held (a slow line). */
  #heldPages: (() => void)[] | null = null;
  #holds: (header: PageHeader) => boolean = () => true;

  join(identity: string): PresentationTransport {
    const member: Member = {
      messages: new Set(),
      pages: new Set(),
      joined: new Set(),
      left: new Set(),
    };
    for (const [other, existing] of this.#members)
      if (other !== identity) existing.joined.forEach((listener) => listener(identity));
    this.#members.set(identity, member);
    const on =
      <T>(set: Set<T>) =>
      (listener: T) => {
        set.add(listener);
        return () => void set.delete(listener);
      };
    return {
      send: async (message, to) => this.#send({ kind: 'message', from: identity, to, message }),
      sendPage: async (header, image, to) =>
        this.#send({ kind: 'page', from: identity, to, header, image }),
      onMessage: on(member.messages),
      onPage: on(member.pages),
      onJoined: on(member.joined),
      onLeft: on(member.left),
    };
  }

  leave(identity: string): void {
    this.#members.delete(identity);
    for (const member of this.#members.values())
      member.left.forEach((listener) => listener(identity));
  }

  /** Delivers everything in flight, in order, including what the deliveries cause. */
  async deliver(): Promise<void> {
    for (;;) {
      // Sessions send from their own promise chains: let those run first.
      await settle();
      const packet = this.inFlight.shift();
      if (!packet) {
        await settle();
        if (this.inFlight.length === 0) return;
        continue;
      }
      this.#hand(packet);
    }
  }

  /** Delivers only the packets that match, leaving the rest in flight. */
  async deliverOnly(match: (packet: Packet) => boolean): Promise<void> {
    await settle();
    const chosen = this.inFlight.filter(match);
    for (const packet of chosen) {
      this.inFlight.splice(this.inFlight.indexOf(packet), 1);
      this.#hand(packet);
    }
  }

  /** A packet as a dishonest member (or the server) would make it: any sender name. */
  inject(packet: Packet): void {
    this.#hand(packet);
  }

  messagesOfType(type: PresentationMessage['type']): Packet[] {
    return this.sent.filter((p) => p.kind === 'message' && p.message.type === type);
  }

  pagesSent(): Extract<Packet, { kind: 'page' }>[] {
    return this.sent.filter((p): p is Extract<Packet, { kind: 'page' }> => p.kind === 'page');
  }

  /**
   * From now on, a page image's send (or only those `which` picks) does not finish until
   * releasePageSends().
   */
  holdPageSends(which: (header: PageHeader) => boolean = () => true): void {
    this.#heldPages = [];
    this.#holds = which;
  }

  releasePageSends(): void {
    const waiting = this.#heldPages ?? [];
    this.#heldPages = null;
    waiting.forEach((finish) => finish());
  }

  async #send(packet: Packet): Promise<void> {
    if (this.failSends) throw new Error('connection lost');
    this.sent.push(packet);
    const held = this.#heldPages;
    if (packet.kind === 'page' && held && this.#holds(packet.header))
      await new Promise<void>((finish) => held.push(finish));
    this.inFlight.push(packet);
  }

  #hand(packet: Packet): void {
    for (const [identity, member] of this.#members) {
      if (identity === packet.from) continue;
      if (packet.to && !packet.to.includes(identity)) continue;
      if (packet.kind === 'message') member.messages.forEach((l) => l(packet.message, packet.from));
      else member.pages.forEach((l) => l(packet.header, packet.image, packet.from));
    }
  }
}

/** Lets the sessions' promise chains run as far as they can. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
}
