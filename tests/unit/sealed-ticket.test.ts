import { describe, expect, it } from 'vitest';
import { toBase64Url } from '../../src-shared/base64url';
import { RoomMessage } from '../../src-renderer/livekit/room-messages';
import {
  newGuestKeyPair,
  openTicket,
  sealTicket,
  type CallTicket,
} from '../../src-renderer/livekit/sealed-ticket';

// WebCrypto is the same API in Node 20 as in the browser, so this runs the real thing.
const ticket: CallTicket = {
  serverUrl: 'wss://lk.example',
  token: 'header.payload.signature',
  key: toBase64Url(new Uint8Array(32).fill(7)),
  keyIndex: 2,
  hostIdentity: 'H'.repeat(22),
};

describe('the ticket into the call, sealed to one waiting guest', () => {
  it('opens only with the guest key pair it was sealed to', async () => {
    const guest = await newGuestKeyPair();
    const other = await newGuestKeyPair();
    const sealed = await sealTicket(ticket, guest.publicKey);
    expect(await openTicket(guest.keyPair, sealed)).toEqual(ticket);
    // Another waiting guest (who holds the same waiting-room key) learns nothing.
    expect(await openTicket(other.keyPair, sealed)).toBeNull();
    expect(JSON.stringify(sealed)).not.toContain(ticket.key);
    expect(JSON.stringify(sealed)).not.toContain('lk.example');
  });

  it('refuses a tampered ticket', async () => {
    const guest = await newGuestKeyPair();
    const sealed = await sealTicket(ticket, guest.publicKey);
    const flipped =
      sealed.sealed.slice(0, 10) +
      (sealed.sealed[10] === 'A' ? 'B' : 'A') +
      sealed.sealed.slice(11);
    expect(await openTicket(guest.keyPair, { ...sealed, sealed: flipped })).toBeNull();
    expect(
      await openTicket(guest.keyPair, { ...sealed, iv: toBase64Url(new Uint8Array(12)) }),
    ).toBeNull();
    expect(await openTicket(guest.keyPair, { ...sealed, hostPublicKey: 'AAAA' })).toBeNull();
  });

  it('seals each time with a fresh host key, so two tickets never look alike', async () => {
    const guest = await newGuestKeyPair();
    const a = await sealTicket(ticket, guest.publicKey);
    const b = await sealTicket(ticket, guest.publicKey);
    expect(a.hostPublicKey).not.toBe(b.hostPublicKey);
    expect(a.sealed).not.toBe(b.sealed);
  });
});

describe('messages inside a room', () => {
  it.each([
    [{ type: 'knock', identity: 'A'.repeat(22), name: 'Maria', publicKey: 'abc' }, true],
    [{ type: 'knock', identity: 'short', name: 'Maria', publicKey: 'abc' }, false],
    [{ type: 'knock', identity: 'A'.repeat(22), name: '', publicKey: 'abc' }, false],
    [{ type: 'knock', identity: 'A'.repeat(22), name: 'x'.repeat(61), publicKey: 'abc' }, false],
    [{ type: 'hello', name: 'Frau Berger', consent: [] }, true],
    [{ type: 'hello', name: 'Frau Berger' }, false],
    [
      {
        type: 'hello',
        name: 'Frau Berger',
        consent: [{ purpose: 'camera', state: 'agreed', at: 1 }],
      },
      true,
    ],
    [
      {
        type: 'hello',
        name: 'Frau Berger',
        consent: [{ purpose: 'spying', state: 'agreed', at: 1 }],
      },
      false,
    ],
    [{ type: 'rekey', key: 'k'.repeat(43), index: 1 }, true],
    [{ type: 'rekey', key: 'short', index: 1 }, false],
    [{ type: 'rekey', key: 'k'.repeat(43), index: -1 }, false],
    [{ type: 'admit', hostPublicKey: 'a', iv: 'b', sealed: 'c' }, true],
    [{ type: 'admit', hostPublicKey: 'a/+', iv: 'b', sealed: 'c' }, false],
    [{ type: 'unknown' }, false],
    ['hello', false],
  ])('%j is accepted: %s', (message, accepted) => {
    expect(RoomMessage.safeParse(message).success).toBe(accepted);
  });
});
