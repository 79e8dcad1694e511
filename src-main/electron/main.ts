/**
 * The Electron shell: only what needs Electron lives here. Everything with logic is a
 * plain module under src-main that the tests run without the binary.
 */
import {
  app,
  BrowserWindow,
  desktopCapturer,
  dialog,
  ipcMain,
  Notification,
  powerSaveBlocker,
  protocol,
  session,
  shell,
} from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppServices } from '../app-services';
import { createDailyFileLogSink } from '../services/log-file';
import { readLocalServerConfig } from '../services/local-server-config';
import { createScreenPicker } from '../services/screen-picker';
import { openSecretStore, type KeytarLike } from '../services/secret-store';
import { APP_ID, APP_SCHEME } from '../security/policy';
import { registerAppProtocol } from './app-protocol';
import { appendChromiumSwitches } from './chromium-switches';
import { registerDeepLinks, type DeepLinks } from './deep-links';
import { createDesktop } from './desktop';
import { registerIpc } from './ipc';
import { createElectronSettingsStore } from './settings-store';
import { allowScreenSharing, applySessionSecurity, lockDownWebContents } from './session-security';
import { createMainWindow } from './window';

const here = fileURLToPath(new URL('.', import.meta.url));

// Must happen before 'ready': a standard, secure scheme gets a real origin for CSP and media.
// V8's code cache (off by default for custom schemes) keeps the app's compiled scripts
// between starts; the files come from disk, so compressing them would only cost time.
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
  },
]);
app.enableSandbox();
appendChromiumSwitches(app.commandLine);
lockDownWebContents(app);

let mainWindow: BrowserWindow | null = null;
let deepLinks: DeepLinks | null = null;
const desktop = createDesktop({ powerSaveBlocker, Notification });

async function start(): Promise<void> {
  const localServer = readLocalServerConfig(process.env);
  // Where no keychain answers this is the `missing` store: the page says so on its first
  // screen, and nothing that needs a key is kept.
  const secrets = await openSecretStore(async () => {
    const keytar = (await import('keytar')) as unknown as { default?: KeytarLike } & KeytarLike;
    return keytar.default ?? keytar;
  });
  const screenPicker = createScreenPicker();
  const services = await createAppServices({
    shell: 'electron',
    localServer,
    secrets,
    logSink: createDailyFileLogSink(join(app.getPath('userData'), 'logs')),
    logDir: join(app.getPath('userData'), 'logs'),
    chooseExportPath: async (suggested) => {
      const choice = await dialog.showSaveDialog({
        defaultPath: join(app.getPath('documents'), suggested),
      });
      return choice.canceled || !choice.filePath ? null : choice.filePath;
    },
    openExternal: (url) => shell.openExternal(url),
    dataDir: app.getPath('userData'),
    settingsStore: createElectronSettingsStore(),
    localGuestPageUrl: () => process.env.AUGENHOEHE_GUEST_PAGE_URL ?? 'http://127.0.0.1:5181/',
    desktop: desktop.controls,
    screenPicker,
  });
  registerAppProtocol(protocol, join(here, '../renderer'), services.csp);
  applySessionSecurity(session.defaultSession, desktop.consent.current);
  allowScreenSharing(session.defaultSession, desktopCapturer, screenPicker);
  registerIpc(ipcMain, services.handlers, services.logger);
  mainWindow = createMainWindow(BrowserWindow, join(here, '../preload/index.cjs'));
  desktop.attach(mainWindow);
  deepLinks?.attach(mainWindow, services.logger);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Before 'ready': macOS delivers the link that launched the app as an early 'open-url'.
  // This also handles 'second-instance' (focus, and the link in its command line).
  deepLinks = registerDeepLinks(app, {
    argv: process.argv,
    defaultApp: process.defaultApp === true,
    execPath: process.execPath,
  });
  // Windows shows notifications only for an app id that matches the installer's shortcut.
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => desktop.release());
  void app.whenReady().then(start);
}
