/**
 * Wires the plain services together for either shell. Electron's main.ts and the
 * browser-mode runner both call this, so both run exactly the same handlers.
 */
import { createIpcHandlers, type IpcHandlers, type ServerSettings } from './ipc/handlers';
import { contentSecurityPolicy } from './services/content-security-policy';
import { createLogger, type Logger, type LogSink } from './services/logger';
import type { LocalServerConfig } from './services/local-server-config';
import { createRoomAdmin } from './services/room-admin';
import type { SecretStore } from './services/secret-store';

export interface AppServices {
  handlers: IpcHandlers;
  logger: Logger;
  settings: ServerSettings;
  csp: string;
}

export async function createAppServices(options: {
  shell: 'electron' | 'browser';
  localServer: LocalServerConfig;
  secrets: SecretStore;
  logSink: LogSink;
  guestPageUrl: () => string;
}): Promise<AppServices> {
  const logger = createLogger(options.logSink);
  const { serverUrl, apiKey, apiSecret } = options.localServer;
  // The embedded server's secret is handed to the store like any other, so the handlers
  // only ever read it from there.
  await options.secrets.set(apiKey, apiSecret);
  const settings: ServerSettings = { serverUrl, apiKey, localServer: true };
  const handlers = createIpcHandlers({
    shell: options.shell,
    settings: () => settings,
    guestPageUrl: options.guestPageUrl,
    secrets: options.secrets,
    roomAdmin: createRoomAdmin,
    logger,
  });
  logger.event('app.started', { keychain: options.secrets.kind === 'keychain' });
  return { handlers, logger, settings, csp: contentSecurityPolicy([serverUrl]) };
}
