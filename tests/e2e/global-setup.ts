/**
 * Starts the real LiveKit server (test ports) and the app in browser mode once for all
 * end-to-end tests, and tells the tests where they are through the environment.
 */
import { join } from 'node:path';
import { projectRoot } from '../../scripts/local-livekit';
import { startTestApp } from '../../scripts/test-app';
import { createDailyFileLogSink } from '../../src-main/services/log-file';
import { serveProbe } from './probe/serve';

export default async function globalSetup() {
  const { livekit, app, logDir, stop } = await startTestApp(createDailyFileLogSink);
  const probe = await serveProbe();
  process.env.AUGENHOEHE_E2E_PROBE_URL = probe.url;
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
    await probe.close();
    await stop();
  };
}
