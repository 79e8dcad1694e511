/**
 * Starts the real LiveKit server (test ports) and the app in browser mode once for all
 * end-to-end tests, and tells the tests where they are through the environment.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { profiles, projectRoot, startLocalLivekit } from '../../scripts/local-livekit';
import { runBrowserMode } from '../../src-main/browser-mode/run-browser-mode';
import { createDailyFileLogSink } from '../../src-main/services/log-file';
import { createMemorySecretStore } from '../../src-main/services/secret-store';

export default async function globalSetup() {
  const livekit = await startLocalLivekit(profiles.test);
  const build = spawnSync(
    'npx',
    ['vite', 'build', '--config', 'vite.web.config.ts', '--logLevel', 'error'],
    {
      cwd: projectRoot,
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) throw new Error('web build failed');

  const logDir = mkdtempSync(join(tmpdir(), 'augenhoehe-e2e-logs-'));
  const app = await runBrowserMode({
    localServer: { serverUrl: livekit.url, apiKey: livekit.apiKey, apiSecret: livekit.apiSecret },
    secrets: createMemorySecretStore(),
    logSink: createDailyFileLogSink(logDir),
    logDir,
    staticRoot: join(projectRoot, 'out', 'web'),
    dataDir: mkdtempSync(join(tmpdir(), 'augenhoehe-e2e-data-')),
  });
  process.env.AUGENHOEHE_E2E_APP_URL = app.appUrl;
  process.env.AUGENHOEHE_E2E_ORIGIN = app.origin;
  process.env.AUGENHOEHE_E2E_TOKEN = app.token;
  process.env.AUGENHOEHE_E2E_LOG_DIR = logDir;
  process.env.AUGENHOEHE_E2E_LIVEKIT_URL = livekit.url;
  process.env.AUGENHOEHE_E2E_LIVEKIT_CREDENTIALS = join(
    projectRoot,
    '.local',
    'livekit',
    'test',
    'credentials.json',
  );

  return async () => {
    await app.close();
    await livekit.stop();
  };
}
