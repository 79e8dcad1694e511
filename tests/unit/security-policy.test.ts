import { describe, expect, it } from 'vitest';
import { resolveInside } from '../../src-main/browser-mode/static-files';
import { decidePermission, isAppUrl, isTrustedSender } from '../../src-main/security/policy';
import { contentSecurityPolicy } from '../../src-main/services/content-security-policy';

describe('isAppUrl', () => {
  it.each([
    ['app://augenhoehe', true],
    ['app://augenhoehe/', true],
    ['app://augenhoehe/index.html', true],
    ['app://augenhoehe/index.html#host=abc', true],
    ['app://augenhoehe/assets/app.js?v=1', true],
    ['app://other/', false],
    ['app://augenhoehe.evil.example/', false],
    ['app://evil.example/augenhoehe', false],
    ['app://augenhoehe:8080/', false],
    ['app://user@augenhoehe/', false],
    ['app://user:pass@augenhoehe/', false],
    ['app:augenhoehe', false],
    ['app:///augenhoehe', false],
    ['https://augenhoehe/', false],
    ['http://augenhoehe/', false],
    ['http://127.0.0.1:5181/', false],
    ['https://evil.example/', false],
    ['file:///opt/augenhoehe/index.html', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<h1>x</h1>', false],
    ['about:blank', false],
    ['augenhoehe', false],
    // An invite link for the desktop app is data for the app, never a page it may load.
    ['augenhoehe://join#v=2&s=ws://127.0.0.1:7880', false],
    ['augenhoehe://augenhoehe/', false],
    ['', false],
  ])('%j → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});

describe('decidePermission', () => {
  const appPage = 'app://augenhoehe/index.html';

  it.each([
    ['media', appPage, true],
    ['media', 'app://augenhoehe', true],
    ['fullscreen', appPage, true],
    ['clipboard-sanitized-write', appPage, true],
    // Everything a consultation does not need stays off, even for the app itself.
    ['notifications', appPage, false],
    ['geolocation', appPage, false],
    ['midi', appPage, false],
    ['midiSysex', appPage, false],
    ['openExternal', appPage, false],
    ['display-capture', appPage, false],
    ['pointerLock', appPage, false],
    ['keyboardLock', appPage, false],
    ['clipboard-read', appPage, false],
    ['idle-detection', appPage, false],
    ['storage-access', appPage, false],
    ['top-level-storage-access', appPage, false],
    ['window-management', appPage, false],
    ['usb', appPage, false],
    ['hid', appPage, false],
    ['serial', appPage, false],
    ['speaker-selection', appPage, false],
    ['unknown', appPage, false],
    ['', appPage, false],
    ['MEDIA', appPage, false],
    // Camera and microphone only for the app's own pages.
    ['media', 'https://evil.example/', false],
    ['media', 'https://evil.example/app://augenhoehe', false],
    ['media', 'app://other/', false],
    ['media', 'app://augenhoehe.evil.example/', false],
    ['media', 'http://127.0.0.1:5181/', false],
    ['media', 'file:///index.html', false],
    ['media', 'augenhoehe://join#v=2', false],
    ['media', '', false],
    ['media', undefined, false],
    ['fullscreen', 'https://evil.example/', false],
    ['clipboard-sanitized-write', undefined, false],
  ])('%s requested by %j → %s', (permission, url, expected) => {
    expect(decidePermission(permission, url)).toBe(expected);
  });
});

describe('isTrustedSender', () => {
  it.each([
    ['app://augenhoehe/index.html', true, true],
    ['app://augenhoehe/index.html', false, false],
    ['https://evil.example/', true, false],
    ['app://other/index.html', true, false],
    ['about:blank', true, false],
    ['augenhoehe://join#v=2', true, false],
    [undefined, true, false],
    [undefined, false, false],
  ])('frame %j, main frame %s → %s', (url, isMainFrame, expected) => {
    expect(isTrustedSender(url, isMainFrame)).toBe(expected);
  });
});

/** Splits a policy into its directives, so checks look at one directive, not the whole text. */
function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) {
      expect(map.has(name), `directive ${name} appears twice`).toBe(false);
      map.set(name, sources);
    }
  }
  return map;
}

describe('contentSecurityPolicy', () => {
  it.each([
    [['ws://127.0.0.1:7880'], ["'self'", 'ws://127.0.0.1:7880', 'http://127.0.0.1:7880']],
    [
      ['wss://livekit.example.org'],
      ["'self'", 'wss://livekit.example.org', 'https://livekit.example.org'],
    ],
    [
      ['https://livekit.example.org:8443'],
      ["'self'", 'wss://livekit.example.org:8443', 'https://livekit.example.org:8443'],
    ],
    // Only what the settings would accept: no path, no unencrypted server off this computer,
    // nothing that could end the directive.
    [['wss://livekit.example.org/rtc?room=x'], ["'self'"]],
    [['ws://livekit.example.org'], ["'self'"]],
    [['wss://livekit.example.org;script-src *'], ["'self'"]],
    [['http://localhost:7880'], ["'self'", 'ws://localhost:7880', 'http://localhost:7880']],
    [
      ['ws://127.0.0.1:7880', 'ws://127.0.0.1:7880'],
      ["'self'", 'ws://127.0.0.1:7880', 'http://127.0.0.1:7880'],
    ],
    [[], ["'self'"]],
  ])('for %j connects to %j only', (servers, expected) => {
    expect(directives(contentSecurityPolicy(servers)).get('connect-src')).toStrictEqual(expected);
  });

  it('never lets a wss server fall back to plain ws or http', () => {
    const connect =
      directives(contentSecurityPolicy(['wss://livekit.example.org'])).get('connect-src') ?? [];
    expect(connect.filter((source) => /^(ws|http):/.test(source))).toStrictEqual([]);
  });

  it.each([[['ws://127.0.0.1:7880']], [['wss://livekit.example.org']]])(
    'for %j allows no inline or evaluated code, no wildcard, no framing',
    (servers) => {
      const policy = contentSecurityPolicy(servers);
      expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|\*/);
      const map = directives(policy);
      expect(map.get('default-src')).toStrictEqual(["'none'"]);
      expect(map.get('script-src')).toStrictEqual(["'self'"]);
      expect(map.get('style-src')).toStrictEqual(["'self'"]);
      expect(map.get('object-src')).toStrictEqual(["'none'"]);
      expect(map.get('base-uri')).toStrictEqual(["'none'"]);
      expect(map.get('frame-ancestors')).toStrictEqual(["'none'"]);
      expect(map.get('form-action')).toStrictEqual(["'none'"]);
    },
  );
});

