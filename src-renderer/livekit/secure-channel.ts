/**
 * The app's own message layer inside a LiveKit room. LiveKit's `encryption` option already
 * encrypts data packets, but the server stamps the sender on every packet and livekit-client
 * accepts unencrypted packets in an encrypted room, so an acting server could speak in
 * anyone's name. Here every message is sealed by the app itself:
 *
 * - AES-256-GCM with a key derived from the room key (key-ring.ts), separate from the frame
 *   key; the associated data binds the protocol version, the room, the sender's identity
 *   as the server stamped it, the message type, the sender's session, a per-session counter
 *   and the key index. A forged sender, another room, another type or another key: it does
 *   not open.
 * - A replay window per sender session: a message opens once.
 * - Control messages (see app-messages.ts) must also carry the host's ECDSA P-256 signature
 *   over the same associated data and the body; a guest who holds the room key cannot
 *   forge them.
 *
 * Whatever fails is dropped and counted, never shown. Small messages travel as data packets;
 * large ones (a page image) as a LiveKit byte stream, sealed the same way.
 *
 * The header (sender, type, session, counter) travels beside the sealed body, where only
 * LiveKit's encryption of data packets hides it. A room without that encryption (the waiting
 * room: it carries nothing but these messages, and so runs no E2EE worker) seals each
 * envelope once more, whole, under a key of its own (`sealEnvelopes`): the server sees a
 * constant topic and opaque bytes (under LiveKit's encryption the topic is covered too).
 */
import { RoomEvent, type Participant, type Room } from 'livekit-client';
import { fromBase64Url, toBase64Url } from '../../src-shared/base64url';
import { HOST_SIGNED_PREFIX } from '../../src-shared/host-signature';
import { messageTypes, type MessageBody, type MessageType } from './app-messages';
import type { MessageKeys } from './key-ring';

export const SEALED_TOPIC = 'augenhoehe.sealed.v1';
const PROTOCOL = 'augenhoehe/v1';
/**
 * Larger envelopes go as byte streams. livekit-client sends reliable data packets of up to
 * 64,000 bytes (what the server's SCTP delivers end to end); one packet is one trip through
 * the E2EE worker and the server, where a byte stream takes a header, 15 kB chunks and a
 * trailer. A page's preview fits in one.
 */
const PACKET_LIMIT = 60_000;
/** The largest envelope accepted at all (a rendered page image with its text). */
export const MAX_ENVELOPE_BYTES = 6 * 1024 * 1024;
const MAX_HEADER_BYTES = 512;
const REPLAY_WINDOW = 256;
/** Messages under a key not yet known wait this long for the key change to arrive. */
const PENDING_MS = 3000;
const MAX_PENDING = 64;

export type RejectReason = 'unopenable' | 'replayed' | 'malformed' | 'unsigned';

export interface Received<T extends MessageType> {
  type: T;
  body: MessageBody<T>;
  /** The sender's identity: checked, since it is bound into the sealed message. */
  from: string;
  /** True when the host's signature was checked and holds. */
  signed: boolean;
  /** Orders one sender's messages: later (session, counter) wins for state messages. */
  session: string;
  counter: number;
  /** Bytes sent along (a page image), already opened. */
  attachment: Uint8Array | null;
}

export interface ChannelOptions {
  room: Room;
  keys: MessageKeys;
  /** The host's public key (from the invite or the host's own consultation). */
  hostPublicKey: string;
  /** Only the host's app can sign (through main, which holds the private key). */
  sign?: (payload: Uint8Array) => Promise<Uint8Array>;
  /**
   * The waiting room's host hears hidden guests, whose packets the server passes on without
   * a sender. Their own claim (bound into the seal) stands in for it there, and only there.
   */
  acceptHiddenSenders?: boolean;
  /**
   * The room's data packets are not encrypted by LiveKit: every envelope is sealed whole
   * (see above), and only envelopes sealed so are opened.
   */
  sealEnvelopes?: boolean;
}

