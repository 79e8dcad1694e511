/**
 * Wires the plain services together for either shell. Electron's main.ts and the
 * browser-mode runner both call this, so both run exactly the same handlers.
 */
import { join } from 'node:path';
import type { ConsultationView } from '../src-shared/ipc-contract';
import { createIpcHandlers, type IpcHandlers } from './ipc/handlers';
import { createConsultationService } from './services/consultations';
import { contentSecurityPolicy } from './services/content-security-policy';
import { encryptedJsonFile } from './services/encrypted-file';
import type { LocalServerConfig } from './services/local-server-config';
import { createLogger, type Logger, type LogSink } from './services/logger';
import { createRoomAdmin } from './services/room-admin';
import type { SecretStore } from './services/secret-store';
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
  /** Where the guest page for the local server is served. */
  localGuestPageUrl: () => string;
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
    file: encryptedJsonFile<ConsultationView[]>(
      join(options.dataDir, 'consultations.enc'),
      options.secrets,
      // API keys cannot contain spaces, so this account never clashes with one.
      'file key consultations',
    ),
    roomAdmin: createRoomAdmin,
    logger,
  });
  const handlers = createIpcHandlers({ shell: options.shell, settings, consultations, logger });
  logger.event('app.started', { keychain: options.secrets.kind === 'keychain' });
  const csp = async () => {
    const view = await settings.view();
    return contentSecurityPolicy(view.serverUrl ? [view.serverUrl] : []);
  };
  return { handlers, logger, settings, csp };
}
