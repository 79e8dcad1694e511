import type { App, DesktopCapturer, Session } from 'electron';
import { decidePermission, isAppUrl, type MediaConsent } from '../security/policy';
import { chooseScreen, type ScreenPicker } from '../services/screen-picker';

/**
 * Permission handlers that deny by default (see the table in security/policy.ts); camera
 * and microphone only as far as `consent()` says the person ticked them right now.
 */
export function applySessionSecurity(session: Session, consent: () => MediaConsent): void {
  session.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    const requestingUrl = details.requestingUrl ?? webContents.getURL();
    callback(decidePermission({ permission, requestingUrl, mediaTypes }, consent()));
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) =>
    decidePermission(
      {
        permission,
        requestingUrl: requestingOrigin,
        mediaTypes: details?.mediaType ? [details.mediaType] : undefined,
      },
      consent(),
    ),
  );
  // No device picker, no USB/HID/serial: nothing here needs them.
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
}

/** Every page, present and future: no navigation away from the app, no new windows, no webviews. */
export function lockDownWebContents(app: App): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

/**
 * Screen sharing for the app's own page only, after the person agreed in the app: the app's
 * own picker (in the page) shows every screen and window, and only the one chosen is
 * shared. Cancel, no answer, or a page that is not the app's share nothing. The
 * computer's sound goes along only where asked for and possible (Windows).
 */
export function allowScreenSharing(
  session: Session,
  desktopCapturer: DesktopCapturer,
  picker: ScreenPicker,
  platform: NodeJS.Platform = process.platform,
): void {
  session.setDisplayMediaRequestHandler((request, callback) => {
    const frame = request.frame;
    if (!frame || frame.parent !== null || !isAppUrl(frame.url)) return callback({});
    const ask = picker.ask((question) => frame.send('screen:choose', question));
    void desktopCapturer
      .getSources({ types: ['screen', 'window'], thumbnailSize: { width: 320, height: 180 } })
      .then((sources) => chooseScreen(sources, ask, platform === 'win32' && request.audioRequested))
      .then((streams) => callback(streams ?? {}))
      .catch(() => callback({}));
  });
}
