/**
 * The deep-link wiring, run without the Electron binary: an EventEmitter stands in for
 * `app`, another for the window's webContents, and each records what it was asked to do.
 */
import { EventEmitter } from 'node:events';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  registerDeepLinks,
  type DeepLinkApp,
  type DeepLinkOptions,
  type DeepLinkWindow,
} from '../../src-main/electron/deep-links';
import { createLogger, createMemoryLogSink } from '../../src-main/services/logger';
import { APP_LINK_PREFIX, formatInviteLink } from '../../src-shared/invite-link';

const NOW = 1_800_000_000;
const b64 = (data: string | Uint8Array) => Buffer.from(data).toString('base64url');
const jwt = (exp: number) =>
  [b64('{"alg":"HS256"}'), b64(JSON.stringify({ exp })), b64('sig')].join('.');
const link = (exp = NOW + 600) =>
  formatInviteLink(APP_LINK_PREFIX, {
    serverUrl: 'wss://lk.example.org',
    waitingToken: jwt(exp),
    waitingKey: b64(new Uint8Array(32).fill(3)),
    hostPublicKey: b64(Uint8Array.from([4, ...new Array<number>(64).fill(9)])),
  });
const fragmentOf = (url: string) => url.slice(url.indexOf('#') + 1);

function fakeApp() {
  return Object.assign(new EventEmitter(), { setAsDefaultProtocolClient: vi.fn(() => true) });
}

function fakeWindow({ minimized = false } = {}) {
  const webContents = Object.assign(new EventEmitter(), { send: vi.fn(), loadURL: vi.fn() });
  return {
    webContents,
    isDestroyed: vi.fn(() => false),
    isMinimized: vi.fn(() => minimized),
    restore: vi.fn(),
    focus: vi.fn(),
    loadURL: vi.fn(),
  };
}

function setup(options: Partial<DeepLinkOptions> = {}) {
  const app = fakeApp();
  const clock = { now: NOW * 1000 };
  const deepLinks = registerDeepLinks(app as unknown as DeepLinkApp, {
    argv: ['/opt/augenhoehe/augenhoehe'],
    defaultApp: false,
    execPath: '/opt/augenhoehe/augenhoehe',
    now: () => clock.now,
    ...options,
  });
  const sink = createMemoryLogSink();
  const logger = createLogger(sink);
  const window = fakeWindow();
  const attach = (target = window) => deepLinks.attach(target as unknown as DeepLinkWindow, logger);
  const openUrl = (url: string) => {
    const preventDefault = vi.fn();
    app.emit('open-url', { preventDefault }, url);
    return preventDefault;
  };
  const secondInstance = (argv: string[]) => app.emit('second-instance', {}, argv, '/', {});
  const sent = () => window.webContents.send.mock.calls;
  const codes = () => sink.lines.map((line) => (JSON.parse(line) as { code: string }).code);
  return { app, clock, window, attach, openUrl, secondInstance, sent, sink, codes };
}

describe('protocol registration', () => {
  it('registers augenhoehe: for the packaged app, with no extra arguments', () => {
    const { app } = setup();
    expect(app.setAsDefaultProtocolClient).toHaveBeenCalledTimes(1);
    expect(app.setAsDefaultProtocolClient).toHaveBeenCalledWith('augenhoehe');
  });

  it('in development registers Electron itself with the app path, as the Electron docs describe', () => {
    const { app } = setup({
      defaultApp: true,
      execPath: '/x/electron',
      argv: ['/x/electron', '.'],
    });
    expect(app.setAsDefaultProtocolClient).toHaveBeenCalledWith('augenhoehe', '/x/electron', [
      resolve('.'),
    ]);
  });
});