interface Header {
  /** The sender's identity as the sender says; it must match the server's stamp if any. */
  f: string;
  t: string;
  s: string;
  n: number;
  k: number;
  i: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

function associatedData(room: string, header: Omit<Header, 'i'>): string {
  return [PROTOCOL, room, header.f, header.t, header.s, header.n, header.k].join('\n');
}

/** A whole envelope, sealed: version 2, the key index, a fresh nonce, then the ciphertext. */
const OUTER_VERSION = 2;
const OUTER_PREFIX = 1 + 4 + 12;

function outerData(room: string, keyIndex: number): Uint8Array<ArrayBuffer> {
  return encoder.encode([PROTOCOL, 'envelope', room, keyIndex].join('\n'));
}

function signedBytes(aad: string, body: Uint8Array): Uint8Array<ArrayBuffer> {
  const head = encoder.encode(`${HOST_SIGNED_PREFIX}${aad}\n`);
  const out = new Uint8Array(head.length + body.length);
  out.set(head);
  out.set(body, head.length);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function u32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value);
  return out;
}

export async function importHostKey(hostPublicKey: string): Promise<CryptoKey> {
  const raw = fromBase64Url(hostPublicKey);
  if (!raw || raw.length !== 65) throw new Error('not a host key');
  return crypto.subtle.importKey(
    'raw',
    new Uint8Array(raw),
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['verify'],
  );
}

/** A sliding window of counters per sender session, so each message opens once. */
class ReplayGuard {
  #windows = new Map<string, { top: number; seen: Set<number> }>();

  accept(sender: string, session: string, counter: number): boolean {
    const id = `${sender}\n${session}`;
    let window = this.#windows.get(id);
    if (!window) {
      // Bounded: a flood of sessions cannot grow this without end.
      if (this.#windows.size > 512) this.#windows.delete(this.#windows.keys().next().value ?? '');
      window = { top: -1, seen: new Set() };
      this.#windows.set(id, window);
    }
    if (counter <= window.top - REPLAY_WINDOW || window.seen.has(counter)) return false;
    window.seen.add(counter);
    if (counter > window.top) {
      window.top = counter;
      for (const old of window.seen) if (old <= counter - REPLAY_WINDOW) window.seen.delete(old);
    }
    return true;
  }
}

type Listener = (message: Received<MessageType>) => void;

/**
 * One per room connection. `send` seals and sends; `on` hands over only messages that
 * opened, were not replayed, parsed, and (for control messages) carried the host's
 * signature.
 */
export class SecureChannel {
  readonly session = toBase64Url(crypto.getRandomValues(new Uint8Array(12)));
  #counter = 0;
  #options: ChannelOptions;
  #hostKey: Promise<CryptoKey>;
  #replay = new ReplayGuard();
  #listeners = new Map<MessageType, Set<Listener>>();
  #rejectListeners = new Set<(reason: RejectReason, total: number) => void>();
  #keyMissedListeners = new Set<() => void>();
  #pendingTimer: ReturnType<typeof setTimeout> | undefined;
  #pending: { payload: Uint8Array; from: string; until: number }[] = [];
  #rejected = 0;
  #disposers: (() => void)[] = [];

  constructor(options: ChannelOptions) {
    this.#options = options;
    this.#hostKey = importHostKey(options.hostPublicKey);
    // An unhandled rejection here would only repeat what every verify reports.
    this.#hostKey.catch(() => {});
    const { room } = options;
    const onData = (
      payload: Uint8Array,
      participant?: Participant,
      _kind?: unknown,
      topic?: string,
      _encryption?: unknown,
      senderIdentity?: string,
    ) => {
      if (topic !== SEALED_TOPIC) return;
      // The identity the server stamped (empty for hidden senders: waiting guests).
      void this.receive(payload, participant?.identity || senderIdentity || '');
    };
    room.on(RoomEvent.DataReceived, onData);
    this.#disposers.push(() => room.off(RoomEvent.DataReceived, onData));
    try {
      room.registerByteStreamHandler(SEALED_TOPIC, (reader, participant) => {
        const size = reader.info.size;
        if (size !== undefined && size > MAX_ENVELOPE_BYTES) return this.#reject('malformed');
        void (async () => {
          const chunks: Uint8Array[] = [];
          let total = 0;
          try {
            for await (const chunk of reader) {
              total += chunk.length;
              if (total > MAX_ENVELOPE_BYTES) return this.#reject('malformed');
              chunks.push(chunk);
            }
          } catch {
            return this.#reject('malformed');
          }
          await this.receive(concat(chunks), participant.identity ?? '');
        })();
      });
      this.#disposers.push(() => room.unregisterByteStreamHandler(SEALED_TOPIC));
    } catch {
      // Already registered for this room: one channel per room connection.
    }
  }

