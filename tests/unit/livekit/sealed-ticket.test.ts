import { describe, expect, it } from 'vitest';
import { toBase64Url } from '../../../src-shared/base64url';
import { newOneTimeKey, openFrom, sealTo } from '../../../src-renderer/livekit/sealed-box';
import {
  openDoor,
  openTicket,
  sealDoor,
  sealTicket,
  type CallTicket,
} from '../../../src-renderer/livekit/sealed-ticket';

// WebCrypto is the same API in Node 20 as in the browser, so this runs the real thing.
const ticket: CallTicket = {
  serverUrl: 'wss://lk.example',
  token: 'header.payload.signature',
  key: toBase64Url(new Uint8Array(32).fill(7)),
  keyIndex: 2,
  hostPublicKey: toBase64Url(Uint8Array.from([4, ...new Array<number>(64).fill(3)])),
};
const guestId = 'G'.repeat(22);

describe('the ticket into the call, sealed to one waiting guest', () => {
  it('opens only with the one-time key, and for the identity, it was sealed to', async () => {
    const guest = await newOneTimeKey();
    const other = await newOneTimeKey();
    const sealed = await sealTicket(ticket, guest.publicKey, guestId);
    expect(await openTicket(guest, guestId, sealed)).toEqual(ticket);
    // Another waiting guest (who holds the same waiting-room key) learns nothing.
    expect(await openTicket(other, guestId, sealed)).toBeNull();
    // Handed to another identity (the server re-addressing it), it does not open.
    expect(await openTicket(guest, 'X'.repeat(22), sealed)).toBeNull();
    expect(JSON.stringify(sealed)).not.toContain(ticket.key);
    expect(JSON.stringify(sealed)).not.toContain('lk.example');
  });

  it('refuses a tampered ticket', async () => {
    const guest = await newOneTimeKey();
    const sealed = await sealTicket(ticket, guest.publicKey, guestId);
    const flipped =
      sealed.sealed.slice(0, 10) +
      (sealed.sealed[10] === 'A' ? 'B' : 'A') +
      sealed.sealed.slice(11);
    expect(await openTicket(guest, guestId, { ...sealed, sealed: flipped })).toBeNull();
    expect(
      await openTicket(guest, guestId, { ...sealed, iv: toBase64Url(new Uint8Array(12)) }),
    ).toBeNull();
    expect(await openTicket(guest, guestId, { ...sealed, hostPublicKey: 'AAAA' })).toBeNull();
  });

  it('carries who the host is in the call, and only a well-formed identity and name', async () => {
    const guest = await newOneTimeKey();
    const withHost: CallTicket = {
      ...ticket,
      host: { identity: 'H'.repeat(22), name: 'Frau Berger' },
    };
    const sealed = await sealTicket(withHost, guest.publicKey, guestId);
    expect(await openTicket(guest, guestId, sealed)).toEqual(withHost);
    expect(JSON.stringify(sealed)).not.toContain('Berger');
    for (const host of [
      { identity: 'H'.repeat(22), name: ' ' },
      { identity: 'H'.repeat(22), name: 'x'.repeat(61) },
      { identity: 'not an identity', name: 'Frau Berger' },
    ]) {
      await expect(sealTicket({ ...ticket, host }, guest.publicKey, guestId)).rejects.toThrow();
    }
  });

  it('seals each time with a fresh host key, so two tickets never look alike', async () => {
    const guest = await newOneTimeKey();
    const a = await sealTicket(ticket, guest.publicKey, guestId);
    const b = await sealTicket(ticket, guest.publicKey, guestId);
    expect(a.hostPublicKey).not.toBe(b.hostPublicKey);
    expect(a.sealed).not.toBe(b.sealed);
  });
});

describe('the door into the call, sealed to one knocking guest', () => {
  const door = { serverUrl: 'wss://lk.example', token: 'door.payload.signature' };

  it('opens only for her key and identity, and never as a ticket (nor a ticket as a door)', async () => {
    const guest = await newOneTimeKey();
    const other = await newOneTimeKey();
    const sealed = await sealDoor(door, guest.publicKey, guestId);
    expect(await openDoor(guest, guestId, sealed)).toEqual(door);
    expect(await openDoor(other, guestId, sealed)).toBeNull();
    expect(await openDoor(guest, 'X'.repeat(22), sealed)).toBeNull();
    expect(await openTicket(guest, guestId, sealed)).toBeNull();
    expect(
      await openDoor(guest, guestId, await sealTicket(ticket, guest.publicKey, guestId)),
    ).toBeNull();
    expect(JSON.stringify(sealed)).not.toContain('lk.example');
  });

  it('carries a server and a token only: no key, and no server the app would not use', async () => {
    const guest = await newOneTimeKey();
    await expect(
      sealDoor({ ...door, key: ticket.key } as typeof door, guest.publicKey, guestId),
    ).rejects.toThrow();
    await expect(
      sealDoor({ ...door, serverUrl: 'ws://lk.example' }, guest.publicKey, guestId),
    ).rejects.toThrow();
  });
});

describe('a box sealed to a one-time key', () => {
  it('opens only for the same purpose and context', async () => {
    const host = await newOneTimeKey();
    const guest = await newOneTimeKey();
    const secret = new TextEncoder().encode('Maria');
    const box = await sealTo(guest.keyPair.privateKey, host.publicKey, 'knock', secret, guestId);
    const open = (purpose: 'knock' | 'rekey', context: string) =>
      openFrom(host.keyPair.privateKey, guest.publicKey, purpose, box, context);
    expect(new TextDecoder().decode((await open('knock', guestId)) ?? new Uint8Array())).toBe(
      'Maria',
    );
    expect(await open('rekey', guestId)).toBeNull();
    expect(await open('knock', 'X'.repeat(22))).toBeNull();
    expect(await openFrom(host.keyPair.privateKey, 'not-a-key', 'knock', box, guestId)).toBeNull();
  });
});
