/**
 * What the desktop app does for a call beyond a browser tab, as three calls any part of
 * the renderer can make without knowing which shell it runs in. In the desktop app they go
 * to main; on the guest page and in browser mode they fall back to what a browser offers,
 * or do nothing where the browser asks for itself.
 */
import type { AppApi } from '../../src-shared/api-surface';
import { currentLanguage } from '../i18n';

let transport: AppApi | null = null;

/** The host API, once known (null on a guest page). */
export function setDesktopTransport(api: AppApi | null): void {
  transport = api;
}

/**
 * Camera and microphone as the person ticked them, each time that changes. Await it before
 * asking for a device: the desktop window grants a device only after main has heard this.
 */
export async function allowMedia(consent: { camera: boolean; microphone: boolean }): Promise<void> {
  if (!transport) return;
  await transport
    .setMediaConsent({ camera: consent.camera, microphone: consent.microphone })
    .catch(() => undefined);
}

let wakeWanted = false;
let wakeLock: WakeLockSentinel | null = null;

/** The browser's Screen Wake Lock; it is dropped whenever the tab is hidden, so it is taken again. */
async function takeWakeLock(): Promise<void> {
  if (!wakeWanted || wakeLock || document.visibilityState !== 'visible') return;
  if (!('wakeLock' in navigator)) return;
  try {
    const lock = await navigator.wakeLock.request('screen');
    lock.addEventListener('release', () => {
      if (wakeLock === lock) wakeLock = null;
    });
    if (wakeWanted) wakeLock = lock;
    else void lock.release();
  } catch {
    // Refused (battery saver, say): the call goes on, the display may dim.
  }
}

if (typeof document !== 'undefined') {
  document.addEventListener('visibilitychange', () => void takeWakeLock());
}

/** True from joining a call to leaving it: the display does not go to sleep meanwhile. */
export function keepDisplayAwake(awake: boolean): void {
  wakeWanted = awake;
  void (async () => {
    const applied = transport
      ? await transport.keepDisplayAwake({ awake }).then(
          (result) => result.ok && result.value.applied,
          () => false,
        )
      : false;
    if (applied) return;
    if (awake) await takeWakeLock();
    else {
      const lock = wakeLock;
      wakeLock = null;
      await lock?.release().catch(() => undefined);
    }
  })();
}

/**
 * A guest knocked: in the desktop app, a system notification if the window is in the
 * background. Main writes the text, with no name in it; this only says which language.
 */
export function notifyKnock(): void {
  void transport?.notifyKnock({ language: currentLanguage() }).catch(() => undefined);
}
