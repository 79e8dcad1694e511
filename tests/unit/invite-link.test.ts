/**
 * The invite link parser meets links a person pasted, a mail client mangled or someone
 * crafted. Property tests over random and mutated links: it always answers with an invite
 * or one of three problems, never throws, and honours the token's expiry to the second.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APP_LINK_PREFIX,
  INVITE_VERSION,
  formatInviteLink,
  inviteFragment,
  isRoomKey,
  parseInviteFragment,
  parseInviteUrl,
  type Invite,
  type ParsedInvite,
} from '../../src-shared/invite-link';

const NOW = 1_800_000_000;
const b64 = (data: string | Uint8Array) => Buffer.from(data).toString('base64url');

/** A JWT-shaped token, `header.payload.signature`, each part base64url. */
function jwt(claims: unknown, signature = 'c2lnbmF0dXJl'): string {
  return [
    b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' })),
    b64(JSON.stringify(claims)),
    signature,
  ].join('.');
}

const KEY = b64(new Uint8Array(32).fill(7));
const SERVER = 'wss://lk.example.org';
const TOKEN = jwt({ exp: NOW + 3600, sub: 'x', video: { room: 'r', roomJoin: true } });
const HOST_KEY = b64(Uint8Array.from([4, ...new Array<number>(64).fill(9)]));
const PAYLOAD = {
  serverUrl: SERVER,
  waitingToken: TOKEN,
  waitingKey: KEY,
  hostPublicKey: HOST_KEY,
};
const WEB_LINK = formatInviteLink('https://guest.example/join/', PAYLOAD);
const APP_LINK = formatInviteLink(APP_LINK_PREFIX, PAYLOAD);

const problems = ['link-malformed', 'link-expired', 'link-unsupported'];

/** The result is one of the two typed shapes, and an invite is always a usable one. */
function expectTyped(result: ParsedInvite, now = NOW): void {
  expect(typeof result).toBe('object');
  if (result.ok) {
    expect(Object.keys(result).sort()).toEqual(['invite', 'ok']);
    const { invite } = result;
    expect(Object.keys(invite).sort()).toEqual([
      'expiresAt',
      'hostPublicKey',
      'serverUrl',
      'waitingKey',
      'waitingToken',
    ]);
    expect(invite.serverUrl).toMatch(/^wss?:\/\/[A-Za-z0-9.\-[\]:]+\/?$/);
    expect(invite.waitingToken).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(isRoomKey(invite.waitingKey)).toBe(true);
    expect(Number.isSafeInteger(invite.expiresAt)).toBe(true);
    expect(invite.expiresAt).toBeGreaterThan(now);
  } else {
    expect(Object.keys(result).sort()).toEqual(['ok', 'problem']);
    expect(problems).toContain(result.problem);
  }
}

// Arbitraries for valid payloads: the one form the app writes, wss:// anywhere and ws://
// only on this computer, without the port the scheme implies.
const portArb = fc.option(
  fc.integer({ min: 1, max: 65535 }).filter((port) => port !== 80 && port !== 443),
  { nil: undefined },
);
const serverUrlArb = fc
  .oneof(
    fc.tuple(fc.constant('wss'), fc.oneof(fc.domain(), fc.ipV4(), fc.constant('localhost'))),
    fc.tuple(fc.constant('ws'), fc.constantFrom('localhost', '127.0.0.1', '127.3.2.1', '[::1]')),
  )
  .chain(([scheme, host]) => portArb.map((port) => `${scheme}://${host}${port ? `:${port}` : ''}`))
  .filter((url) => new URL(url).host === url.replace(/^wss?:\/\//, ''));
const keyArb = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => b64(bytes));
const signatureArb = fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => b64(bytes));
const expArb = fc.integer({ min: NOW + 1, max: NOW + 400 * 24 * 3600 });
const tokenArb = fc
  .tuple(
    expArb,
    fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
    signatureArb,
  )
  .map(([exp, extra, signature]) => ({ exp, token: jwt({ ...extra, exp }, signature) }));
const payloadArb = fc.record({ serverUrl: serverUrlArb, token: tokenArb, waitingKey: keyArb });
const pageArb = fc.oneof(
  fc.constant(APP_LINK_PREFIX),
  fc.webUrl({ validSchemes: ['https'], withQueryParameters: true, withFragments: true }),
  fc.constantFrom('http://127.0.0.1:5181/', 'http://localhost:5181/gast/'),
);

