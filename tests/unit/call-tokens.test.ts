import { TokenVerifier } from 'livekit-server-sdk';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenIdentity, tokenTakesPart } from '../../src-shared/base64url';
import {
  doorGrant,
  mintJoinToken,
  mintToken,
  participantGrant,
  waitingGuestGrant,
  waitingHostGrant,
} from '../../src-main/services/call-tokens';

const credentials = {
  apiKey: 'APItestkey',
  apiSecret: 'test-secret-0123456789abcdefghijklmnopqrstuvwxyz',
};
const roomName = 'AbCdEfGhIjKlMnOpQr_-09';
const verifier = new TokenVerifier(credentials.apiKey, credentials.apiSecret);
const frozenNow = Date.UTC(2030, 0, 15, 9, 30, 0);

// A frozen clock makes exp, nbf and expiresAt exact; TokenVerifier uses the same clock.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: frozenNow });
});
afterEach(() => {
  vi.useRealTimers();
});

async function mint(validSeconds = 600) {
  const minted = await mintJoinToken(credentials, roomName, validSeconds);
  return { minted, claims: await verifier.verify(minted.token) };
}

const grants = [
  ['participantGrant', participantGrant],
  ['doorGrant', doorGrant],
  ['waitingGuestGrant', waitingGuestGrant],
  ['waitingHostGrant', waitingHostGrant],
] as const;

describe('grants', () => {
  // What each person may do: in the call everyone has media; in the waiting room nobody
  // does, and guests are hidden so two waiting families never see each other.
  it.each([
    [
      'participantGrant',
      participantGrant,
      { canPublish: true, canPublishData: true, hidden: false },
    ],
    [
      'waitingGuestGrant',
      waitingGuestGrant,
      { canPublish: false, canPublishData: true, hidden: true },
    ],
    [
      'waitingHostGrant',
      waitingHostGrant,
      { canPublish: false, canPublishData: true, hidden: false },
    ],
  ] as const)('%s allows exactly %j in one room', (_name, grant, expected) => {
    expect(grant(roomName)).toMatchObject({
      room: roomName,
      roomJoin: true,
      canSubscribe: true,
      canUpdateOwnMetadata: false,
      ...expected,
    });
  });

  it.each(grants)('%s grants no administrative power', (_name, makeGrant) => {
    const grant = makeGrant(roomName) as Record<string, unknown>;
    for (const power of [
      'roomAdmin',
      'roomCreate',
      'roomList',
      'roomRecord',
      'recorder',
      'ingressAdmin',
      'agent',
      'canUpdateOwnMetadata',
      'destinationRoom',
    ]) {
      expect(grant[power], power).toBeFalsy();
    }
    // No room but the one it was made for; no track source allow-list that could widen it.
    expect(Object.keys(grant)).not.toContain('canPublishSources');
  });
});

describe('doorGrant', () => {
  it('lets a knocking guest into the call room hidden, and nothing else', () => {
    expect(doorGrant(roomName)).toMatchObject({
      room: roomName,
      roomJoin: true,
      hidden: true,
      canPublish: false,
      canSubscribe: false,
      canPublishData: false,
      canUpdateOwnMetadata: false,
    });
  });
});

describe('mintToken', () => {
  it.each(grants)('carries the %s unchanged, signed', async (_name, makeGrant) => {
    const minted = await mintToken(credentials, makeGrant(roomName), 600);
    const claims = await verifier.verify(minted.token);
    expect(claims.video).toStrictEqual(makeGrant(roomName));
    expect(claims.sub).toBe(minted.identity);
    expect(Object.keys(claims).sort()).toEqual(['exp', 'iss', 'nbf', 'sub', 'video']);
  });

  it('gives each token of the same grant its own identity', async () => {
    const identities = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const minted = await mintToken(credentials, waitingGuestGrant(roomName), 600);
        return minted.identity;
      }),
    );
    expect(new Set(identities).size).toBe(12);
  });

  it('mints for a given identity (a door let in keeps its identity)', async () => {
    const first = await mintToken(credentials, doorGrant(roomName), 60);
    const again = await mintToken(credentials, participantGrant(roomName), 60, first.identity);
    expect(again.identity).toBe(first.identity);
    expect((await verifier.verify(again.token)).sub).toBe(first.identity);
  });
});

describe('reading a token on the page (tokenIdentity, tokenTakesPart)', () => {
  it('tells a call token from a door or waiting-room token, and reads its identity', async () => {
    const call = await mintToken(credentials, participantGrant(roomName), 60);
    expect(tokenTakesPart(call.token)).toBe(true);
    expect(tokenIdentity(call.token)).toBe(call.identity);
    for (const grant of [doorGrant, waitingGuestGrant, waitingHostGrant]) {
      expect(tokenTakesPart((await mintToken(credentials, grant(roomName), 60)).token)).toBe(false);
    }
  });

  it('answers no for anything that is not a token', () => {
    for (const junk of ['', 'a.b', 'x.%%%.y', 'a.bm90IGpzb24.c', 'a.W10.c']) {
      expect(tokenTakesPart(junk)).toBe(false);
      expect(tokenIdentity(junk)).toBeNull();
    }
  });
});

describe('mintJoinToken', () => {
  it('signs a token the server secret verifies, carrying the minimal grant', async () => {
    const { claims } = await mint();
    expect(claims.iss).toBe(credentials.apiKey);
    expect(claims.video).toStrictEqual(participantGrant(roomName));
  });

  it('carries no name, metadata or attributes, so the server learns nothing about the person', async () => {
    const { claims } = await mint();
    const payload = claims as Record<string, unknown>;
    for (const claim of ['name', 'metadata', 'attributes']) {
      expect([undefined, '', null, {}], claim).toContainEqual(payload[claim]);
    }
    // Nothing beyond the standard claims and the video grant.
    expect(Object.keys(payload).sort()).toEqual(['exp', 'iss', 'nbf', 'sub', 'video']);
  });

  it('uses a random 22-character identity, new for every token', async () => {
    const first = await mint();
    const second = await mint();
    expect(first.claims.sub).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(first.claims.sub).toBe(first.minted.identity);
    expect(second.claims.sub).not.toBe(first.claims.sub);
  });

  it.each([[5 * 60], [10 * 60], [7 * 24 * 60 * 60]])(
    'a token asked for %i s is valid for exactly that long',
    async (seconds) => {
      const { minted, claims } = await mint(seconds);
      const nowSeconds = Math.floor(frozenNow / 1000);
      expect(claims.nbf).toBe(nowSeconds);
      expect(claims.exp).toBe(nowSeconds + seconds);
      // What the app shows as expiry is what the server enforces.
      expect(minted.expiresAt).toBe(claims.exp);
    },
  );

  it('is refused once its validity (plus the verifier tolerance) has passed', async () => {
    const { minted } = await mint(600);
    vi.setSystemTime(frozenNow + 599_000);
    await expect(verifier.verify(minted.token)).resolves.toMatchObject({ sub: minted.identity });
    vi.setSystemTime(frozenNow + 600_000 + 11_000);
    await expect(verifier.verify(minted.token)).rejects.toThrow();
  });

  it.each([
    [
      'another secret',
      new TokenVerifier(credentials.apiKey, 'another-secret-0123456789abcdefghijklmnopqrstuv'),
    ],
    ['another key', new TokenVerifier('APIotherkey', credentials.apiSecret)],
  ])('does not verify with %s', async (_label, other) => {
    const { token } = await mintJoinToken(credentials, roomName, 600);
    await expect(other.verify(token)).rejects.toThrow();
  });
});
