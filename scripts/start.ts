/**
 * `npm start`: the embedded LiveKit server, then the app. Electron where its binary can be
 * had; otherwise the same app in browser mode, with the address to open.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runBrowserMode } from '../src-main/browser-mode/run-browser-mode';
import { createDailyFileLogSink } from '../src-main/services/log-file';
import {
  LOCAL_SERVER_CREDENTIALS_VARIABLE,
  LOCAL_SERVER_URL_VARIABLE,
  type LocalServerConfig,
} from '../src-main/services/local-server-config';
import { openSecretStore, type KeytarLike } from '../src-main/services/secret-store';
import { LocalLivekitError, profiles, projectRoot, startLocalLivekit } from './local-livekit';
import { serveGuestPage } from './web';
import { buildWebPage } from './web-build';

const say = (line: string) => process.stdout.write(`${line}\n`);
const BROWSER_MODE_PORT = 5180;
const GUEST_PAGE_PORT = 5181;

function npx(args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync('npx', args, { cwd: projectRoot, stdio: 'inherit', env });
  if (result.status !== 0) throw new Error(`npx ${args.join(' ')} failed`);
}

/** Asks the electron package for its binary; it fetches it on first use where it can. */
function electronBinary(): string | null {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: 120_000,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const path = probe.status === 0 ? probe.stdout.trim() : '';
  return path && existsSync(path) ? path : null;
}

async function loadKeytar(): Promise<KeytarLike> {
  const keytar = (await import('keytar')) as { default?: KeytarLike } & KeytarLike;
  return keytar.default ?? keytar;
}

async function main(): Promise<void> {
  const livekit = await startLocalLivekit(profiles.dev, say);
  say(`LiveKit server at ${livekit.url} (local test server, loopback only).`);
  const localServer: LocalServerConfig = {
    serverUrl: livekit.url,
    apiKey: livekit.apiKey,
    apiSecret: livekit.apiSecret,
  };
  const stopAll = async () => {
    await livekit.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stopAll());
  process.on('SIGTERM', () => void stopAll());

  const staticRoot = buildWebPage();

  if (electronBinary()) {
    const guest = await serveGuestPage({
      staticRoot,
      livekitUrls: [livekit.url],
      port: GUEST_PAGE_PORT,
    });
    npx(['electron-vite', 'build', '--logLevel', 'warn']);
    const electron = spawn('npx', ['electron-vite', 'preview', '--skipBuild'], {
      cwd: projectRoot,
      stdio: 'inherit',
      env: {
        ...process.env,
        [LOCAL_SERVER_URL_VARIABLE]: livekit.url,
        [LOCAL_SERVER_CREDENTIALS_VARIABLE]: join(
          projectRoot,
          '.local',
          'livekit',
          'dev',
          'credentials.json',
        ),
        AUGENHOEHE_GUEST_PAGE_URL: guest.url,
      },
    });
    electron.on('exit', () => void guest.close().then(stopAll));
    return;
  }

  say(
    'Electron is not available on this machine (its binary could not be fetched), so Augenhöhe runs in browser mode.',
  );
  const secrets = await openSecretStore(loadKeytar);
  if (secrets.kind === 'missing') {
    say(
      'No OS keychain answered (on Linux: is a Secret Service such as gnome-keyring running and unlocked?). ' +
        'The app runs and says so on its first screen: consultations last for this run only, and notes cannot be saved.',
    );
  }
  const browserMode = {
    localServer,
    secrets,
    logSink: createDailyFileLogSink(join(projectRoot, '.local', 'logs')),
    logDir: join(projectRoot, '.local', 'logs'),
    staticRoot,
    dataDir: join(projectRoot, '.local', 'browser-mode'),
  };
  let app;
  try {
    app = await runBrowserMode({ ...browserMode, port: BROWSER_MODE_PORT });
  } catch {
    // The usual port is taken (another run?): any free one will do.
    app = await runBrowserMode(browserMode);
  }
  say(`Open this address in Chromium, Chrome, Edge or Firefox: ${app.appUrl}`);
  say('Press Ctrl+C to stop.');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof LocalLivekitError ? error.message : String(error)}\n`);
  process.exit(1);
});