/** One random change a person, a mail client or an attacker might make. */
type Mutation = (link: string) => string;
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((n) => (link: string) => link.slice(0, n % (link.length + 1))),
  fc
    .tuple(fc.nat(), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }))
    .map(([n, char]) => (link: string) => {
      const i = n % link.length;
      return link.slice(0, i) + char + link.slice(i + 1);
    }),
  fc
    .tuple(fc.nat(), fc.string({ unit: 'binary', maxLength: 40 }))
    .map(([n, text]) => (link: string) => {
      const i = n % (link.length + 1);
      return link.slice(0, i) + text + link.slice(i);
    }),
  fc.constantFrom('v', 's', 'w', 'k', 'h').map((name) => (link: string) => dropParam(link, name)),
  fc.tuple(fc.constantFrom('v', 's', 'w', 'k', 'h'), fc.string({ maxLength: 20 })).map(
    ([name, value]) =>
      (link: string) =>
        `${link}&${name}=${encodeURIComponent(value)}`,
  ),
  fc.tuple(fc.nat({ max: 20_000 }), fc.constantFrom('a', '&', '%', '=', 'ä', '\u{1F600}')).map(
    ([n, filler]) =>
      (link: string) =>
        link + filler.repeat(n),
  ),
  fc.constant((link: string) => link.replace('#', '')),
  fc.constant((link: string) => link.replace('#', '#'.repeat(2))),
  fc.constant((link: string) => link.toUpperCase()),
  fc.constant((link: string) => decodeURIComponent(link)),
  fc.constant((link: string) => link.normalize('NFKC').replace(/-/g, '\u2010')),
);

function dropParam(link: string, name: string): string {
  const hash = link.indexOf('#');
  const params = new URLSearchParams(link.slice(hash + 1));
  params.delete(name);
  return `${link.slice(0, hash)}#${params.toString()}`;
}

describe('invite link: never throws, always typed', () => {
  it('on any string, as a whole link or as a fragment', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expectTyped(parseInviteUrl(text, NOW));
        expectTyped(parseInviteFragment(text, NOW));
        expectTyped(parseInviteUrl(`${APP_LINK_PREFIX}#${text}`, NOW));
        expectTyped(parseInviteUrl(`https://guest.example/#${text}`, NOW));
      }),
      { numRuns: 500 },
    );
  });

  it('on random fragments built from the right parameter names', () => {
    const paramArb = fc.tuple(
      fc.constantFrom('v', 's', 'w', 'k', 'x', ''),
      fc.oneof(
        fc.string({ unit: 'binary', maxLength: 60 }),
        fc.constant(INVITE_VERSION),
        serverUrlArb,
        keyArb,
      ),
    );
    fc.assert(
      fc.property(fc.array(paramArb, { maxLength: 8 }), (pairs) => {
        const fragment = pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
        expectTyped(parseInviteFragment(fragment, NOW));
        expectTyped(parseInviteUrl(`${APP_LINK_PREFIX}#${fragment}`, NOW));
      }),
      { numRuns: 500 },
    );
  });

  it('on valid links of both forms after one or more random mutations', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(WEB_LINK, APP_LINK),
        fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
        (link, mutations) => {
          let mutated = link;
          for (const mutate of mutations) {
            try {
              mutated = mutate(mutated);
            } catch {
              // decodeURIComponent refuses some inputs: then the link stays as it was.
            }
          }
          expectTyped(parseInviteUrl(mutated, NOW));
          const hash = mutated.indexOf('#');
          expectTyped(parseInviteFragment(hash < 0 ? mutated : mutated.slice(hash + 1), NOW));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('on input that is not even a string (the page may pass anything from the address bar)', () => {
    for (const value of [undefined, null, 42, {}, ['#v=2'], Symbol('x')]) {
      expectTyped(parseInviteUrl(value as unknown as string, NOW));
      expectTyped(parseInviteFragment(value as unknown as string, NOW));
    }
  });
});

