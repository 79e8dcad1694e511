/**
 * The Electron wiring, run without the Electron binary: each piece takes Electron's
 * objects as arguments, so plain stand-ins that record what they were given are enough
 * to check the policy each piece installs.
 */
import { EventEmitter } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App, DesktopCapturer, IpcMain, Protocol, Session } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ipcContract } from '../../src-shared/ipc-contract';
import { registerAppProtocol } from '../../src-main/electron/app-protocol';
import {
  appendChromiumSwitches,
  chromiumSwitchArgs,
} from '../../src-main/electron/chromium-switches';
import { registerIpc } from '../../src-main/electron/ipc';
import {
  allowScreenSharing,
  applySessionSecurity,
  lockDownWebContents,
} from '../../src-main/electron/session-security';
import { mainWindowOptions } from '../../src-main/electron/window';
import { NO_MEDIA_CONSENT, type MediaConsent } from '../../src-main/security/policy';
import { createScreenPicker } from '../../src-main/services/screen-picker';
import type { ScreenChoiceRequest } from '../../src-shared/ipc-contract';
import type { IpcHandlers } from '../../src-main/ipc/handlers';
import { createLogger, createMemoryLogSink } from '../../src-main/services/logger';

describe('window', () => {
  it('keeps isolation, sandbox and web security on and Node out of the page', () => {
    const prefs = mainWindowOptions('/preload.cjs').webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/preload.cjs',
    });
  });
});

describe('Chromium switches', () => {
  it('let the host’s camera answer a key-frame request 60 ms after the last, not 300', () => {
    const appended: [string, string | undefined][] = [];
    appendChromiumSwitches({ appendSwitch: (name, value) => appended.push([name, value]) });
    expect(appended).toEqual([
      ['force-fieldtrials', 'WebRTC-KeyframeInterval/min_keyframe_send_interval_ms:60/'],
    ]);
    // Chromium's form: trial and group, each followed by a slash.
    const [, trials] = appended[0] ?? [];
    expect(trials?.split('/')).toEqual([
      'WebRTC-KeyframeInterval',
      'min_keyframe_send_interval_ms:60',
      '',
    ]);
    // The bench's stand-in for the window gets the very same switches.
    expect(chromiumSwitchArgs()).toEqual([
      '--force-fieldtrials=WebRTC-KeyframeInterval/min_keyframe_send_interval_ms:60/',
    ]);
  });
});

describe('IPC registration', () => {
  function register() {
    const registered = new Map<string, (event: unknown, request: unknown) => Promise<unknown>>();
    const ipcMain = {
      handle: (channel: string, fn: never) => registered.set(channel, fn),
    } as unknown as IpcMain;
    const called: string[] = [];
    const handlers = new Proxy({} as IpcHandlers, {
      get: (_target, channel: string) => async () => {
        called.push(channel);
        return { shell: 'electron' };
      },
    });
    registerIpc(ipcMain, handlers, createLogger(createMemoryLogSink()));
    return { registered, called };
  }
  const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });

  it('registers exactly the contract channels', () => {
    expect([...register().registered.keys()].sort()).toEqual(Object.keys(ipcContract).sort());
  });

  it.each([
    ['the app page', frame('app://augenhoehe/index.html'), true],
    ['a deep link address', frame('augenhoehe://join#v=2'), false],
    ['another scheme', frame('file:///etc/passwd'), false],
    ['a web page', frame('https://evil.example/'), false],
    ['a subframe of the app', frame('app://augenhoehe/x', { url: 'app://augenhoehe/' }), false],
    ['a destroyed frame', { senderFrame: null }, false],
  ])('answers %s: %s', async (_what, event, answered) => {
    const { registered, called } = register();
    const result = await registered.get('app:info')?.(event, {});
    expect(called.length > 0).toBe(answered);
    expect(result).toEqual(
      answered
        ? { ok: true, value: { shell: 'electron' } }
        : { ok: false, error: { code: 'forbidden' } },
    );
  });
});

