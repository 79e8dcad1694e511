/**
 * The app's security decisions as pure functions, so they are tested without Electron.
 * The Electron wiring in src-main/electron only calls these.
 */

/** The id installers register the app under (electron-builder's appId). */
export const APP_ID = 'org.augenhoehe.desktop';
export const APP_SCHEME = 'app';
export const APP_HOST = 'augenhoehe';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * True only for pages of the app itself: no other scheme, host, port or credentials.
 * Compared part by part because Node's URL gives custom schemes the origin "null".
 */
export function isAppUrl(url: string, appOrigin: string = APP_ORIGIN): boolean {
  try {
    const candidate = new URL(url);
    const app = new URL(appOrigin);
    return (
      candidate.protocol === app.protocol &&
      candidate.host === app.host &&
      candidate.host !== '' &&
      candidate.username === '' &&
      candidate.password === ''
    );
  } catch {
    return false;
  }
}

/** What the person ticked in the app: the window may use these devices, and no others. */
export interface MediaConsent {
  camera: boolean;
  microphone: boolean;
}

export const NO_MEDIA_CONSENT: MediaConsent = Object.freeze({ camera: false, microphone: false });

export interface PermissionAsk {
  permission: string;
  /** The page (or origin) that asks; anything but the app's own is refused. */
  requestingUrl: string | undefined;
  /**
   * For `media`: the devices asked for, as Electron names them ('video', 'audio'; a check
   * may say 'unknown'). None, or one not named here, is refused.
   */
  mediaTypes?: readonly string[];
}

/**
 * What a page may use. Everything not listed is denied; setting a handler to null would
 * ask Chromium's defaults, so the handlers always answer from this table.
 *
 * | permission                | granted when                                            |
 * |---------------------------|---------------------------------------------------------|
 * | media: video (camera)     | the app's own origin asks and the person ticked camera  |
 * | media: audio (microphone) | the app's own origin asks and the person ticked the mic |
 * | fullscreen                | the app's own origin asks                               |
 * | clipboard-sanitized-write | the app's own origin asks (copy a link)                 |
 * | everything else           | never (notifications, geolocation, midi, usb, hid, ...) |
 *
 * Camera and microphone follow consent: before the person ticks them, even the app's own
 * page gets no device, so no bug and no injected script can switch one on early.
 */
const allowedForApp = new Set(['media', 'fullscreen', 'clipboard-sanitized-write']);
const consentFor: Record<string, keyof MediaConsent> = { video: 'camera', audio: 'microphone' };

export function decidePermission(
  ask: PermissionAsk,
  consent: MediaConsent,
  appOrigin: string = APP_ORIGIN,
): boolean {
  const { permission, requestingUrl } = ask;
  if (!allowedForApp.has(permission)) return false;
  if (requestingUrl === undefined || !isAppUrl(requestingUrl, appOrigin)) return false;
  if (permission !== 'media') return true;
  const types = ask.mediaTypes ?? [];
  return (
    types.length > 0 &&
    types.every((type) => {
      const device = Object.hasOwn(consentFor, type) ? consentFor[type] : undefined;
      return device !== undefined && consent[device] === true;
    })
  );
}

/** The person's current choice, for the window's permission handlers; reset with every page load. */
export function createMediaConsentState() {
  let current: MediaConsent = NO_MEDIA_CONSENT;
  return {
    current: (): MediaConsent => current,
    set(consent: MediaConsent): void {
      current = Object.freeze({
        camera: consent.camera === true,
        microphone: consent.microphone === true,
      });
    },
    reset(): void {
      current = NO_MEDIA_CONSENT;
    },
  };
}

export type MediaConsentState = ReturnType<typeof createMediaConsentState>;

/** IPC is answered only for the app's own top-level page. */
export function isTrustedSender(
  senderFrameUrl: string | undefined,
  isMainFrame: boolean,
  appOrigin: string = APP_ORIGIN,
): boolean {
  return isMainFrame && senderFrameUrl !== undefined && isAppUrl(senderFrameUrl, appOrigin);
}
