/**
 * Everything a network-fault test needs around one impaired participant:
 *
 *   host side (this machine)                      namespace (the guest's bad line)
 *   ─────────────────────────                      ────────────────────────────────
 *   LiveKit on 127.0.0.1 and 198.51.100.x ◀──veth──▶ relay 127.0.0.1:<livekit>
 *     media (UDP/TCP ICE) on 198.51.100.x  ◀──veth──▶ Chromium (guest)
 *   app (browser mode) on 127.0.0.1        ◀──veth──▶ relay 127.0.0.1:<app>
 *
 * The host's own browser stays on the host and reaches the same server directly. The
 * guest's page and signalling keep their loopback addresses through the relay (see
 * tcp-relay.ts), so the invite link is exactly what the app makes; media goes over the
 * veth to the server's node IP. Tests skip where `networkLabUnavailable()` says why.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import type { LocalApiServer } from '../src-main/browser-mode/local-api-server';
import { runBrowserMode } from '../src-main/browser-mode/run-browser-mode';
import { createMemoryLogSink } from '../src-main/services/logger';
import { createMemorySecretStore } from '../src-main/services/secret-store';
import { chromiumArgs, chromiumPath } from './chromium';
import {
  projectRoot,
  startLocalLivekit,
  testPort,
  type LocalLivekit,
  type Profile,
} from './local-livekit';
import { createNetworkNamespace, type NetworkNamespace } from './netns';
import { startTcpRelay } from './tcp-relay';
import { webBuildDir } from './web-build';

/**
 * The extra servers' ports sit 10 to 29 above the test port (`AUGENHOEHE_TEST_PORT`,
 * default 7890), so two checkouts running side by side never meet: the lab's server at 10
 * to 12, the cluster's nodes at 13 to 18 and its Redis at 29 (livekit-cluster.ts).
 */
export function labProfile(hostAddress: string): Profile {
  const port = testPort + 10;
  return {
    name: 'network-lab',
    port,
    udpPort: port + 2,
    addresses: [hostAddress],
  };
}

export interface NetworkLab {
  ns: NetworkNamespace;
  livekit: LocalLivekit;
  /** The host's app (browser mode); its invite links work inside the namespace as they are. */
  app: LocalApiServer;
  /** A Chromium running inside the namespace, behind the bad line. */
  launchGuestBrowser(extraArgs?: string[]): Promise<Browser>;
  /** A Chromium on the host side, on the good line (closed with the lab). */
  launchHostBrowser(extraArgs?: string[]): Promise<Browser>;
  /** Kills the LiveKit server (SIGKILL) and starts it again on the same ports. */
  restartServer(options?: { downMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

async function startRelayInside(ns: NetworkNamespace, relays: string[]): Promise<ChildProcess> {
  const child = ns.spawn(process.execPath, [
    '--import',
    'tsx',
    join(projectRoot, 'scripts', 'tcp-relay.ts'),
    ...relays,
  ]);
  await new Promise<void>((done, fail) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`the relay did not start: ${output}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready')) {
        clearTimeout(timer);
        done();
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the relay exited with ${code}: ${output}`));
    });
  });
  return child;
}

/** Builds the lab. The web build must exist (Playwright's global setup makes it). */
export async function startNetworkLab(): Promise<NetworkLab> {
  const ns = createNetworkNamespace();
  const cleanups: (() => Promise<void> | void)[] = [() => ns.remove()];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => {});
    cleanups.length = 0;
  };
  try {
    const profile = labProfile(ns.hostAddress);
    let livekit = await startLocalLivekit(profile, () => {}, { reuse: false });
    cleanups.push(() => livekit.kill());

    const dataDir = mkdtempSync(join(tmpdir(), 'augenhoehe-lab-'));
    const app = await runBrowserMode({
      localServer: { serverUrl: livekit.url, apiKey: livekit.apiKey, apiSecret: livekit.apiSecret },
      secrets: createMemorySecretStore(),
      logSink: createMemoryLogSink(),
      logDir: join(dataDir, 'logs'),
      staticRoot: webBuildDir,
      dataDir,
    });
    cleanups.push(() => app.close());
    const appPort = Number(new URL(app.origin).port);

    // The app listens on loopback only; the host's end of the veth forwards to it.
    const hostRelay: Server = await startTcpRelay({
      listen: { host: ns.hostAddress, port: appPort },
      target: { host: '127.0.0.1', port: appPort },
    });
    cleanups.push(
      () =>
        new Promise<void>((done) => {
          hostRelay.close(() => done());
        }),
    );
    const relay = await startRelayInside(ns, [
      `127.0.0.1:${appPort}=${ns.hostAddress}:${appPort}`,
      `127.0.0.1:${profile.port}=${ns.hostAddress}:${profile.port}`,
    ]);
    cleanups.push(() => {
      relay.kill('SIGKILL');
    });

    const browsers: Browser[] = [];
    cleanups.push(async () => {
      await Promise.all(browsers.map((browser) => browser.close().catch(() => {})));
    });

    return {
      ns,
      get livekit() {
        return livekit;
      },
      app,
      async launchGuestBrowser(extraArgs = []) {
        const browser = await chromium.launch({
          executablePath: ns.chromiumPath,
          args: [...chromiumArgs, ...extraArgs],
        });
        browsers.push(browser);
        return browser;
      },
      async launchHostBrowser(extraArgs = []) {
        const browser = await chromium.launch({
          executablePath: chromiumPath,
          args: [...chromiumArgs, ...extraArgs],
        });
        browsers.push(browser);
        return browser;
      },
      async restartServer(options = {}) {
        await livekit.kill();
        if (options.downMs) await new Promise((done) => setTimeout(done, options.downMs));
        livekit = await startLocalLivekit(profile, () => {}, { reuse: false, appendLog: true });
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
