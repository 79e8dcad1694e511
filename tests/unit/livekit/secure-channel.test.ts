/**
 * The app's own message layer against the acting server it is built for: the "server" in
 * fake-room.ts delivers, but also injects, replays and re-stamps. WebCrypto in Node is the
 * same API as in the browser, and the host's signatures come from main's real signing code.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../../../src-shared/base64url';
import type { MessageType } from '../../../src-renderer/livekit/app-messages';
import {
  envelopeKeyFor,
  messageKeyFor,
  type MessageKeys,
} from '../../../src-renderer/livekit/key-ring';
import {
  SecureChannel,
  type Received,
  type RejectReason,
} from '../../../src-renderer/livekit/secure-channel';
import { newHostSigningKey, signControlMessage } from '../../../src-main/services/host-signing';
import { FakeServer, type FakeRoom } from './fake-room';

const id = (letter: string) => letter.repeat(22);
const roomKey = (fill: number) => toBase64Url(new Uint8Array(32).fill(fill));
const host = newHostSigningKey();
const otherHost = newHostSigningKey();

async function keysFor(
  key: string,
  index = 0,
): Promise<MessageKeys & { add(k: string, i: number): Promise<void> }> {
  const pair = async (k: string) => ({
    message: await messageKeyFor(k),
    envelope: await envelopeKeyFor(k),
  });
  const map = new Map([[index, await pair(key)]]);
  const keys = {
    currentIndex: index,
    messageKey: (i: number) => map.get(i)?.message,
    envelopeKey: (i: number) => map.get(i)?.envelope,
    async add(k: string, i: number) {
      map.set(i, await pair(k));
      keys.currentIndex = i;
    },
  };
  return keys;
}

const signAs = (privateKey: string) => async (payload: Uint8Array) =>
  fromBase64Url(signControlMessage(privateKey, payload)) as Uint8Array;

interface Peer {
  room: FakeRoom;
  channel: SecureChannel;
  keys: Awaited<ReturnType<typeof keysFor>>;
}

async function peer(
  server: FakeServer,
  identity: string,
  options: {
    key?: string;
    signWith?: string;
    hidden?: boolean;
    acceptHidden?: boolean;
    sealEnvelopes?: boolean;
  } = {},
): Promise<Peer> {
  const room = server.join(identity, { hidden: options.hidden });
  const keys = await keysFor(options.key ?? roomKey(1));
  const channel = new SecureChannel({
    room: room.asRoom,
    keys,
    hostPublicKey: host.publicKey,
    sign: options.signWith ? signAs(options.signWith) : undefined,
    acceptHiddenSenders: options.acceptHidden,
    sealEnvelopes: options.sealEnvelopes,
  });
  return { room, channel, keys };
}

function next<T extends MessageType>(channel: SecureChannel, type: T): Promise<Received<T>> {
  return new Promise((resolve) => {
    const stop = channel.on(type, (message) => {
      stop();
      resolve(message);
    });
  });
}

function rejection(channel: SecureChannel): Promise<RejectReason> {
  return new Promise((resolve) => {
    const stop = channel.onRejected((reason) => {
      stop();
      resolve(reason);
    });
  });
}

describe('sealed messages between people holding the room key', () => {
  it('arrive with the checked sender, once', async () => {
    const server = new FakeServer();
    const anna = await peer(server, id('A'));
    const bert = await peer(server, id('B'));
    const got = next(bert.channel, 'chat');
    await anna.channel.send('chat', { text: 'Hallo' });
    const message = await got;
    expect(message).toMatchObject({ from: id('A'), body: { text: 'Hallo' }, signed: false });

    // The server hands the very same packet over again: it opens once only.
    const replayed = rejection(bert.channel);
    server.stamp(bert.room, anna.room.sent[0]!.payload, id('A'));
    expect(await replayed).toBe('replayed');
    expect(bert.channel.rejected).toBe(1);
  });

  it('say nothing to the server: no name, no text, no type in the clear', async () => {
    const server = new FakeServer();
    const anna = await peer(server, id('A'));
    await peer(server, id('B'));
    await anna.channel.send('hello', { name: 'Frau Özdemir', consent: [] });
    await anna.channel.send('chat', { text: 'Termin beim Jobcenter' });
    const wire = new TextDecoder().decode(
      Uint8Array.from(anna.room.sent.flatMap((sent) => [...sent.payload])),
    );
    expect(wire).not.toContain('Özdemir');
    expect(wire).not.toContain('Jobcenter');
  });

  it('refuse a packet the server puts in someone else’s name', async () => {
    const server = new FakeServer();
    const anna = await peer(server, id('A'));
    const bert = await peer(server, id('B'));
    const carl = await peer(server, id('C'));
    await anna.channel.send('chat', { text: 'von Anna' }, { to: [id('B')] });
    const refused = rejection(carl.channel);
    // Anna's sealed packet, re-stamped as Bert's, to Carl.
    server.stamp(carl.room, anna.room.sent[0]!.payload, id('B'));
    expect(await refused).toBe('unopenable');
    void bert;
  });

  it('refuse a tampered packet, a changed type and a packet sealed with another key', async () => {
    const server = new FakeServer();
    const anna = await peer(server, id('A'));
    const bert = await peer(server, id('B'));
    const stranger = await peer(server, id('S'), { key: roomKey(9) });
    await anna.channel.send('chat', { text: 'x' }, { to: [id('S')] });
    const original = anna.room.sent[0]!.payload;

    const flipped = Uint8Array.from(original);
    flipped[flipped.length - 3]! ^= 0x01;
    let refused = rejection(bert.channel);
    server.stamp(bert.room, flipped, id('A'));
    expect(await refused).toBe('unopenable');

    // Calling the chat line a ping changes what it is bound to: it no longer opens.
    const text = new TextDecoder('latin1').decode(original);
    const retyped = Uint8Array.from(text.replace('"t":"chat"', '"t":"ping"'), (c) =>
      c.charCodeAt(0),
    );
    expect(retyped).not.toEqual(original);
    refused = rejection(bert.channel);
    server.stamp(bert.room, retyped, id('A'));
    expect(await refused).toBe('unopenable');

    // Someone with a wrong key (a stranger with a self-made token) is never heard.
    refused = rejection(bert.channel);
    await stranger.channel.send('chat', { text: 'fremd' }, { to: [id('B')] });
    expect(await refused).toBe('unopenable');
    // …and hears nothing: Anna's line did not open for them.
    expect(stranger.channel.rejected).toBe(1);
  });

  it('refuse an unencrypted packet, whatever it says', async () => {
    const server = new FakeServer();
    const bert = await peer(server, id('B'));
    const refused = rejection(bert.channel);
    server.stamp(
      bert.room,
      new TextEncoder().encode(JSON.stringify({ type: 'rekey', key: roomKey(5), index: 9 })),
      id('H'),
    );
    expect(await refused).toBe('malformed');
  });

  it('keep a packet under a newer key until the key arrives', async () => {
    const server = new FakeServer();
    const anna = await peer(server, id('A'));
    const bert = await peer(server, id('B'));
    await anna.keys.add(roomKey(2), 1);
    await anna.channel.send('chat', { text: 'neuer Schlüssel' });
    // Bert has not followed the key change yet: nothing shown, nothing refused.
    const got = next(bert.channel, 'chat');
    await bert.keys.add(roomKey(2), 1);
    await bert.channel.retryPending();
    expect((await got).body.text).toBe('neuer Schlüssel');
  });

  it('carry large payloads as byte streams, sealed and signed the same way', async () => {
    const server = new FakeServer();
    const h = await peer(server, id('H'), { signWith: host.privateKey });
    const bert = await peer(server, id('B'));
    // About 61 kB: more than one data packet carries, less than a signature covers.
    const outcomes = {
      goals: Array.from({ length: 20 }, () => '€'.repeat(500)),
      steps: Array.from({ length: 20 }, () => ({ who: 'Maria', what: '€'.repeat(500), due: '' })),
      nextAppointment: '',
    };
    const got = next(bert.channel, 'outcomes');
    await h.channel.send('outcomes', { version: 'v'.repeat(43), outcomes, shownTo: [id('B')] });
    expect(h.room.sent).toHaveLength(0); // not a data packet
    const message = await got;
    expect(message.signed).toBe(true);
    expect(message.body.outcomes.goals[19]).toBe('€'.repeat(500));
    expect(message.body.outcomes.steps[19]?.what).toBe('€'.repeat(500));
  });
});

describe('control messages need the host’s signature', () => {
  it('the host’s signed key change is accepted, and marked signed', async () => {
    const server = new FakeServer();
    const h = await peer(server, id('H'), { signWith: host.privateKey });
    const guest = await peer(server, id('G'));
    const got = next(guest.channel, 'end');
    await h.channel.send('end', {});
    expect(await got).toMatchObject({ from: id('H'), signed: true });
  });

  it('a guest who holds the room key cannot send one', async () => {
    const server = new FakeServer();
    const guest = await peer(server, id('G'));
    await peer(server, id('O'));
    await expect(guest.channel.send('end', {})).rejects.toThrow(/signature/);
  });

  it('a signature by another key, or over other words, is refused', async () => {
    const server = new FakeServer();
    const forger = await peer(server, id('F'), { signWith: otherHost.privateKey });
    const guest = await peer(server, id('G'));
    const refused = rejection(guest.channel);
    await forger.channel.send('rekey', {
      index: 3,
      ecdh: toBase64Url(Uint8Array.from([4, ...new Array<number>(64).fill(1)])),
      boxes: [],
      removed: [id('G')],
    });
    expect(await refused).toBe('unsigned');
  });

  it('a signature on a message that takes none is refused too', async () => {
    const server = new FakeServer();
    const h = await peer(server, id('H'), { signWith: host.privateKey });
    const guest = await peer(server, id('G'));
    // The host signs its hello (optional), never a chat line: a signed chat is not believed.
    const hello = next(guest.channel, 'hello');
    await h.channel.send('hello', { name: 'Frau Berger', consent: [] });
    expect((await hello).signed).toBe(true);
    const chat = next(guest.channel, 'chat');
    await h.channel.send('chat', { text: 'unsigniert' });
    expect((await chat).signed).toBe(false);
  });
});

describe('hidden waiting guests', () => {
  it('are heard by their claim only where the channel allows it', async () => {
    const server = new FakeServer();
    const guest = await peer(server, id('W'), { hidden: true });
    const lobbyHost = await peer(server, id('H'), {
      signWith: host.privateKey,
      acceptHidden: true,
    });
    const otherGuest = await peer(server, id('V'), { hidden: true });
    const got = next(lobbyHost.channel, 'ping');
    const refused = rejection(otherGuest.channel);
    await guest.channel.send('ping', {});
    expect((await got).from).toBe(id('W'));
    expect(await refused).toBe('unopenable');
  });
});

describe('a room whose packets LiveKit does not encrypt (the waiting room)', () => {
  const sealed = { sealEnvelopes: true };

  it('carries messages sealed whole: no type, no sender, no header in the clear', async () => {
    const server = new FakeServer();
    const guest = await peer(server, id('W'), { ...sealed, hidden: true });
    const lobbyHost = await peer(server, id('H'), {
      ...sealed,
      signWith: host.privateKey,
      acceptHidden: true,
    });
    const got = next(lobbyHost.channel, 'knock');
    const guestKey = toBase64Url(Uint8Array.from([4, ...new Array<number>(64).fill(7)]));
    const iv = toBase64Url(new Uint8Array(12));
    await guest.channel.send('knock', { guestKey, iv, box: toBase64Url(new Uint8Array(40)) });
    expect((await got).from).toBe(id('W'));

    const wire = new TextDecoder('latin1').decode(guest.room.sent[0]!.payload);
    for (const clear of ['knock', id('W'), guest.channel.session, '"t"', guestKey]) {
      expect(wire).not.toContain(clear);
    }
  });

  it('refuses an envelope sealed only the usual way, and one under another key', async () => {
    const server = new FakeServer();
    const plain = await peer(server, id('P'));
    const stranger = await peer(server, id('S'), { ...sealed, key: roomKey(9) });
    const lobbyHost = await peer(server, id('H'), { ...sealed, signWith: host.privateKey });
    // Right room key, but the header in the clear: not what this room accepts.
    let refused = rejection(lobbyHost.channel);
    await plain.channel.send('ping', {}, { to: [id('H')] });
    expect(await refused).toBe('malformed');
    refused = rejection(lobbyHost.channel);
    await stranger.channel.send('ping', {}, { to: [id('H')] });
    expect(await refused).toBe('unopenable');
  });

  it('refuses a tampered or replayed envelope', async () => {
    const server = new FakeServer();
    const anna = await peer(server, id('A'), sealed);
    const bert = await peer(server, id('B'), sealed);
    const got = next(bert.channel, 'ping');
    await anna.channel.send('ping', {});
    await got;
    const original = anna.room.sent[0]!.payload;
    let refused = rejection(bert.channel);
    server.stamp(bert.room, original, id('A'));
    expect(await refused).toBe('replayed');
    const flipped = Uint8Array.from(original);
    flipped[10]! ^= 0x01;
    refused = rejection(bert.channel);
    server.stamp(bert.room, flipped, id('A'));
    expect(await refused).toBe('unopenable');
  });
});

describe('whatever bytes arrive', () => {
  it('never throws and never delivers', async () => {
    const server = new FakeServer();
    const bert = await peer(server, id('B'));
    const lobbyHost = await peer(server, id('H'), { sealEnvelopes: true, acceptHidden: true });
    let delivered = 0;
    for (const type of ['hello', 'chat', 'rekey', 'end', 'knock'] as const) {
      bert.channel.on(type, () => (delivered += 1));
      lobbyHost.channel.on(type, () => (delivered += 1));
    }
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 600 }),
        fc.constantFrom('', id('A'), id('H')),
        async (bytes, stamped) => {
          await bert.channel.receive(bytes, stamped);
          // Version 2 with key index 0 first, so that the fuzz reaches the seal itself.
          await lobbyHost.channel.receive(Uint8Array.from([2, 0, 0, 0, 0, ...bytes]), stamped);
        },
      ),
      { numRuns: 300 },
    );
    // Headers that parse but whose seal is garbage.
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          f: fc.constantFrom(id('A'), 'x'),
          t: fc.constantFrom('chat', 'hello', 'end', '__proto__', 'constructor'),
          s: fc.string({ maxLength: 20 }),
          n: fc.integer(),
          k: fc.integer({ min: -2, max: 3 }),
          i: fc.constantFrom(toBase64Url(new Uint8Array(12)), 'x'),
        }),
        fc.uint8Array({ maxLength: 100 }),
        async (header, body) => {
          const headerBytes = new TextEncoder().encode(JSON.stringify(header));
          const envelope = Uint8Array.from([
            1,
            headerBytes.length >> 8,
            headerBytes.length & 0xff,
            ...headerBytes,
            ...body,
          ]);
          await bert.channel.receive(envelope, id('A'));
        },
      ),
      { numRuns: 300 },
    );
    expect(delivered).toBe(0);
    expect(bert.channel.rejected).toBe(600);
  });
});
