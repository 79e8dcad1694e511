/**
 * What the desktop window does beyond a browser tab, run without Electron: a recording
 * power-save blocker, a recording Notification class and a window that is an EventEmitter.
 */
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createDesktop,
  type DesktopDeps,
  type DesktopWindow,
} from '../../src-main/electron/desktop';
import { NO_MEDIA_CONSENT } from '../../src-main/security/policy';
import { createDisplayAwake } from '../../src-main/services/display-awake';
import {
  createKnockNotice,
  KNOCK_NOTICE,
  KNOCK_NOTICE_QUIET_MS,
} from '../../src-main/services/knock-notice';
import { createHarness } from './fixtures';

function recordingBlocker() {
  const calls: string[] = [];
  let next = 1;
  return {
    calls,
    start(type: 'prevent-display-sleep') {
      calls.push(`start ${type}`);
      return next++;
    },
    stop(id: number) {
      calls.push(`stop ${id}`);
    },
  };
}

interface Shown {
  title: string;
  body: string;
  click: () => void;
}

function fakeWindow() {
  const contents = new EventEmitter();
  const state = { focused: true, visible: true, minimized: false, destroyed: false };
  const calls: string[] = [];
  const window = {
    state,
    calls,
    contents,
    isDestroyed: () => state.destroyed,
    isFocused: () => state.focused,
    isVisible: () => state.visible,
    isMinimized: () => state.minimized,
    restore: () => void calls.push('restore'),
    show: () => void calls.push('show'),
    focus: () => void calls.push('focus'),
    webContents: { on: (event: string, listener: () => void) => contents.on(event, listener) },
  };
  return window;
}

let blocker: ReturnType<typeof recordingBlocker>;
let shown: Shown[];
let supported: boolean;
let window: ReturnType<typeof fakeWindow>;
let desktop: ReturnType<typeof createDesktop>;

beforeEach(() => {
  blocker = recordingBlocker();
  shown = [];
  supported = true;
  class FakeNotification {
    static isSupported = () => supported;
    private click: () => void = () => {};
    constructor(private readonly options: { title: string; body: string }) {}
    on(event: string, listener: () => void) {
      if (event === 'click') this.click = listener;
      return this;
    }
    show() {
      shown.push({ ...this.options, click: () => this.click() });
    }
  }
  desktop = createDesktop({
    powerSaveBlocker: blocker,
    Notification: FakeNotification as unknown as DesktopDeps['Notification'],
  });
  window = fakeWindow();
  desktop.attach(window as unknown as DesktopWindow);
});

describe('camera and microphone follow consent', () => {
  it('the page tells main what was ticked; a new page load forgets it', () => {
    expect(desktop.consent.current()).toStrictEqual(NO_MEDIA_CONSENT);
    expect(desktop.controls.setMediaConsent({ camera: true, microphone: true })).toBe(true);
    expect(desktop.consent.current()).toStrictEqual({ camera: true, microphone: true });
    window.contents.emit('did-start-loading');
    expect(desktop.consent.current()).toStrictEqual(NO_MEDIA_CONSENT);
    desktop.controls.setMediaConsent({ camera: false, microphone: true });
    window.contents.emit('render-process-gone');
    expect(desktop.consent.current()).toStrictEqual(NO_MEDIA_CONSENT);
  });
});

describe('the display stays awake during a call', () => {
  it('one blocker while in a call, released when it ends, on reload and on quit', () => {
    desktop.controls.keepDisplayAwake(true);
    desktop.controls.keepDisplayAwake(true);
    expect(blocker.calls).toStrictEqual(['start prevent-display-sleep']);
    desktop.controls.keepDisplayAwake(false);
    desktop.controls.keepDisplayAwake(false);
    expect(blocker.calls).toStrictEqual(['start prevent-display-sleep', 'stop 1']);

    desktop.controls.keepDisplayAwake(true);
    window.contents.emit('did-start-loading');
    expect(blocker.calls.slice(2)).toStrictEqual(['start prevent-display-sleep', 'stop 2']);

    desktop.controls.keepDisplayAwake(true);
    desktop.release();
    expect(blocker.calls.slice(4)).toStrictEqual(['start prevent-display-sleep', 'stop 3']);
  });

  it('createDisplayAwake says whether it holds the display', () => {
    const awake = createDisplayAwake(recordingBlocker());
    expect(awake.isHeld()).toBe(false);
    awake.set(true);
    expect(awake.isHeld()).toBe(true);
    awake.release();
    expect(awake.isHeld()).toBe(false);
  });
});

describe('a knock while the window is in the background', () => {
  it('raises no notification while the worker looks at the window', () => {
    expect(desktop.controls.notifyKnock('de')).toBe(false);
    expect(shown).toStrictEqual([]);
  });

  it.each([
    ['unfocused', { focused: false }],
    ['minimised', { minimized: true, focused: false }],
    ['hidden', { visible: false }],
  ])('raises one, without a name, when the window is %s', (_label, change) => {
    Object.assign(window.state, change);
    expect(desktop.controls.notifyKnock('de')).toBe(true);
    expect(shown.map(({ title, body }) => ({ title, body }))).toStrictEqual([
      { title: 'Augenhöhe', body: 'Jemand wartet im Warteraum.' },
    ]);
    // Clicking it brings the window back.
    shown[0]?.click();
    expect(window.calls).toContain('focus');
    expect(window.calls).toContain('show');
  });

  it('speaks the language the page names, and nothing the page writes', () => {
    window.state.focused = false;
    desktop.controls.notifyKnock('en');
    expect(shown[0]?.body).toBe('Someone is waiting in the waiting room.');
    for (const text of Object.values(KNOCK_NOTICE)) {
      expect(text.title).toBe('Augenhöhe');
    }
  });

  it('says nothing where the system has no notifications', () => {
    window.state.focused = false;
    supported = false;
    expect(desktop.controls.notifyKnock('de')).toBe(false);
    expect(shown).toStrictEqual([]);
  });

  it('raises at most one while a guest keeps knocking', () => {
    let now = 1_000_000;
    let background = true;
    const texts: string[] = [];
    const notice = createKnockNotice({
      inForeground: () => !background,
      show: (text) => {
        texts.push(text.body);
        return true;
      },
      bringToFront: () => {},
      now: () => now,
    });
    expect(notice.notify('de')).toBe(true);
    now += 3_000;
    expect(notice.notify('de')).toBe(false);
    now += KNOCK_NOTICE_QUIET_MS;
    expect(notice.notify('de')).toBe(true);
    background = false;
    now += KNOCK_NOTICE_QUIET_MS;
    expect(notice.notify('de')).toBe(false);
    expect(texts).toHaveLength(2);
  });
});

describe('browser mode', () => {
  it('has none of it: the handlers answer that nothing was applied', async () => {
    const { handlers } = createHarness();
    expect(await handlers['media:consent']({ camera: true, microphone: true })).toStrictEqual({
      applied: false,
    });
    expect(await handlers['display:keep-awake']({ awake: true })).toStrictEqual({
      applied: false,
    });
    expect(await handlers['notification:knock']({ language: 'de' })).toStrictEqual({
      shown: false,
    });
  });
});
