/**
 * The app as the end-to-end tests and the benchmarks use it: the real LiveKit server on
 * its test ports, the web build, and browser mode with a memory secret store and fresh
 * folders for data and logs.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalApiServer } from '../src-main/browser-mode/local-api-server';
import { runBrowserMode } from '../src-main/browser-mode/run-browser-mode';
import type { LogSink } from '../src-main/services/logger';
import { createMemorySecretStore } from '../src-main/services/secret-store';
import { profiles, startLocalLivekit, type LocalLivekit } from './local-livekit';
import { buildWebPage } from './web-build';

export interface TestApp {
  livekit: LocalLivekit;
  app: LocalApiServer;
  logDir: string;
  stop(): Promise<void>;
}

export async function startTestApp(logSink: (logDir: string) => LogSink): Promise<TestApp> {
  const livekit = await startLocalLivekit(profiles.test);
  const { app, logDir } = await startBrowserModeApp(livekit, buildWebPage('error'), logSink);
  return {
    livekit,
    app,
    logDir,
    stop: async () => {
      await app.close();
      await livekit.stop();
    },
  };
}

/** Browser mode on a running LiveKit server, serving the given web build. */
export async function startBrowserModeApp(
  livekit: LocalLivekit,
  staticRoot: string,
  logSink: (logDir: string) => LogSink,
): Promise<{ app: LocalApiServer; logDir: string }> {
  const logDir = mkdtempSync(join(tmpdir(), 'augenhoehe-logs-'));
  const app = await runBrowserMode({
    localServer: { serverUrl: livekit.url, apiKey: livekit.apiKey, apiSecret: livekit.apiSecret },
    secrets: createMemorySecretStore(),
    logSink: logSink(logDir),
    logDir,
    staticRoot,
    dataDir: mkdtempSync(join(tmpdir(), 'augenhoehe-data-')),
  });
  return { app, logDir };
}
