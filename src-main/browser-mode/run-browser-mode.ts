/**
 * Runs the app without Electron: the same services and handlers as the Electron main
 * process, served to a browser tab on loopback.
 */
import { join } from 'node:path';
import { createAppServices } from '../app-services';
import { createJsonSettingsStore } from '../services/json-settings-store';
import type { LocalServerConfig } from '../services/local-server-config';
import type { LogSink } from '../services/logger';
import type { SecretStore } from '../services/secret-store';
import { startLocalApiServer, type LocalApiServer } from './local-api-server';

export interface BrowserModeOptions {
  localServer: LocalServerConfig | null;
  secrets: SecretStore;
  logSink: LogSink;
  /** The renderer's web build. */
  staticRoot: string;
  /** Settings and consultations of this browser-mode host. */
  dataDir: string;
  logDir: string;
  port?: number;
}

export async function runBrowserMode(options: BrowserModeOptions): Promise<LocalApiServer> {
  let origin = 'http://127.0.0.1';
  const services = await createAppServices({
    shell: 'browser',
    localServer: options.localServer,
    secrets: options.secrets,
    logSink: options.logSink,
    dataDir: options.dataDir,
    settingsStore: createJsonSettingsStore(join(options.dataDir, 'settings.json')),
    logDir: options.logDir,
    // A browser tab has no save dialog: exports come back to it as downloads.
    chooseExportPath: async () => 'download',
    // Guests open the same web build from the same loopback server.
    localGuestPageUrl: () => `${origin}/`,
  });
  const server = await startLocalApiServer({
    handlers: services.handlers,
    logger: services.logger,
    staticRoot: options.staticRoot,
    csp: services.csp,
    port: options.port ?? 0,
  });
  origin = server.origin;
  return server;
}
