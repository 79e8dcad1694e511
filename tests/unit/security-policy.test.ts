import { describe, expect, it } from 'vitest';
import { resolveInside } from '../../src-main/browser-mode/static-files';
import {
  createMediaConsentState,
  decidePermission,
  isAppUrl,
  isTrustedSender,
  NO_MEDIA_CONSENT,
  type MediaConsent,
} from '../../src-main/security/policy';
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
  const both: MediaConsent = { camera: true, microphone: true };

  it.each([
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
    ['screen-wake-lock', appPage, false],
    ['usb', appPage, false],
    ['hid', appPage, false],
    ['serial', appPage, false],
    ['speaker-selection', appPage, false],
    ['unknown', appPage, false],
    ['', appPage, false],
    ['MEDIA', appPage, false],
    ['fullscreen', 'https://evil.example/', false],
    ['clipboard-sanitized-write', undefined, false],
  ])('%s requested by %j → %s (whatever was ticked)', (permission, url, expected) => {
    for (const consent of [NO_MEDIA_CONSENT, both]) {
      expect(decidePermission({ permission, requestingUrl: url }, consent)).toBe(expected);
    }
  });

  // Camera and microphone: the app's own page, and only what the person ticked right now.
  it.each<[string, string | undefined, string[] | undefined, MediaConsent, boolean]>([
    ['before any tick, the camera', appPage, ['video'], NO_MEDIA_CONSENT, false],
    ['before any tick, the microphone', appPage, ['audio'], NO_MEDIA_CONSENT, false],
    [
      'after the camera tick, the camera',
      appPage,
      ['video'],
      { camera: true, microphone: false },
      true,
    ],
    [
      'after the camera tick, the microphone',
      appPage,
      ['audio'],
      { camera: true, microphone: false },
      false,
    ],
    [
      'after the camera tick, both at once',
      appPage,
      ['video', 'audio'],
      { camera: true, microphone: false },
      false,
    ],
    [
      'after the microphone tick, the microphone',
      'app://augenhoehe',
      ['audio'],
      { camera: false, microphone: true },
      true,
    ],
    ['after both ticks, both at once', appPage, ['audio', 'video'], both, true],
    ['with both ticked, a device it cannot name', appPage, ['unknown'], both, false],
    ['with both ticked, no device named', appPage, [], both, false],
    ['with both ticked, no media types at all', appPage, undefined, both, false],
    // Other origins never, whatever was ticked.
    ['a web page', 'https://evil.example/', ['video'], both, false],
    [
      'a web page posing as the app',
      'https://evil.example/app://augenhoehe',
      ['audio'],
      both,
      false,
    ],
    ['another app: host', 'app://other/', ['video'], both, false],
    ['a look-alike host', 'app://augenhoehe.evil.example/', ['video'], both, false],
    ['the guest page on loopback', 'http://127.0.0.1:5181/', ['video'], both, false],
    ['a file', 'file:///index.html', ['video'], both, false],
    ['a deep link', 'augenhoehe://join#v=2', ['audio'], both, false],
    ['an empty origin', '', ['video'], both, false],
    ['no origin', undefined, ['video'], both, false],
  ])('media: %s → %s', (_label, requestingUrl, mediaTypes, consent, expected) => {
    expect(decidePermission({ permission: 'media', requestingUrl, mediaTypes }, consent)).toBe(
      expected,
    );
  });
});

describe('createMediaConsentState', () => {
  it('starts with nothing ticked, follows each change and forgets on reset', () => {
    const state = createMediaConsentState();
    expect(state.current()).toStrictEqual(NO_MEDIA_CONSENT);
    state.set({ camera: true, microphone: false });
    expect(state.current()).toStrictEqual({ camera: true, microphone: false });
    state.set({ camera: false, microphone: true });
    expect(state.current()).toStrictEqual({ camera: false, microphone: true });
    state.reset();
    expect(state.current()).toStrictEqual(NO_MEDIA_CONSENT);
  });

  it('keeps only true for true: nothing else the page sends counts as a tick', () => {
    const state = createMediaConsentState();
    state.set({ camera: 'yes', microphone: 1 } as unknown as MediaConsent);
    expect(state.current()).toStrictEqual(NO_MEDIA_CONSENT);
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