describe('resolveInside', () => {
  const root = '/srv/app';

  it.each([
    ['/', '/srv/app'],
    ['/index.html', '/srv/app/index.html'],
    ['/assets/app.js', '/srv/app/assets/app.js'],
    ['/assets/../index.html', '/srv/app/index.html'],
    ['/foo%2fbar.js', '/srv/app/foo/bar.js'],
    ['/caf%C3%A9.png', '/srv/app/café.png'],
    ['//etc/passwd', '/srv/app/etc/passwd'],
    ['/../../etc/passwd', null],
    ['/..', null],
    ['/%2e%2e/secret.txt', null],
    ['/..%2f..%2fetc%2fpasswd', null],
    ['/assets/..%2f..%2f..%2fetc/passwd', null],
    // A sibling whose name starts like the root must not count as inside.
    ['/../app-other/secret.txt', null],
    ['/../app', '/srv/app'],
    ['/index.html%00.png', null],
    ['/%00', null],
    ['/%E0%A4%A', null],
    ['/%', null],
  ])('%j → %j', (urlPath, expected) => {
    expect(resolveInside(root, urlPath)).toBe(expected);
  });

  it('works the same with a trailing slash on the root', () => {
    expect(resolveInside('/srv/app/', '/index.html')).toBe('/srv/app/index.html');
    expect(resolveInside('/srv/app/', '/../app-other/x')).toBeNull();
  });
});