  /** Messages dropped so far: not sealed with a key we hold, replayed, malformed or unsigned. */
  get rejected(): number {
    return this.#rejected;
  }

  on<T extends MessageType>(type: T, listener: (message: Received<T>) => void): () => void {
    let set = this.#listeners.get(type);
    if (!set) this.#listeners.set(type, (set = new Set()));
    const wrapped = listener as unknown as Listener;
    set.add(wrapped);
    return () => set.delete(wrapped);
  }

  /** Messages under a newer key kept arriving and the key never came: it passed us by. */
  onKeyMissed(listener: () => void): () => void {
    this.#keyMissedListeners.add(listener);
    return () => this.#keyMissedListeners.delete(listener);
  }

  onRejected(listener: (reason: RejectReason, total: number) => void): () => void {
    this.#rejectListeners.add(listener);
    return () => this.#rejectListeners.delete(listener);
  }

  /**
   * Seals and sends to everyone, or to the given identities. A control message is signed
   * first; without the host's signing key it cannot be sent at all.
   */
  async send<T extends MessageType>(
    type: T,
    body: MessageBody<T>,
    options: { to?: string[]; attachment?: Uint8Array } = {},
  ): Promise<void> {
    const { room, keys, sign } = this.#options;
    const spec = messageTypes[type];
    const keyIndex = keys.currentIndex;
    const key = keys.messageKey(keyIndex);
    if (!key) throw new Error('no message key');
    // Parsing our own message first means a bug here never sends what receivers drop.
    const bodyBytes = encoder.encode(JSON.stringify(spec.schema.parse(body)));
    const header: Header = {
      f: room.localParticipant.identity,
      t: type,
      s: this.session,
      n: (this.#counter += 1),
      k: keyIndex,
      i: toBase64Url(crypto.getRandomValues(new Uint8Array(12))),
    };
    const aad = associatedData(room.name, header);
    let signature = new Uint8Array(0);
    if (spec.signed !== 'never') {
      if (!sign) {
        if (spec.signed === 'always') throw new Error(`${type} needs the host's signature`);
      } else {
        signature = new Uint8Array(await sign(signedBytes(aad, bodyBytes)));
      }
    }
    const plaintext = concat([
      u32(bodyBytes.length),
      bodyBytes,
      Uint8Array.of(signature.length),
      signature,
      options.attachment ?? new Uint8Array(0),
    ]);
    const sealed = new Uint8Array(
      await crypto.subtle.encrypt(
        {
          name: 'AES-GCM',
          iv: fromBase64Url(header.i) as Uint8Array<ArrayBuffer>,
          additionalData: encoder.encode(aad),
        },
        key,
        plaintext,
      ),
    );
    const headerBytes = encoder.encode(JSON.stringify(header));
    let envelope = concat([
      Uint8Array.of(1, headerBytes.length >> 8, headerBytes.length & 0xff),
      headerBytes,
      sealed,
    ]);
    if (this.#options.sealEnvelopes) envelope = await this.#sealWhole(envelope, keyIndex);
    if (envelope.length <= PACKET_LIMIT) {
      await room.localParticipant.publishData(envelope, {
        reliable: true,
        topic: SEALED_TOPIC,
        destinationIdentities: options.to,
      });
    } else {
      // The stream's header says nothing: no name, no type, a neutral MIME type.
      const writer = await room.localParticipant.streamBytes({
        topic: SEALED_TOPIC,
        destinationIdentities: options.to,
        totalSize: envelope.length,
        mimeType: 'application/octet-stream',
      });
      await writer.write(envelope);
      await writer.close();
    }
  }

  /** Opens one envelope as it arrived, stamped by the server with `stamped` (exposed for tests). */
  async receive(payload: Uint8Array, stamped: string): Promise<void> {
    const inner = this.#options.sealEnvelopes ? await this.#openWhole(payload) : payload;
    const result = inner instanceof Uint8Array ? await this.#open(inner, stamped) : inner;
    if (result === 'later') {
      this.#pending = this.#pending.filter((p) => p.until > Date.now());
      if (this.#pending.length >= MAX_PENDING) return this.#reject('unopenable');
      this.#pending.push({ payload, from: stamped, until: Date.now() + PENDING_MS });
      this.#pendingTimer ??= setTimeout(() => this.#pendingExpired(), PENDING_MS);
      return;
    }
    if (typeof result === 'string') return this.#reject(result);
    for (const listener of this.#listeners.get(result.type) ?? []) listener(result);
  }

  /** A new key arrived: messages that waited for it open now. */
  async retryPending(): Promise<void> {
    clearTimeout(this.#pendingTimer);
    this.#pendingTimer = undefined;
    const waiting = this.#pending.filter((p) => p.until > Date.now());
    this.#pending = [];
    for (const { payload, from } of waiting) await this.receive(payload, from);
  }

  #pendingExpired(): void {
    this.#pendingTimer = undefined;
    if (this.#pending.length === 0) return;
    this.#pending = [];
    for (const listener of this.#keyMissedListeners) listener();
  }

  dispose(): void {
    clearTimeout(this.#pendingTimer);
    this.#keyMissedListeners.clear();
    this.#disposers.forEach((dispose) => dispose());
    this.#disposers = [];
    this.#listeners.clear();
    this.#rejectListeners.clear();
  }

  #reject(reason: RejectReason): void {
    this.#rejected += 1;
    for (const listener of this.#rejectListeners) listener(reason, this.#rejected);
  }

  async #sealWhole(
    envelope: Uint8Array<ArrayBuffer>,
    keyIndex: number,
  ): Promise<Uint8Array<ArrayBuffer>> {
    const key = this.#options.keys.envelopeKey(keyIndex);
    if (!key) throw new Error('no envelope key');
    const nonce = crypto.getRandomValues(new Uint8Array(12));
    const sealed = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: nonce, additionalData: outerData(this.#options.room.name, keyIndex) },
      key,
      envelope,
    );
    return concat([Uint8Array.of(OUTER_VERSION), u32(keyIndex), nonce, new Uint8Array(sealed)]);
  }

  /** The envelope inside a whole seal; anything not sealed so is refused. */
  async #openWhole(payload: Uint8Array): Promise<Uint8Array | RejectReason | 'later'> {
    if (payload.length <= OUTER_PREFIX + 16 || payload[0] !== OUTER_VERSION) return 'malformed';
    const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
    const keyIndex = view.getUint32(1);
    const { keys, room } = this.#options;
    const key = keys.envelopeKey(keyIndex);
    if (!key) return keyIndex > keys.currentIndex ? 'later' : 'unopenable';
    try {
      return new Uint8Array(
        await crypto.subtle.decrypt(
          {
            name: 'AES-GCM',
            iv: new Uint8Array(payload.subarray(5, OUTER_PREFIX)),
            additionalData: outerData(room.name, keyIndex),
          },
          key,
          new Uint8Array(payload.subarray(OUTER_PREFIX)),
        ),
      );
    } catch {
      return 'unopenable';
    }
  }

  async #open(
    payload: Uint8Array,
    stamped: string,
  ): Promise<Received<MessageType> | RejectReason | 'later'> {
    if (payload.length < 4 || payload.length > MAX_ENVELOPE_BYTES || payload[0] !== 1) {
      return 'malformed';
    }
    const headerLength = ((payload[1] ?? 0) << 8) | (payload[2] ?? 0);
    if (headerLength > MAX_HEADER_BYTES || 3 + headerLength >= payload.length) return 'malformed';
    let header: Header;
    try {
      header = JSON.parse(decoder.decode(payload.subarray(3, 3 + headerLength))) as Header;
    } catch {
      return 'malformed';
    }
    if (
      typeof header !== 'object' ||
      header === null ||
      typeof header.f !== 'string' ||
      !/^[A-Za-z0-9_-]{1,64}$/.test(header.f) ||
      typeof header.t !== 'string' ||
      !Object.hasOwn(messageTypes, header.t) ||
      typeof header.s !== 'string' ||
      !/^[A-Za-z0-9_-]{16}$/.test(header.s) ||
      !Number.isSafeInteger(header.n) ||
      header.n < 1 ||
      !Number.isSafeInteger(header.k) ||
      header.k < 0 ||
      typeof header.i !== 'string' ||
      fromBase64Url(header.i)?.length !== 12
    ) {
      return 'malformed';
    }
    const type = header.t as MessageType;
    const { keys, room, acceptHiddenSenders } = this.#options;
    // A sender the server names must be the sender the seal names; an unnamed one is
    // accepted only where hidden guests speak (the host's side of the waiting room).
    if (stamped ? stamped !== header.f : !acceptHiddenSenders) return 'unopenable';
    const from = header.f;
    const key = keys.messageKey(header.k);
    if (!key) return header.k > keys.currentIndex ? 'later' : 'unopenable';
    const aad = associatedData(room.name, header);
    let plaintext: Uint8Array;
    try {
      plaintext = new Uint8Array(
        await crypto.subtle.decrypt(
          {
            name: 'AES-GCM',
            iv: fromBase64Url(header.i) as Uint8Array<ArrayBuffer>,
            additionalData: encoder.encode(aad),
          },
          key,
          new Uint8Array(payload.subarray(3 + headerLength)),
        ),
      );
    } catch {
      return 'unopenable';
    }
    if (!this.#replay.accept(from, header.s, header.n)) return 'replayed';

    if (plaintext.length < 5) return 'malformed';
    const view = new DataView(plaintext.buffer, plaintext.byteOffset, plaintext.byteLength);
    const bodyLength = view.getUint32(0);
    if (4 + bodyLength + 1 > plaintext.length) return 'malformed';
    const bodyBytes = plaintext.subarray(4, 4 + bodyLength);
    const signatureLength = plaintext[4 + bodyLength] ?? 0;
    const signatureStart = 5 + bodyLength;
    if (signatureStart + signatureLength > plaintext.length) return 'malformed';
    const signature = plaintext.subarray(signatureStart, signatureStart + signatureLength);
    const attachment = plaintext.subarray(signatureStart + signatureLength);

    const spec = messageTypes[type];
    let body: unknown;
    try {
      body = spec.schema.parse(JSON.parse(decoder.decode(bodyBytes)));
    } catch {
      return 'malformed';
    }
    let signed = false;
    if (signature.length > 0) {
      if (spec.signed === 'never' || !(await this.#verify(aad, bodyBytes, signature))) {
        return 'unsigned';
      }
      signed = true;
    } else if (spec.signed === 'always') {
      return 'unsigned';
    }
    if (!spec.attachment && attachment.length > 0) return 'malformed';
    return {
      type,
      body: body as MessageBody<MessageType>,
      from,
      signed,
      session: header.s,
      counter: header.n,
      attachment: spec.attachment ? attachment : null,
    };
  }

  async #verify(aad: string, body: Uint8Array, signature: Uint8Array): Promise<boolean> {
    if (signature.length !== 64) return false;
    try {
      return await crypto.subtle.verify(
        { name: 'ECDSA', hash: 'SHA-256' },
        await this.#hostKey,
        new Uint8Array(signature),
        signedBytes(aad, body),
      );
    } catch {
      return false;
    }
  }
}