describe('session permissions', () => {
  function session(consent: () => MediaConsent = () => NO_MEDIA_CONSENT) {
    const fake = {
      request: undefined as undefined | ((...args: unknown[]) => void),
      check: undefined as undefined | ((...args: unknown[]) => boolean),
      device: undefined as undefined | ((...args: unknown[]) => boolean),
      setPermissionRequestHandler(fn: never) {
        fake.request = fn;
      },
      setPermissionCheckHandler(fn: never) {
        fake.check = fn;
      },
      setDevicePermissionHandler(fn: never) {
        fake.device = fn;
      },
      on: vi.fn(),
    };
    applySessionSecurity(fake as unknown as Session, consent);
    return fake;
  }
  const ask = (
    fake: ReturnType<typeof session>,
    permission: string,
    requestingUrl: string,
    mediaTypes?: string[],
  ) =>
    new Promise<boolean>((done) =>
      fake.request?.({ getURL: () => requestingUrl }, permission, done, {
        requestingUrl,
        ...(mediaTypes ? { mediaTypes } : {}),
      }),
    );
  // Electron passes the origin as Chromium sees it ("app://augenhoehe"); Node's URL would say "null".
  const originOf = (url: string) => /^[a-z]+:\/\/[^/]+/.exec(url)?.[0];

  it.each([
    ['notifications', 'app://augenhoehe/index.html'],
    ['geolocation', 'app://augenhoehe/index.html'],
    ['openExternal', 'app://augenhoehe/index.html'],
    ['display-capture', 'app://augenhoehe/index.html'],
    ['screen-wake-lock', 'app://augenhoehe/index.html'],
  ])('refuses %s for %s, whatever was ticked', async (permission, url) => {
    const fake = session(() => ({ camera: true, microphone: true }));
    expect(await ask(fake, permission, url)).toBe(false);
    expect(fake.check?.(null, permission, originOf(url), {})).toBe(false);
  });

  it('grants camera and microphone to the window only after the person ticked them', async () => {
    let consent: MediaConsent = NO_MEDIA_CONSENT;
    const fake = session(() => consent);
    const app = 'app://augenhoehe/index.html';
    expect(await ask(fake, 'media', app, ['video'])).toBe(false);
    expect(await ask(fake, 'media', app, ['audio'])).toBe(false);
    expect(fake.check?.(null, 'media', 'app://augenhoehe', { mediaType: 'video' })).toBe(false);

    consent = { camera: true, microphone: false };
    expect(await ask(fake, 'media', app, ['video'])).toBe(true);
    expect(await ask(fake, 'media', app, ['audio'])).toBe(false);
    expect(await ask(fake, 'media', app, ['video', 'audio'])).toBe(false);
    expect(fake.check?.(null, 'media', 'app://augenhoehe', { mediaType: 'video' })).toBe(true);
    expect(fake.check?.(null, 'media', 'app://augenhoehe', { mediaType: 'audio' })).toBe(false);

    consent = { camera: true, microphone: true };
    expect(await ask(fake, 'media', app, ['video', 'audio'])).toBe(true);
    // Another origin never, whatever was ticked.
    expect(await ask(fake, 'media', 'https://evil.example/', ['video'])).toBe(false);
    expect(fake.check?.(null, 'media', 'https://evil.example', { mediaType: 'audio' })).toBe(false);

    // Withdrawn: the next request is refused again.
    consent = NO_MEDIA_CONSENT;
    expect(await ask(fake, 'media', app, ['video'])).toBe(false);
  });

  it('grants fullscreen and copying a link to the app page only', async () => {
    const fake = session();
    expect(await ask(fake, 'fullscreen', 'app://augenhoehe/index.html')).toBe(true);
    expect(await ask(fake, 'fullscreen', 'https://evil.example/')).toBe(false);
    expect(fake.check?.(null, 'clipboard-sanitized-write', 'app://augenhoehe', {})).toBe(true);
  });

  it('refuses every device (USB, HID, serial) and every download', () => {
    const fake = session();
    expect(fake.device?.({})).toBe(false);
    expect(fake.on).toHaveBeenCalledWith('will-download', expect.any(Function));
  });
});

describe('screen sharing', () => {
  const screen = {
    id: 'screen:1:0',
    name: 'Bildschirm',
    thumbnail: { isEmpty: () => true, toDataURL: () => '' },
  };
  const window = {
    id: 'window:7:0',
    name: 'Hilfeplan',
    thumbnail: { isEmpty: () => true, toDataURL: () => '' },
  };

  function handlerFor(platform: NodeJS.Platform = 'linux') {
    let handler: ((request: unknown, callback: (streams: object) => void) => void) | undefined;
    const session = { setDisplayMediaRequestHandler: (fn: typeof handler) => (handler = fn) };
    const capturer = { getSources: vi.fn(async () => [screen, window]) };
    const picker = createScreenPicker();
    allowScreenSharing(
      session as unknown as Session,
      capturer as unknown as DesktopCapturer,
      picker,
      platform,
    );
    /** The page: what it was sent, and how it answers. */
    const frame = (
      url: string,
      answer: (question: ScreenChoiceRequest) => unknown,
      parent: unknown = null,
    ) => ({
      url,
      parent,
      send: (channel: string, question: ScreenChoiceRequest) => {
        expect(channel).toBe('screen:choose');
        queueMicrotask(() => picker.answer(question.requestId, answer(question) as never));
      },
    });
    return {
      capturer,
      ask: (frameOf: unknown, audioRequested = false) =>
        new Promise<object>((done) => handler?.({ frame: frameOf, audioRequested }, done)),
      frame,
    };
  }
  const app = 'app://augenhoehe/index.html';

  it('shares the window the person picked in the app, and nothing else', async () => {
    const { ask, frame } = handlerFor();
    const asked: ScreenChoiceRequest[] = [];
    const streams = await ask(
      frame(app, (question) => {
        asked.push(question);
        return { sourceId: 'window:7:0', audio: false };
      }),
    );
    expect(streams).toEqual({ video: window });
    expect(asked[0]?.sources.map((s) => s.name)).toEqual(['Bildschirm', 'Hilfeplan']);
  });

  it('shares nothing when the person cancels', async () => {
    const { ask, frame } = handlerFor();
    expect(await ask(frame(app, () => null))).toEqual({});
  });

  it('never asks a page that is not the app, nor a frame inside it', async () => {
    const { ask, frame, capturer } = handlerFor();
    const pick = () => ({ sourceId: 'screen:1:0', audio: false });
    expect(await ask(frame('https://evil.example/', pick))).toEqual({});
    expect(await ask(frame(app, pick, { url: app }))).toEqual({});
    expect(await ask(null)).toEqual({});
    expect(capturer.getSources).not.toHaveBeenCalled();
  });

  it('sends the computer’s sound only on Windows, when asked for and chosen', async () => {
    const withSound = () => ({ sourceId: 'screen:1:0', audio: true });
    const windows = handlerFor('win32');
    expect(await windows.ask(windows.frame(app, withSound), true)).toEqual({
      video: screen,
      audio: 'loopback',
    });
    const linux = handlerFor('linux');
    expect(await linux.ask(linux.frame(app, withSound), true)).toEqual({ video: screen });
  });
});

