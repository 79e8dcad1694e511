import { describe, expect, it } from 'vitest';
import { isCallKey, newCallKey } from '../../src-renderer/livekit/call-key';
import { formatJoinLink, parseJoinLink } from '../../src-renderer/livekit/join-link';

const now = 1_800_000_000;
const token = (claims: object) =>
  ['e30', Buffer.from(JSON.stringify(claims)).toString('base64url'), 'signature'].join('.');
const key = newCallKey();

describe('join link', () => {
  it('round-trips server, token and key through the fragment only', () => {
    const t = token({ exp: now + 60 });
    const link = formatJoinLink('https://guest.example/join?x=1#old', {
      serverUrl: 'wss://lk.example',
      token: t,
      key,
    });
    const url = new URL(link);
    // Nothing secret in the part a web server sees.
    expect(url.pathname + url.search).toBe('/join?x=1');
    expect(parseJoinLink(url.hash, now)).toEqual({
      ok: true,
      link: { serverUrl: 'wss://lk.example', token: t, key, expiresAt: now + 60 },
    });
  });

  it.each([
    ['empty', ''],
    ['no version', 's=wss%3A%2F%2Fa&t=x.y.z&k=' + key],
    ['not a websocket server', `v=1&s=https%3A%2F%2Fa&t=${token({ exp: now + 60 })}&k=${key}`],
    ['token not a JWT', `v=1&s=wss%3A%2F%2Fa&t=abc&k=${key}`],
    ['token without expiry', `v=1&s=wss%3A%2F%2Fa&t=${token({})}&k=${key}`],
    ['short key', `v=1&s=wss%3A%2F%2Fa&t=${token({ exp: now + 60 })}&k=abc`],
    [
      'key with bad characters',
      `v=1&s=wss%3A%2F%2Fa&t=${token({ exp: now + 60 })}&k=${'+'.repeat(43)}`,
    ],
    ['garbage', '%%%&&&==='],
  ])('%s → malformed', (_what, fragment) => {
    expect(parseJoinLink(fragment, now)).toEqual({ ok: false, problem: 'link-malformed' });
  });

  it('an expired token → expired; another version → unsupported', () => {
    expect(parseJoinLink(`v=1&s=wss%3A%2F%2Fa&t=${token({ exp: now - 1 })}&k=${key}`, now)).toEqual(
      {
        ok: false,
        problem: 'link-expired',
      },
    );
    expect(parseJoinLink('v=2&s=wss%3A%2F%2Fa', now)).toEqual({
      ok: false,
      problem: 'link-unsupported',
    });
  });

  it('call keys are 256 random bits, fresh each time', () => {
    const keys = new Set(Array.from({ length: 50 }, () => newCallKey()));
    expect(keys.size).toBe(50);
    for (const k of keys) expect(isCallKey(k)).toBe(true);
  });
});
