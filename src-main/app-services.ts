/**
 * Wires the plain services together for either shell. Electron's main.ts and the
 * browser-mode runner both call this, so both run exactly the same handlers.
 */
import { join } from 'node:path';
import {
  createIpcHandlers,
  noDesktopControls,
  type DesktopControls,
  type IpcHandlers,
} from './ipc/handlers';
import { createConsultationService, type StoredConsultation } from './services/consultations';
import { contentSecurityPolicy } from './services/content-security-policy';
import { encryptedJsonFile } from './services/encrypted-file';
import type { LocalServerConfig } from './services/local-server-config';
import { isOpenableExternalUrl } from './services/external-links';
import { deleteOldLogs } from './services/log-file';
import { createLogger, type Logger, type LogSink } from './services/logger';
import { createNoteExporter, type ChooseExportPath } from './services/note-export';
import { createNotesVault } from './services/notes-vault';
import { createJsonRetentionStore } from './services/privacy-settings';
import { createRoomAdmin } from './services/room-admin';
import type { ScreenPicker } from './services/screen-picker';
import type { SecretStore } from './services/secret-store';
import { sessionOnlyJsonFile } from './services/session-only-file';
import {
  createServerSettings,
  type ServerSettingsService,
  type SettingsStore,
} from './services/server-settings';

export interface AppServices {
  handlers: IpcHandlers;
  logger: Logger;
  settings: ServerSettingsService;
  /** Recomputed per response: the allowed LiveKit server follows the settings. */
  csp: () => Promise<string>;
}

export interface AppServiceOptions {
  shell: 'electron' | 'browser';
  /** The embedded server `npm start` runs, if any. */
  localServer: LocalServerConfig | null;
  secrets: SecretStore;
  logSink: LogSink;
  /** Where this app keeps its files (consultations). */
  dataDir: string;
  settingsStore: SettingsStore;
  /** Where the log files are (deleted after the retention period). */
  logDir: string;
  /** The desktop save dialog, or 'download' in browser mode. */
  chooseExportPath: ChooseExportPath;
  /** Hands a checked http(s) address to the system browser; absent in browser mode. */
  openExternal?: (url: string) => Promise<void>;
  /** Where the guest page for the local server is served. */
  localGuestPageUrl: () => string;
  /** Permissions, display and notifications of the desktop window; absent in browser mode. */
  desktop?: DesktopControls;
  /** The desktop app's screen picker (answers come back over IPC); absent in browser mode. */
  screenPicker?: ScreenPicker;
}

export async function createAppServices(options: AppServiceOptions): Promise<AppServices> {
  const logger = createLogger(options.logSink);
  const settings = createServerSettings({
    secrets: options.secrets,
    localServer: options.localServer,
    localGuestPageUrl: options.localGuestPageUrl,
    store: options.settingsStore,
  });
  const consultations = createConsultationService({
    settings,
    // Without a keychain there is no file key that outlives this run (the page says so);
    // a file left by an earlier run stays untouched for when the keychain is back.
    file:
      options.secrets.kind === 'missing'
        ? sessionOnlyJsonFile<StoredConsultation[]>()
        : encryptedJsonFile<StoredConsultation[]>(
            join(options.dataDir, 'consultations.enc'),
            options.secrets,
            // API keys cannot contain spaces, so this account never clashes with one.
            'file key consultations',
          ),
    roomAdmin: createRoomAdmin,
    logger,
  });
  const retention = createJsonRetentionStore(join(options.dataDir, 'privacy.json'));
  const notes = createNotesVault({
    dir: join(options.dataDir, 'notes'),
    secrets: options.secrets,
    retention,
    logger,
  });
  const exportNote = createNoteExporter({
    vault: notes,
    choosePath: options.chooseExportPath,
    logger,
  });
  const openExternal = options.openExternal;
  const openLink = async (url: string) => {
    if (!openExternal || !isOpenableExternalUrl(url)) return false;
    await openExternal(url);
    logger.event('links.opened');
    return true;
  };
  // Every page response carries the CSP; reading the settings (and, for an organisation's
  // server, the keychain) each time would be wasted work, so it is kept until a save.
  const cspFor = (serverUrl: string) => contentSecurityPolicy(serverUrl ? [serverUrl] : []);
  let cachedCsp: Promise<string> | null = null;
  const csp = () => (cachedCsp ??= settings.view().then((view) => cspFor(view.serverUrl)));
  const settingsThatRefreshCsp: ServerSettingsService = {
    ...settings,
    save: async (input) => {
      const view = await settings.save(input);
      cachedCsp = Promise.resolve(cspFor(view.serverUrl));
      return view;
    },
  };
  const handlers = createIpcHandlers({
    shell: options.shell,
    secretStore: options.secrets.kind,
    settings: settingsThatRefreshCsp,
    consultations,
    notes,
    exportNote,
    openLink,
    retention,
    logger,
    desktop: options.desktop ?? noDesktopControls,
    screenPicker: options.screenPicker,
  });

  // Retention runs at start and then every few hours, for as long as the app runs.
  const purge = async () => {
    const { logRetentionDays } = await retention.read();
    const logs = await deleteOldLogs(options.logDir, logRetentionDays);
    const expired = await notes.purgeExpired();
    logger.event('retention.purged', { logs, notes: expired });
  };
  void purge().catch(() => logger.event('retention.failed'));
  setInterval(
    () => void purge().catch(() => logger.event('retention.failed')),
    6 * 60 * 60 * 1000,
  ).unref();
  logger.event('app.started', { keychain: options.secrets.kind === 'keychain' });
  return { handlers, logger, settings, csp };
}
