/**
 * Desktop deep links as plain functions: where the OS puts the link on the command line,
 * and what becomes of it. A valid invite becomes the fragment the page joins with;
 * anything else becomes a problem code. Nothing here can navigate.
 */
import { describe, expect, it } from 'vitest';
import { deepLinkFromArgv, handleDeepLink } from '../../src-main/services/deep-link';
import {
  APP_LINK_PREFIX,
  formatInviteLink,
  parseInviteFragment,
} from '../../src-shared/invite-link';

const NOW = 1_800_000_000;
const b64 = (data: string | Uint8Array) => Buffer.from(data).toString('base64url');
const jwt = (claims: object) =>
  [b64('{"alg":"HS256"}'), b64(JSON.stringify(claims)), b64('sig')].join('.');
const PAYLOAD = {
  serverUrl: 'wss://lk.example.org',
  waitingToken: jwt({ exp: NOW + 600 }),
  waitingKey: b64(new Uint8Array(32).fill(1)),
  hostPublicKey: b64(Uint8Array.from([4, ...new Array<number>(64).fill(9)])),
};
const LINK = formatInviteLink(APP_LINK_PREFIX, PAYLOAD);
const FRAGMENT = LINK.slice(LINK.indexOf('#') + 1);

describe('deepLinkFromArgv', () => {
  it.each<[string, string[], string | null]>([
    ['Windows first start', ['C:\\Program Files\\Augenhoehe\\Augenhoehe.exe', LINK], LINK],
    [
      'Windows second instance, with the switches Chromium adds',
      [
        'C:\\A\\Augenhoehe.exe',
        '--allow-file-access-from-files',
        '--original-process-start-time=1337',
        LINK,
      ],
      LINK,
    ],
    ['Windows quotes left in the argument', ['Augenhoehe.exe', `"${LINK}"`], LINK],
    ['Windows quotes and padding', ['Augenhoehe.exe', `  "${LINK}" `], LINK],
    ['a lone quote is not stripped into a link', ['Augenhoehe.exe', '"'], null],
    [
      'development: electron, the app path, the link',
      ['/usr/bin/electron', '/src/augenhoehe', LINK],
      LINK,
    ],
    ['Linux %u with a link', ['/opt/augenhoehe/augenhoehe', '--no-sandbox', LINK], LINK],
    ['Linux %u left literal by a launcher', ['/opt/augenhoehe/augenhoehe', '%u'], null],
    ['Linux started without a link', ['/opt/augenhoehe/augenhoehe'], null],
    [
      'the scheme in capitals',
      ['app', LINK.replace('augenhoehe:', 'AUGENHOEHE:')],
      LINK.replace('augenhoehe:', 'AUGENHOEHE:'),
    ],
    ['an https link', ['app', 'https://guest.example/#v=2'], null],
    ['a file link', ['app', 'file:///home/x/invite.html#v=2'], null],
    ['a link hidden in a switch', ['app', `--inspect=${LINK}`], null],
    ['a link after a space in one argument', ['app', `x ${LINK}`], null],
    ['a look-alike scheme', ['app', LINK.replace('augenhoehe:', 'augenhoehe-evil:')], null],
    ['empty', [], null],
    [
      'the last of several links, as the OS appends it',
      ['app', 'augenhoehe://join#old', LINK],
      LINK,
    ],
  ])('%s', (_what, argv, expected) => {
    expect(deepLinkFromArgv(argv)).toBe(expected);
  });

  it('passes on a link to another augenhoehe: host, for handleDeepLink to refuse', () => {
    const evil = LINK.replace('//join', '//evil');
    expect(deepLinkFromArgv(['app', evil])).toBe(evil);
    expect(handleDeepLink(evil, NOW)).toEqual({ ok: false, problem: 'link-malformed' });
  });

  it('tolerates argv entries that are not strings', () => {
    expect(deepLinkFromArgv(['app', 7, null, LINK] as unknown as string[])).toBe(LINK);
    expect(deepLinkFromArgv(null as unknown as string[])).toBeNull();
  });
});

describe('handleDeepLink', () => {
  it('turns a valid desktop link into the fragment the page joins with', () => {
    const result = handleDeepLink(LINK, NOW);
    expect(result).toEqual({ ok: true, fragment: FRAGMENT });
    if (result.ok) {
      expect(parseInviteFragment(result.fragment, NOW)).toEqual({
        ok: true,
        invite: { ...PAYLOAD, expiresAt: NOW + 600 },
      });
    }
  });

  it('accepts the slash some browsers add and a scheme in capitals', () => {
    expect(handleDeepLink(LINK.replace('join#', 'join/#'), NOW)).toEqual({
      ok: true,
      fragment: FRAGMENT,
    });
    expect(handleDeepLink(LINK.replace('augenhoehe://join', 'Augenhoehe://JOIN'), NOW)).toEqual({
      ok: true,
      fragment: FRAGMENT,
    });
  });

  it('hands on only the invite, not extra parameters in the link', () => {
    expect(
      handleDeepLink(`${LINK}&next=${encodeURIComponent('https://evil.example')}`, NOW),
    ).toEqual({
      ok: true,
      fragment: FRAGMENT,
    });
  });

  it.each([
    [
      'an https invite (the browser form belongs to the browser)',
      formatInviteLink('https://guest.example/', PAYLOAD),
    ],
    ['a file link', `file:///tmp/invite#${FRAGMENT}`],
    ['another augenhoehe: host', LINK.replace('//join', '//evil')],
    ['a path after join', LINK.replace('join#', 'join/settings#')],
    ['a query after join', LINK.replace('join#', 'join?x=1#')],
    ['no fragment', APP_LINK_PREFIX],
    ['an empty fragment', `${APP_LINK_PREFIX}#`],
    ['a broken key', LINK.replace(PAYLOAD.waitingKey, 'short')],
    ['a token that is not a JWT', LINK.replace(PAYLOAD.waitingToken, 'token')],
    ['huge', `${LINK}&x=${'a'.repeat(10_000)}`],
    ['not a string', 42 as unknown as string],
  ])('refuses %s: link-malformed', (_what, url) => {
    expect(handleDeepLink(url, NOW)).toEqual({ ok: false, problem: 'link-malformed' });
  });

  it('refuses an expired link: link-expired, from its exp second on', () => {
    expect(handleDeepLink(LINK, NOW + 599).ok).toBe(true);
    expect(handleDeepLink(LINK, NOW + 600)).toEqual({ ok: false, problem: 'link-expired' });
    expect(handleDeepLink(LINK, NOW + 10_000)).toEqual({ ok: false, problem: 'link-expired' });
  });

  it('refuses another link version: link-unsupported', () => {
    expect(handleDeepLink(LINK.replace('v=3', 'v=4'), NOW)).toEqual({
      ok: false,
      problem: 'link-unsupported',
    });
  });

  it('uses the real clock when none is given', () => {
    const fresh = formatInviteLink(APP_LINK_PREFIX, {
      ...PAYLOAD,
      waitingToken: jwt({ exp: Math.floor(Date.now() / 1000) + 60 }),
    });
    expect(handleDeepLink(fresh).ok).toBe(true);
    expect(handleDeepLink(LINK.replace(PAYLOAD.waitingToken, jwt({ exp: 1000 }))).ok).toBe(false);
  });
});
