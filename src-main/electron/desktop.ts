/**
 * What the desktop window can do beyond a browser tab, wired to Electron: camera and
 * microphone as the person ticked them, the display kept awake in a call, and a system
 * notification for a knock. The decisions are plain modules; this file only connects them.
 */
import type { BrowserWindow, Notification as NotificationType } from 'electron';
import type { DesktopControls } from '../ipc/handlers';
import { createMediaConsentState, type MediaConsentState } from '../security/policy';
import { createDisplayAwake, type PowerSaveBlockerLike } from '../services/display-awake';
import { createKnockNotice } from '../services/knock-notice';

export type DesktopWindow = Pick<
  BrowserWindow,
  'isDestroyed' | 'isFocused' | 'isVisible' | 'isMinimized' | 'restore' | 'show' | 'focus'
> & {
  webContents: Pick<BrowserWindow['webContents'], 'on'>;
};

export interface DesktopDeps {
  powerSaveBlocker: PowerSaveBlockerLike;
  Notification: Pick<typeof NotificationType, 'isSupported'> &
    (new (options: {
      title: string;
      body: string;
      silent?: boolean;
    }) => Pick<NotificationType, 'on' | 'show'>);
}

export interface Desktop {
  controls: DesktopControls;
  consent: MediaConsentState;
  /** The window the controls act on; a new page in it starts with no consent and no blocker. */
  attach(window: DesktopWindow): void;
  /** On quit. */
  release(): void;
}

export function createDesktop(deps: DesktopDeps): Desktop {
  const consent = createMediaConsentState();
  const awake = createDisplayAwake(deps.powerSaveBlocker);
  let window: DesktopWindow | null = null;
  const live = () => (window && !window.isDestroyed() ? window : null);

  const knocks = createKnockNotice({
    inForeground: () => {
      const target = live();
      return target !== null && target.isVisible() && !target.isMinimized() && target.isFocused();
    },
    show(text, onClick) {
      if (!deps.Notification.isSupported()) return false;
      const notification = new deps.Notification({ title: text.title, body: text.body });
      notification.on('click', onClick);
      notification.show();
      return true;
    },
    bringToFront() {
      const target = live();
      if (!target) return;
      if (target.isMinimized()) target.restore();
      target.show();
      target.focus();
    },
  });

  return {
    consent,
    controls: {
      setMediaConsent: (choice) => {
        consent.set(choice);
        return true;
      },
      keepDisplayAwake: (on) => awake.set(on),
      notifyKnock: (language) => knocks.notify(language),
    },
    attach(target) {
      window = target;
      // A reload or a crashed page ends any call: its choices and its blocker go with it.
      const forget = () => {
        consent.reset();
        awake.release();
      };
      target.webContents.on('did-start-loading', forget);
      target.webContents.on('render-process-gone', forget);
    },
    release: () => awake.release(),
  };
}
