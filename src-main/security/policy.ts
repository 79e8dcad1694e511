/**
 * The app's security decisions as pure functions, so they are tested without Electron.
 * The Electron wiring in src-main/electron only calls these.
 */

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

/**
 * What a page may use. Everything not listed is denied.
 *
 * | permission            | granted when                        |
 * |-----------------------|-------------------------------------|
 * | media (camera, mic)   | the app's own origin asks           |
 * | fullscreen            | the app's own origin asks           |
 * | clipboard-sanitized-write | the app's own origin (copy a link) |
 * | everything else       | never (notifications, geolocation, midi, usb, hid, serial, ...) |
 *
 * The person's consent to camera and microphone is asked in the app before it requests
 * the device; this table only stops anything else from asking at all.
 */
const allowedForApp = new Set(['media', 'fullscreen', 'clipboard-sanitized-write']);

export function decidePermission(
  permission: string,
  requestingUrl: string | undefined,
  appOrigin: string = APP_ORIGIN,
): boolean {
  return (
    allowedForApp.has(permission) &&
    requestingUrl !== undefined &&
    isAppUrl(requestingUrl, appOrigin)
  );
}

/** IPC is answered only for the app's own top-level page. */
export function isTrustedSender(
  senderFrameUrl: string | undefined,
  isMainFrame: boolean,
  appOrigin: string = APP_ORIGIN,
): boolean {
  return isMainFrame && senderFrameUrl !== undefined && isAppUrl(senderFrameUrl, appOrigin);
}