describe('navigation and new windows', () => {
  function contents() {
    const app = new EventEmitter();
    lockDownWebContents(app as unknown as App);
    const page = Object.assign(new EventEmitter(), {
      openHandler: undefined as undefined | (() => unknown),
      setWindowOpenHandler(fn: () => unknown) {
        page.openHandler = fn;
      },
    });
    app.emit('web-contents-created', {}, page);
    return page;
  }
  const prevented = (page: EventEmitter, event: string, url?: string) => {
    const preventDefault = vi.fn();
    page.emit(event, { preventDefault }, url);
    return preventDefault.mock.calls.length > 0;
  };

  it('denies every new window', () => {
    expect(contents().openHandler?.()).toEqual({ action: 'deny' });
  });

  it.each([
    ['app://augenhoehe/index.html', false],
    ['https://evil.example/', true],
    ['file:///etc/passwd', true],
    ['app://elsewhere/', true],
  ])('navigation to %s prevented: %s', (url, blocked) => {
    const page = contents();
    expect(prevented(page, 'will-navigate', url)).toBe(blocked);
    expect(prevented(page, 'will-redirect', url)).toBe(blocked);
  });

  it('never attaches a webview', () => {
    expect(prevented(contents(), 'will-attach-webview')).toBe(true);
  });
});

describe('app:// protocol', () => {
  const indexHtml = '<!doctype html><title>Augenhöhe</title>';
  const secretOutsideRoot = 'TOP-SECRET-OUTSIDE-THE-RENDERER';
  let workDir: string;
  let servers: string[];
  let serve: (request: Request) => Promise<Response>;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'augenhoehe-protocol-'));
    const root = join(workDir, 'renderer');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), indexHtml);
    await writeFile(join(root, 'assets', 'app.js'), 'export {};');
    await writeFile(join(workDir, 'secret.txt'), secretOutsideRoot);
    const protocol = {
      handle: (scheme: string, handler: typeof serve) => {
        expect(scheme).toBe('app');
        serve = handler;
      },
    } as unknown as Protocol;
    servers = ['ws://127.0.0.1:7880'];
    registerAppProtocol(protocol, root, async () => `connect-src 'self' ${servers.join(' ')}`);
  });
  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  const get = (url: string) => serve(new Request(url));

  it.each([['app://augenhoehe/'], ['app://augenhoehe/index.html'], ['app://augenhoehe/call']])(
    'serves the page for %s with the CSP',
    async (url) => {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(indexHtml);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toContain('connect-src');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    },
  );

  it('asks for the CSP on every request, so it follows the settings', async () => {
    servers = ['wss://livekit.example.org'];
    const csp = (await get('app://augenhoehe/')).headers.get('content-security-policy');
    servers = ['ws://127.0.0.1:7880'];
    expect(csp).toBe("connect-src 'self' wss://livekit.example.org");
  });

  it('serves a script as JavaScript', async () => {
    const response = await get('app://augenhoehe/assets/app.js');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each([['app://other/index.html'], ['app://augenhoehe.evil.example/index.html']])(
    'answers 404 for another host: %s',
    async (url) => {
      const response = await get(url);
      expect(response.status).toBe(404);
      expect(await response.text()).toBe('');
    },
  );

  it.each([
    ['app://augenhoehe/../secret.txt'],
    ['app://augenhoehe/%2e%2e/secret.txt'],
    ['app://augenhoehe/..%2fsecret.txt'],
    ['app://augenhoehe/assets/..%2f..%2f..%2fsecret.txt'],
    ['app://augenhoehe/missing.js'],
  ])('never returns a file outside the renderer for %s', async (url) => {
    const response = await get(url);
    expect(response.status).not.toBe(200);
    expect(await response.text()).not.toContain(secretOutsideRoot);
  });
});
