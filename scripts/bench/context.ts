/**
 * What every figure group gets: the real LiveKit server (test ports), the app in browser
 * mode built as shipped, the diagnostic plain build on demand, the server API, and Debian's
 * Chromium.
 */
import { chromium, type Browser } from '@playwright/test';
import { RoomServiceClient } from 'livekit-server-sdk';
import { chromiumSwitchArgs } from '../../src-main/electron/chromium-switches';
import { createMemoryLogSink } from '../../src-main/services/logger';
import { chromiumArgs, chromiumArgsWithCameraAt, chromiumPath } from '../chromium';
import { profiles, startLocalLivekit, type LocalLivekit } from '../local-livekit';
import { startBrowserModeApp } from '../test-app';
import { buildWebPage } from '../web-build';
import type { BenchOptions } from './framework';
import { buildPlainWebPage } from './plain-build';
import { EXPOSE_GC_ARG } from './process-memory';

export type Variant = 'encrypted' | 'plain';

export interface AppUnderTest {
  variant: Variant;
  /** The host's address (browser mode, with its per-run token). */
  appUrl: string;
  origin: string;
  /** The web build it serves. */
  staticRoot: string;
}

export interface BenchContext {
  options: BenchOptions;
  livekit: LocalLivekit;
  /** The operator's view: what the server lists. */
  roomService: RoomServiceClient;
  /** The app as shipped (`encrypted`) or the diagnostic build without encryption (`plain`). */
  app(variant: Variant): Promise<AppUnderTest>;
  /**
   * The app as shipped, served by a browser-mode server of its own that has stored nothing
   * yet. For a page's memory in a call: the shared app's host comes to the call from a
   * list of every consultation the groups before made (a hundred and more in a full run),
   * and a long list leaves memory behind in the page after it closes (README, "what a long
   * list leaves behind").
   */
  freshApp(): Promise<AppUnderTest>;
  /**
   * A fresh Chromium with the fake camera and microphone. `exposeGc` gives every page and
   * worker a `gc()` (V8's `--expose-gc`; nothing else changes), for readings taken once the
   * garbage is collected. `desktop`: the host's browser, standing in for the desktop app's
   * window, with the Chromium switches its Electron shell appends (chromium-switches.ts);
   * guests' browsers, and Meet's, keep Chromium's defaults.
   */
  launch(options?: { cameraFps?: number; exposeGc?: boolean; desktop?: boolean }): Promise<Browser>;
  /**
   * Closes every browser launched so far. The runner calls it after each group: a call
   * left running in one group (two pages with camera and microphone) would weigh on every
   * figure after it.
   */
  closeBrowsers(): Promise<void>;
  progress(line: string): void;
}

/**
 * Chromium's own log, for a question the figures cannot answer (README, "where the
 * admission's first frame waits"): `AUGENHOEHE_BENCH_CHROMIUM_VMODULE=rtp_transport=3,…`
 * logs those source files to the browser's stderr, which Playwright prints with
 * `DEBUG=pw:browser`. Off unless asked for.
 */
function chromiumLogArgs(): string[] {
  const vmodule = process.env.AUGENHOEHE_BENCH_CHROMIUM_VMODULE;
  return vmodule ? ['--enable-logging=stderr', `--vmodule=${vmodule}`] : [];
}

export async function createBenchContext(
  options: BenchOptions,
  progress: (line: string) => void,
): Promise<{ context: BenchContext; close(): Promise<void> }> {
  const livekit = await startLocalLivekit(profiles.test);
  const closers: (() => Promise<void>)[] = [() => livekit.stop()];
  const apps = new Map<Variant, Promise<AppUnderTest>>();
  const browsers: Browser[] = [];

  /** A browser-mode server of its own for a web build, closed with the context. */
  const serve = async (variant: Variant, staticRoot: string): Promise<AppUnderTest> => {
    const { app } = await startBrowserModeApp(livekit, staticRoot, () => createMemoryLogSink());
    closers.push(() => app.close());
    return { variant, appUrl: app.appUrl, origin: app.origin, staticRoot };
  };
  const start = (variant: Variant): Promise<AppUnderTest> => {
    progress(`building the ${variant === 'plain' ? 'diagnostic plain ' : ''}web page …`);
    return serve(variant, variant === 'plain' ? buildPlainWebPage() : buildWebPage('error'));
  };

  const context: BenchContext = {
    options,
    livekit,
    roomService: new RoomServiceClient(
      livekit.url.replace(/^ws/, 'http'),
      livekit.apiKey,
      livekit.apiSecret,
    ),
    app(variant) {
      let app = apps.get(variant);
      if (!app) {
        app = start(variant);
        apps.set(variant, app);
      }
      return app;
    },
    async freshApp() {
      return serve('encrypted', (await context.app('encrypted')).staticRoot);
    },
    async launch({ cameraFps, exposeGc, desktop } = {}) {
      const args = [
        ...(cameraFps ? chromiumArgsWithCameraAt(cameraFps) : chromiumArgs),
        ...(exposeGc ? [EXPOSE_GC_ARG] : []),
        ...(desktop ? chromiumSwitchArgs() : []),
        ...chromiumLogArgs(),
      ];
      const browser = await chromium.launch({ executablePath: chromiumPath, args });
      browsers.push(browser);
      return browser;
    },
    async closeBrowsers() {
      await Promise.allSettled(browsers.splice(0).map((browser) => browser.close()));
    },
    progress,
  };

  return {
    context,
    async close() {
      await Promise.allSettled(browsers.map((browser) => browser.close()));
      for (const close of closers.reverse()) await close().catch(() => {});
    },
  };
}