describe('invite link: round trip', () => {
  it('any valid payload, through either form, comes back as it went in', () => {
    fc.assert(
      fc.property(pageArb, payloadArb, (page, { serverUrl, token, waitingKey }) => {
        const link = formatInviteLink(page, {
          serverUrl,
          waitingToken: token.token,
          waitingKey,
          hostPublicKey: HOST_KEY,
        });
        const expected: Invite = {
          serverUrl,
          waitingToken: token.token,
          waitingKey,
          hostPublicKey: HOST_KEY,
          expiresAt: token.exp,
        };
        expect(parseInviteUrl(link, NOW)).toEqual({ ok: true, invite: expected });
        expect(parseInviteFragment(inviteFragment(expected), NOW)).toEqual({
          ok: true,
          invite: expected,
        });
        if (page !== APP_LINK_PREFIX) {
          const url = new URL(link);
          // Nothing of the payload in the part a web server sees.
          const base = new URL(page.split('#')[0] ?? '');
          expect(url.origin + url.pathname + url.search).toBe(
            base.origin + base.pathname + base.search,
          );
          expect(parseInviteFragment(url.hash, NOW)).toEqual({ ok: true, invite: expected });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the desktop form is exactly augenhoehe://join#…, and a trailing slash is tolerated', () => {
    expect(APP_LINK.startsWith('augenhoehe://join#v=3&')).toBe(true);
    expect(parseInviteUrl(APP_LINK.replace('join#', 'join/#'), NOW).ok).toBe(true);
  });

  it('writes an http(s) server address as the WebSocket address the parser accepts', () => {
    const link = formatInviteLink(APP_LINK_PREFIX, {
      ...PAYLOAD,
      serverUrl: 'https://lk.example.org',
    });
    expect(parseInviteUrl(link, NOW)).toMatchObject({ ok: true, invite: { serverUrl: SERVER } });
    const local = formatInviteLink(APP_LINK_PREFIX, {
      ...PAYLOAD,
      serverUrl: 'http://127.0.0.1:7880',
    });
    expect(parseInviteUrl(local, NOW)).toMatchObject({
      ok: true,
      invite: { serverUrl: 'ws://127.0.0.1:7880' },
    });
  });
});

describe('invite link: expiry', () => {
  const at = (now: number) => parseInviteUrl(APP_LINK, now);
  const exp = NOW + 3600;

  it('is honoured exactly at the boundary: the token dies at its exp second', () => {
    expect(at(exp - 1)).toMatchObject({ ok: true, invite: { expiresAt: exp } });
    expect(at(exp - 0.001).ok).toBe(true);
    expect(at(exp)).toEqual({ ok: false, problem: 'link-expired' });
    expect(at(exp + 0.001)).toEqual({ ok: false, problem: 'link-expired' });
    expect(at(exp + 86_400)).toEqual({ ok: false, problem: 'link-expired' });
  });

  it('fails closed on a broken clock', () => {
    expect(at(Number.NaN)).toEqual({ ok: false, problem: 'link-expired' });
  });

  it('for any token and clock: valid exactly while now < exp', () => {
    fc.assert(
      fc.property(
        expArb,
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (exp, offset, fraction) => {
          const link = formatInviteLink(APP_LINK_PREFIX, {
            ...PAYLOAD,
            waitingToken: jwt({ exp }),
          });
          const now = exp + offset + fraction;
          const result = parseInviteUrl(link, now);
          if (now < exp) expect(result).toMatchObject({ ok: true, invite: { expiresAt: exp } });
          else expect(result).toEqual({ ok: false, problem: 'link-expired' });
        },
      ),
    );
  });

  it('reads the expiry from the token, not from anything else in the link', () => {
    expect(parseInviteUrl(`${APP_LINK}&exp=${NOW + 10 ** 9}`, exp)).toEqual({
      ok: false,
      problem: 'link-expired',
    });
  });
});

describe('invite link: what is refused', () => {
  const fragment = (params: Record<string, string>) =>
    `${APP_LINK_PREFIX}#${new URLSearchParams({ v: '3', s: SERVER, w: TOKEN, k: KEY, h: HOST_KEY, ...params }).toString()}`;

  it.each([
    ['no #', APP_LINK.replace('#', '?')],
    ['another host', APP_LINK.replace('//join', '//evil')],
    ['a path after join', APP_LINK.replace('join#', 'join/x#')],
    ['a file: link', `file:///tmp/x#${new URL(WEB_LINK).hash.slice(1)}`],
    ['a javascript: link', `javascript:alert(1)//#${new URL(WEB_LINK).hash.slice(1)}`],
    ['a newline in the page address', WEB_LINK.replace('/join/', '/jo\nin/')],
    ['too long', `${APP_LINK}&x=${'a'.repeat(8192)}`],
    ['no version', APP_LINK.replace('v=3&', '')],
    ['a version that is no number', fragment({ v: 'two' })],
    ['two versions', `${APP_LINK}&v=3`],
    ['two host keys', `${APP_LINK}&h=${HOST_KEY}`],
    ['no host key', fragment({ h: '' })],
    ['a host key that is no P-256 point', fragment({ h: `A${HOST_KEY.slice(1)}` })],
    ['a short host key', fragment({ h: HOST_KEY.slice(2) })],
    ['two servers', `${APP_LINK}&s=${encodeURIComponent('wss://evil.example')}`],
    ['two keys', `${APP_LINK}&k=${KEY}`],
    ['a server with a path', fragment({ s: `${SERVER}/x` })],
    ['a server with a query', fragment({ s: `${SERVER}/?x=1` })],
    ['a server with credentials', fragment({ s: 'wss://u:p@lk.example.org' })],
    ['a server with a tab the URL parser would drop', fragment({ s: 'wss://lk.exa\tmple.org' })],
    ['an http server', fragment({ s: 'https://lk.example.org' })],
    ['an unencrypted server off this computer', fragment({ s: 'ws://lk.example.org' })],
    ['an unencrypted server on a private network', fragment({ s: 'ws://192.168.1.20:7880' })],
    ['a server with a trailing slash', fragment({ s: `${SERVER}/` })],
    ['a server in capitals', fragment({ s: 'wss://LK.example.org' })],
    ['a server with the port its scheme implies', fragment({ s: `${SERVER}:443` })],
    [
      'an unencrypted guest page off this computer',
      WEB_LINK.replace('https://guest.example', 'http://guest.example'),
    ],
    ['a guest page with a user name', WEB_LINK.replace('https://', 'https://u@')],
    ['a file: server', fragment({ s: 'file:///etc/passwd' })],
    ['no server', fragment({ s: '' })],
    ['a short key', fragment({ k: KEY.slice(1) })],
    ['a padded key', fragment({ k: `${KEY}=` })],
    ['a key in another spelling of the same bits', fragment({ k: `${KEY.slice(0, 42)}d` })],
    ['a token of two parts', fragment({ w: TOKEN.split('.').slice(0, 2).join('.') })],
    [
      'a token with an empty signature',
      fragment({ w: `${TOKEN.split('.').slice(0, 2).join('.')}.` }),
    ],
    [
      'a token in standard base64',
      fragment({ w: TOKEN.replace(/_/g, '/').replace(/-/g, '+') + '+' }),
    ],
    ['a token whose payload is not JSON', fragment({ w: `e30.${b64('not json')}.c2ln` })],
    ['a token whose payload is an array', fragment({ w: jwt([NOW + 60]) })],
    ['a token without exp', fragment({ w: jwt({ sub: 'x' }) })],
    ['a token with exp as text', fragment({ w: jwt({ exp: String(NOW + 60) }) })],
    ['a token with a fractional exp', fragment({ w: jwt({ exp: NOW + 60.5 }) })],
    ['a token with a negative exp', fragment({ w: jwt({ exp: -1 }) })],
    [
      'a token whose payload is not UTF-8',
      fragment({ w: `e30.${b64(new Uint8Array([0x7b, 0xff, 0x7d]))}.c2ln` }),
    ],
  ])('%s: malformed', (_what, link) => {
    expect(parseInviteUrl(link, NOW)).toEqual({ ok: false, problem: 'link-malformed' });
  });

  it.each([
    ['an older version', fragment({ v: '2' })],
    ['a newer version', fragment({ v: '4' })],
  ])(
    '%s: unsupported, so the page can say "update the app" rather than "broken link"',
    (_what, link) => {
      expect(parseInviteUrl(link, NOW)).toEqual({ ok: false, problem: 'link-unsupported' });
    },
  );

  it('ignores parameters it does not know (a later version may add some)', () => {
    expect(parseInviteUrl(`${APP_LINK}&x=1`, NOW).ok).toBe(true);
  });

  it('drops any one of v, s, w, k, h: malformed', () => {
    for (const name of ['v', 's', 'w', 'k', 'h']) {
      expect(parseInviteUrl(dropParam(APP_LINK, name), NOW)).toEqual({
        ok: false,
        problem: 'link-malformed',
      });
    }
  });
});