describe('delivering links to the page', () => {
  it('holds the link from the first start until the page has loaded', () => {
    const url = link();
    const t = setup({ argv: ['/opt/augenhoehe/augenhoehe', url] });
    t.attach();
    expect(t.sent()).toEqual([]);
    t.window.webContents.emit('did-finish-load');
    expect(t.sent()).toEqual([['deeplink:open', { fragment: fragmentOf(url) }]]);
    expect(t.codes()).toEqual(['deeplink.opened']);
  });

  it('macOS open-url: prevents the default, delivers, and brings the window to the front', () => {
    const t = setup();
    const minimized = fakeWindow({ minimized: true });
    t.attach(minimized);
    minimized.webContents.emit('did-finish-load');
    const url = link();
    expect(t.openUrl(url)).toHaveBeenCalled();
    expect(minimized.webContents.send).toHaveBeenCalledWith('deeplink:open', {
      fragment: fragmentOf(url),
    });
    expect(minimized.restore).toHaveBeenCalled();
    expect(minimized.focus).toHaveBeenCalled();
  });

  it('open-url before the window exists (the link that launched the app) waits for it', () => {
    const t = setup();
    const url = link();
    t.openUrl(url);
    t.attach();
    t.window.webContents.emit('did-finish-load');
    expect(t.sent()).toEqual([['deeplink:open', { fragment: fragmentOf(url) }]]);
  });

  it('second instance: takes the link from its command line and focuses the window', () => {
    const t = setup();
    t.attach();
    t.window.webContents.emit('did-finish-load');
    const url = link();
    t.secondInstance(['C:\\A\\Augenhoehe.exe', '--original-process-start-time=1', `"${url}"`]);
    expect(t.sent()).toEqual([['deeplink:open', { fragment: fragmentOf(url) }]]);
    expect(t.window.focus).toHaveBeenCalled();
    expect(t.window.restore).not.toHaveBeenCalled();
  });

  it('second instance without a link: only focuses', () => {
    const t = setup();
    t.attach();
    t.window.webContents.emit('did-finish-load');
    t.secondInstance(['C:\\A\\Augenhoehe.exe', 'https://guest.example/#v=2']);
    expect(t.sent()).toEqual([]);
    expect(t.window.focus).toHaveBeenCalledTimes(1);
    expect(t.sink.lines).toEqual([]);
  });

  it('holds links while the page reloads', () => {
    const t = setup();
    t.attach();
    t.window.webContents.emit('did-finish-load');
    t.window.webContents.emit('did-start-loading');
    t.openUrl(link());
    expect(t.sent()).toEqual([]);
    t.window.webContents.emit('did-finish-load');
    expect(t.sent()).toHaveLength(1);
  });

  it('keeps only the last few links when many arrive before the page is ready', () => {
    const t = setup();
    const urls = Array.from({ length: 10 }, (_, i) => link(NOW + 600 + i));
    for (const url of urls) t.openUrl(url);
    t.attach();
    t.window.webContents.emit('did-finish-load');
    expect(t.sent().map((call) => call[1])).toEqual(
      urls.slice(-4).map((url) => ({ fragment: fragmentOf(url) })),
    );
  });

  it('sends nothing to a destroyed window', () => {
    const t = setup();
    t.attach();
    t.window.webContents.emit('did-finish-load');
    t.window.isDestroyed.mockReturnValue(true);
    t.openUrl(link());
    expect(t.sent()).toEqual([]);
    expect(t.window.focus).not.toHaveBeenCalled();
  });

  it('a new window takes over from the old one', () => {
    const t = setup();
    t.attach();
    t.window.webContents.emit('did-finish-load');
    const next = fakeWindow();
    t.attach(next);
    t.window.webContents.emit('did-finish-load');
    t.openUrl(link());
    expect(t.sent()).toEqual([]);
    next.webContents.emit('did-finish-load');
    expect(next.webContents.send).toHaveBeenCalledTimes(1);
  });
});

describe('refusing links', () => {
  it.each([
    ['another augenhoehe: host', link().replace('//join', '//evil')],
    ['a broken link', 'augenhoehe://join#v=2&s=x'],
    ['an https link by open-url', 'https://guest.example/#v=2'],
    ['not a string', 42 as unknown as string],
  ])('%s: nothing sent, deeplink.rejected logged', (_what, url) => {
    const t = setup();
    t.attach();
    t.window.webContents.emit('did-finish-load');
    t.openUrl(url);
    expect(t.sent()).toEqual([]);
    expect(t.codes()).toEqual(typeof url === 'string' ? ['deeplink.rejected'] : []);
  });

  it('checks expiry when the link is delivered, not when it arrived', () => {
    const url = link(NOW + 60);
    const t = setup({ argv: ['app', url] });
    t.clock.now = (NOW + 61) * 1000;
    t.attach();
    t.window.webContents.emit('did-finish-load');
    expect(t.sent()).toEqual([]);
    expect(t.sink.lines.map((line) => JSON.parse(line) as object)).toEqual([
      expect.objectContaining({ code: 'deeplink.rejected', expired: true }),
    ]);
  });

  it('never navigates and never logs the link', () => {
    const t = setup();
    t.attach();
    t.window.webContents.emit('did-finish-load');
    const good = link();
    const bad = good.replace('//join', '//evil');
    t.openUrl(good);
    t.openUrl(bad);
    t.secondInstance(['app', good]);
    expect(t.window.loadURL).not.toHaveBeenCalled();
    expect(t.window.webContents.loadURL).not.toHaveBeenCalled();
    const log = t.sink.lines.join('\n');
    expect(t.codes()).toEqual(['deeplink.opened', 'deeplink.rejected', 'deeplink.opened']);
    for (const secret of [
      fragmentOf(good),
      'wss',
      'lk.example',
      b64(new Uint8Array(32).fill(3)),
      'augenhoehe:',
    ])
      expect(log).not.toContain(secret);
  });
});
