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
  protocol,
  session,
  shell,
} from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppServices } from '../app-services';
import { createDailyFileLogSink } from '../services/log-file';
import { readLocalServerConfig } from '../services/local-server-config';
import { openSecretStore, type KeytarLike } from '../services/secret-store';
import { APP_SCHEME } from '../security/policy';
import { registerAppProtocol } from './app-protocol';
import { registerDeepLinks, type DeepLinks } from './deep-links';
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
lockDownWebContents(app);

let mainWindow: BrowserWindow | null = null;
let deepLinks: DeepLinks | null = null;

async function start(): Promise<void> {
  const localServer = readLocalServerConfig(process.env);
  const { store } = await openSecretStore(async () => {
    const keytar = (await import('keytar')) as unknown as { default?: KeytarLike } & KeytarLike;
    return keytar.default ?? keytar;
  });
  const services = await createAppServices({
    shell: 'electron',
    localServer,
    secrets: store,
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
  });
  registerAppProtocol(protocol, join(here, '../renderer'), services.csp);
  applySessionSecurity(session.defaultSession);
  allowScreenSharing(session.defaultSession, desktopCapturer);
  registerIpc(ipcMain, services.handlers, services.logger);
  mainWindow = createMainWindow(BrowserWindow, join(here, '../preload/index.cjs'));
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
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(start);
}
